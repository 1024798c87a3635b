import { redact } from '../redact.js';

/** The one retry loop for GitHub (adapters/github-call.ts). */
export const gitHubCallTexts = {
  noAnswer: (ms: number) => `no answer within ${(ms / 1000).toFixed(0)} s`,
  redirectRefused: (status: number, method: string, origin: string | undefined) =>
    `GitHub answered HTTP ${status}, a redirect to ${origin === undefined ? 'an unreadable location' : redact(origin)}; ${method === 'GET' ? 'a redirect to another origin is' : 'a write is'} never followed (the token would go with it)`,
  waitTooLong: (said: string, ms: number) => `${said} (GitHub asks to wait ${Math.ceil(ms / 1000)} s, longer than this call may take)`,
  badPublicKey: 'GitHub answered without a usable public key (key_id and a 32-byte base64 key)',
  badSecretList: 'GitHub answered the list of secrets without a secrets array',
  plainHttpThroughProxy: (origin: string, proxy: string) =>
    `GitHub's API at ${redact(origin)} is plain http and a proxy (${proxy}) applies to it: over plain http the proxy could answer in GitHub's name, ` +
    'so nothing was sent. Use an https GITHUB_API_URL, or add its host to NO_PROXY if this runner reaches it directly',
  noViewer: 'GitHub GraphQL named no viewer for github-token',
  noPublicKey: (said: string) => `could not get the secrets' public key, so nothing was sent: ${said}`,
};
