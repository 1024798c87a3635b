/**
 * The runner adapter's ID token request against loopback HTTP servers shaped like the runner's
 * token service: one request per call, the status kept for the retry policy, and a deadline that
 * ends the request itself.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import { requestRunnerIdToken } from '../../src/adapters/github-id-token.js';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';

let tokens: TokenEndpoint;
let silent: http.Server;
let silentUrl = '';
let openSockets = 0;

beforeAll(async () => {
  tokens = await startTokenEndpoint();
  // Accepts the request and never answers, as a hung token service would.
  silent = http.createServer(() => undefined);
  silent.on('connection', (socket) => {
    openSockets += 1;
    socket.on('close', () => { openSockets -= 1; });
  });
  await new Promise((resolve) => silent.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = silent.address();
  silentUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/idtoken?api-version=2.0`;
});

afterEach(() => tokens.setRun({}));

afterAll(async () => {
  silent.closeAllConnections();
  await Promise.all([tokens.close(), new Promise((resolve) => silent.close(() => resolve(undefined)))]);
});

describe('requestRunnerIdToken', () => {
  test('asks for the audience with the request token as bearer, and masks the token before returning it', async () => {
    const masked: string[] = [];
    const token = await requestRunnerIdToken(tokens.env, 'sts.amazonaws.com', 5000, (value) => masked.push(value));
    expect(token).toBe(tokens.tokens.at(-1));
    expect(masked).toEqual([token]);
    expect(tokens.requests.at(-1)).toEqual({ audience: 'sts.amazonaws.com', status: 200 });
  });

  test('an HTTP error is one request, with its status for the retry policy', async () => {
    tokens.failNext({ status: 503 });
    const before = tokens.requests.length;
    const error = await requestRunnerIdToken(tokens.env, 'sts.amazonaws.com', 5000, () => undefined).catch((caught: unknown) => caught);
    expect(tokens.requests.length - before).toBe(1);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 503 } });
  });

  test('a wrong request token is a 401', async () => {
    const error = await requestRunnerIdToken({ ...tokens.env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong' }, 'sts.amazonaws.com', 5000, () => undefined).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 401 } });
  });

  test('a service that never answers: a TimeoutError at the deadline, and the connection is closed', async () => {
    const env = { ACTIONS_ID_TOKEN_REQUEST_URL: silentUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' };
    // 2 s, not less: on a loaded machine a shorter deadline can fire before the socket is connected,
    // a race the adapter does not close yet (see the closing note of the session that found it).
    const error = await requestRunnerIdToken(env, 'sts.amazonaws.com', 2000, () => undefined).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    // The close reaches the server's side a moment later; a busy machine may take a while.
    for (let waited = 0; openSockets > 0 && waited < 20000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(openSockets).toBe(0);
  });

  test('without the runner\'s variables it fails without a request', async () => {
    await expect(requestRunnerIdToken({}, 'sts.amazonaws.com', 1000, () => undefined)).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });
});
