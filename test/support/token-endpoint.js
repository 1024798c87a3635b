// @ts-check
/**
 * A loopback stand-in for the runner's OIDC token service. A job with `id-token: write` gets
 * ACTIONS_ID_TOKEN_REQUEST_URL (a URL that already has a query) and ACTIONS_ID_TOKEN_REQUEST_TOKEN;
 * `core.getIDToken(audience)` GETs the URL with `&audience=…` and `Authorization: Bearer <request
 * token>`, and reads `{ "value": "<JWT>" }`. The JWTs here are RS256, signed with a key pair made
 * when the endpoint starts, with the claims GitHub puts in its tokens.
 */
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { RUN_ENVIRONMENT } from './runner-environment.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
const TOKEN_PATH = '/_apis/distributedtask/hubs/Actions/plans/7c4e1b9a/jobs/2f0d6c3e/idtoken';

/**
 * @typedef {object} RunClaims what decides the claims of the next tokens; each field optional
 * @property {string} [repository] OWNER/REPO
 * @property {string} [ref] refs/heads/main
 * @property {string} [environment] the job's environment, if any
 * @property {string} [eventName] push, pull_request, workflow_dispatch…
 * @property {{ owner: number, repository: number }} [ids] the repository's immutable ids: the sub then has GitHub's
 *   immutable form, `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` (repositories created since 15 July 2026, or opted in)
 * @property {string} [subject] a sub of a customised template; by default GitHub's form from the fields above
 * @property {number} [lifetimeSeconds] exp - iat; negative for a token that has expired already
 *
 * @typedef {object} TokenEndpoint
 * @property {string} url ACTIONS_ID_TOKEN_REQUEST_URL
 * @property {string} requestToken ACTIONS_ID_TOKEN_REQUEST_TOKEN
 * @property {Record<string, string>} env both variables, to pass to a step
 * @property {string} issuer
 * @property {import('jose').JWK} publicJwk the key that verifies every token, with its kid
 * @property {(claims: RunClaims) => void} setRun the run the following tokens describe
 * @property {(fault: { status: number, times?: number }) => void} failNext answer the next requests with an HTTP error
 * @property {{ audience: string | undefined, status: number }[]} requests every request, without tokens
 * @property {string[]} tokens every token issued, in order
 * @property {() => { label: string, value: string }[]} knownSecrets the request token and every issued token, for findSecretLeaks
 * @property {() => Promise<void>} close
 */

/**
 * GitHub's default `sub`: `repo:OWNER/REPO:` then the environment, `pull_request`, or the ref.
 * @param {Required<Pick<RunClaims, 'repository' | 'ref' | 'eventName'>> & { environment?: string }} run
 */
export function defaultSubject({ repository, ref, environment, eventName }) {
  if (environment) return `repo:${repository}:environment:${environment}`;
  if (eventName === 'pull_request' || eventName === 'pull_request_target') return `repo:${repository}:pull_request`;
  return `repo:${repository}:ref:${ref}`;
}

/**
 * @param {{ now?: () => Date, issuer?: string }} [options]
 * @returns {Promise<TokenEndpoint>}
 */
export async function startTokenEndpoint(options = {}) {
  const now = options.now ?? (() => new Date());
  const issuer = options.issuer ?? GITHUB_ISSUER;
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = randomBytes(8).toString('hex');
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const requestToken = randomBytes(48).toString('base64url');
  /** @type {RunClaims} */
  let run = {};
  /** @type {{ status: number, remaining: number }[]} */
  const faults = [];
  /** @type {TokenEndpoint['requests']} */
  const requests = [];
  /** @type {string[]} */
  const tokens = [];

  const server = http.createServer((req, res) => {
    answer(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: `token endpoint bug: ${error}` }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('token endpoint has no TCP address');
  const url = `http://127.0.0.1:${address.port}${TOKEN_PATH}?api-version=2.0`;

  return {
    url,
    requestToken,
    env: { ACTIONS_ID_TOKEN_REQUEST_URL: url, ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken },
    issuer,
    publicJwk,
    setRun: (claims) => void (run = { ...claims }),
    failNext: ({ status, times = 1 }) => void faults.push({ status, remaining: times }),
    requests,
    tokens,
    knownSecrets: () => [
      { label: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', value: requestToken },
      ...tokens.map((value, index) => ({ label: `OIDC ID token ${index + 1}`, value })),
    ],
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function answer(req, res) {
    const target = new URL(req.url ?? '/', 'http://127.0.0.1');
    const audience = target.searchParams.get('audience') ?? undefined;
    /** @param {number} status @param {unknown} body */
    const send = (status, body) => {
      requests.push({ audience, status });
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    const fault = faults.find((f) => f.remaining > 0);
    if (fault) {
      fault.remaining -= 1;
      return send(fault.status, { message: `injected HTTP ${fault.status}` });
    }
    if (req.method !== 'GET' || target.pathname !== TOKEN_PATH || target.searchParams.get('api-version') !== '2.0') {
      return send(404, { message: 'not found' });
    }
    if (req.headers.authorization !== `Bearer ${requestToken}`) return send(401, { message: 'Unauthorized' });
    send(200, { count: 1, value: await mint(audience) });
  }

  /** @param {string | undefined} audience */
  async function mint(audience) {
    const repository = run.repository ?? RUN_ENVIRONMENT.GITHUB_REPOSITORY;
    const ref = run.ref ?? RUN_ENVIRONMENT.GITHUB_REF;
    const eventName = run.eventName ?? RUN_ENVIRONMENT.GITHUB_EVENT_NAME;
    const [owner = '', name = ''] = repository.split('/');
    const subjectRepository = run.ids ? `${owner}@${run.ids.owner}/${name}@${run.ids.repository}` : repository;
    const issuedAt = Math.floor(now().getTime() / 1000);
    const lifetime = run.lifetimeSeconds ?? 300;
    const claims = {
      jti: randomUUID(),
      sub: run.subject ?? defaultSubject({ repository: subjectRepository, ref, environment: run.environment, eventName }),
      ...(run.ids ? { repository_owner_id: String(run.ids.owner), repository_id: String(run.ids.repository) } : {}),
      ...(run.environment ? { environment: run.environment } : {}),
      ref,
      sha: RUN_ENVIRONMENT.GITHUB_SHA,
      repository,
      repository_owner: owner,
      run_id: RUN_ENVIRONMENT.GITHUB_RUN_ID,
      run_number: RUN_ENVIRONMENT.GITHUB_RUN_NUMBER,
      run_attempt: RUN_ENVIRONMENT.GITHUB_RUN_ATTEMPT,
      actor: RUN_ENVIRONMENT.GITHUB_ACTOR,
      workflow: RUN_ENVIRONMENT.GITHUB_WORKFLOW,
      event_name: eventName,
      ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      job_workflow_ref: `${repository}/.github/workflows/deploy.yml@${ref}`,
      runner_environment: 'github-hosted',
    };
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid })
      .setIssuer(issuer)
      // Without an audience GitHub uses the owner's URL, which no AWS provider lists by default.
      .setAudience(audience ?? `https://github.com/${owner}`)
      .setIssuedAt(issuedAt)
      .setNotBefore(issuedAt - 5)
      .setExpirationTime(issuedAt + lifetime)
      .sign(privateKey);
    tokens.push(token);
    return token;
  }
}
