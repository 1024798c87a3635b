// @actions/http-client under the package's own alias (package.json "imports"): the main and post
// bundles give @actions/core a stand-in for it (build-stubs/README.md) and this real one only to
// keyless mode, in a chunk the key path never reads (src/adapters/actions-io.ts loads it).
import { HttpClient } from '#actions-http-client';
import { BearerCredentialHandler } from '#actions-http-client/auth';
import type { Io } from '../shared/io.js';

/** An HTTP answer as the retry policy reads failures: `$metadata.httpStatusCode`, as the AWS SDK's errors carry it. */
function statusError(message: string, status: number): Error {
  return Object.assign(new Error(message), { name: 'IdTokenRequestError', $metadata: { httpStatusCode: status } });
}

/**
 * GitHub's OIDC ID token for `audience`, requested as `core.getIDToken` does (the runner's URL with
 * `&audience=`, the request token as bearer, `{ value }` back), with two differences that keyless
 * mode's retry policy needs: one attempt per call (no hidden retries inside), and a deadline that
 * ends the request itself, so no socket outlives the attempt and keeps the step from exiting.
 * `mask` gets the token before this returns.
 */
export async function requestRunnerIdToken(env: Io['env'], audience: string, timeoutMs: number, mask: (value: string) => void): Promise<string> {
  const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!url || !requestToken) throw statusError('the runner gave this step no ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN', 403);
  const client = new HttpClient('assume-deploy-role', [new BearerCredentialHandler(requestToken)], { allowRetries: false, socketTimeout: timeoutMs, keepAlive: false });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      client.dispose();
      reject(Object.assign(new Error(`no ID token within ${(timeoutMs / 1000).toFixed(1)} s`), { name: 'TimeoutError' }));
    }, timeoutMs);
  });
  try {
    const answer = await Promise.race([client.getJson<{ value?: unknown }>(`${url}&audience=${encodeURIComponent(audience)}`), deadline]);
    const token = answer.result?.value;
    if (typeof token !== 'string' || token === '') throw statusError(`GitHub's token service answered HTTP ${answer.statusCode} without a token`, answer.statusCode === 200 ? 502 : answer.statusCode);
    mask(token);
    return token;
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') throw statusError(`GitHub's token service answered HTTP ${status}`, status);
    throw error;
  } finally {
    clearTimeout(timer);
    client.dispose();
  }
}
