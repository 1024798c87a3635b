/**
 * The runner adapter's ID token request against loopback HTTP servers shaped like the runner's
 * token service: one request per call, the status kept for the retry policy, and a deadline that
 * ends the request itself.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import selfsigned from 'selfsigned';
import { requestRunnerIdToken } from '../../src/adapters/github-id-token.js';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';
import { startForwardProxy, startTlsFront } from '../../test/support/forward-proxy.js';
import { StepFailure } from '../../src/shared/step-failure.js';
import { trustInThisProcess } from '../../test/support/hostile-proxy.js';

let tokens: TokenEndpoint;
let silent: http.Server;
let silentUrl = '';
let openSockets = 0;
let trickle: http.Server;
let trickleUrl = '';
let huge: http.Server;
let hugeUrl = '';

async function listen(server: http.Server): Promise<string> {
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/idtoken?api-version=2.0`;
}

async function allClosed(): Promise<number> {
  // The close reaches the server's side a moment later; a busy machine may take a while.
  for (let waited = 0; openSockets > 0 && waited < 20000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  return openSockets;
}

beforeAll(async () => {
  tokens = await startTokenEndpoint();
  // Accepts the request and never answers, as a hung token service would.
  silent = http.createServer(() => undefined);
  silent.on('connection', (socket) => {
    openSockets += 1;
    socket.on('close', () => {
      openSockets -= 1;
    });
  });
  silentUrl = await listen(silent);
  // Starts a 200 answer and never finishes it: the deadline must also end a request mid-body.
  trickle = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.write('{"value":"eyJ');
  });
  trickle.on('connection', (socket) => {
    openSockets += 1;
    socket.on('close', () => {
      openSockets -= 1;
    });
  });
  trickleUrl = await listen(trickle);
  huge = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ value: 'x'.repeat(200 * 1024) }));
  });
  hugeUrl = await listen(huge);
});

afterEach(() => tokens.setRun({}));

afterAll(async () => {
  for (const server of [silent, trickle, huge]) server.closeAllConnections();
  await Promise.all([
    tokens.close(),
    ...[silent, trickle, huge].map((server) => new Promise((resolve) => server.close(() => resolve(undefined)))),
  ]);
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
    const error = await requestRunnerIdToken(
      { ...tokens.env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong' },
      'sts.amazonaws.com',
      5000,
      () => undefined,
    ).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 401 } });
  });

  test('a service that never answers: a TimeoutError at the deadline, and the connection is closed', async () => {
    const env = { ACTIONS_ID_TOKEN_REQUEST_URL: silentUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' };
    const error = await requestRunnerIdToken(env, 'sts.amazonaws.com', 300, () => undefined).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(await allClosed()).toBe(0);
  });

  test('a deadline that fires before the connection is made still ends the request', async () => {
    const env = { ACTIONS_ID_TOKEN_REQUEST_URL: silentUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' };
    // 1 ms: the timer fires before, while or just after the socket connects, whichever the machine allows.
    const errors = await Promise.all(
      Array.from({ length: 10 }, () =>
        requestRunnerIdToken(env, 'sts.amazonaws.com', 1, () => undefined).catch((caught: unknown) => caught),
      ),
    );
    for (const error of errors) expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(await allClosed()).toBe(0);
  });

  test('an answer that starts and never ends: a TimeoutError, nothing masked, the connection closed', async () => {
    const masked: string[] = [];
    const env = { ACTIONS_ID_TOKEN_REQUEST_URL: trickleUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' };
    const error = await requestRunnerIdToken(env, 'sts.amazonaws.com', 300, (value) => masked.push(value)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(masked).toEqual([]);
    expect(await allClosed()).toBe(0);
  });

  test('an answer far larger than a token is refused as a bad gateway, not read to the end', async () => {
    const env = { ACTIONS_ID_TOKEN_REQUEST_URL: hugeUrl, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token' };
    const error = await requestRunnerIdToken(env, 'sts.amazonaws.com', 5000, () => undefined).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 502 } });
  });

  test("through the runner's proxy when HTTPS_PROXY applies (a tunnel to the https token service), directly when NO_PROXY matches", async () => {
    const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
      keySize: 2048,
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
    });
    const untrust = trustInThisProcess(pems.cert);
    const front = await startTlsFront(Number(new URL(tokens.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '').port), {
      key: pems.private,
      cert: pems.cert,
    });
    const proxy = await startForwardProxy();
    try {
      const url = new URL(tokens.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
      const env = { ...tokens.env, ACTIONS_ID_TOKEN_REQUEST_URL: `${front.url}${url.pathname}${url.search}` };
      const proxied = await requestRunnerIdToken({ ...env, HTTPS_PROXY: proxy.url }, 'sts.amazonaws.com', 5000, () => undefined);
      expect(proxied).toBe(tokens.tokens.at(-1));
      expect(proxy.requests).toEqual([{ method: 'CONNECT', target: new URL(front.url).host, authorized: undefined }]);
      await requestRunnerIdToken({ ...env, HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost' }, 'sts.amazonaws.com', 5000, () => undefined);
      expect(proxy.requests).toHaveLength(1);
    } finally {
      await proxy.close();
      await front.close();
      untrust();
    }
  });

  test('an http token URL that HTTP_PROXY applies to is refused, nothing sent: over plain http the proxy could answer with a token', async () => {
    const proxy = await startForwardProxy();
    try {
      const error = await requestRunnerIdToken({ ...tokens.env, HTTP_PROXY: proxy.url }, 'sts.amazonaws.com', 5000, () => undefined).catch(
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(StepFailure);
      expect((error as Error).message).toContain(`is plain http and the proxy ${proxy.url} applies to it`);
      expect(proxy.requests).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  test("without the runner's variables it fails without a request", async () => {
    await expect(requestRunnerIdToken({}, 'sts.amazonaws.com', 1000, () => undefined)).rejects.toMatchObject({
      $metadata: { httpStatusCode: 403 },
    });
  });
});
