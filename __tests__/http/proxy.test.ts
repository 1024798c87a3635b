/**
 * The proxy router the AWS clients get when a proxy applies, against a loopback forward proxy that
 * wants Basic credentials: every call of a run, not only the first, must get through it (a CONNECT
 * tunnel with Proxy-Authorization, to an https endpoint whose certificate verifies), and a NO_PROXY
 * match must bypass it. (http endpoints are never reached through a proxy: proxy-forgery.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';
import { proxyHandlerOptions } from '../../src/adapters/proxy.js';
import { startForwardProxy } from '../../test/support/forward-proxy.js';

let target: https.Server;
let targetUrl = '';
let ca = '';
let proxy: Awaited<ReturnType<typeof startForwardProxy>>;

beforeAll(async () => {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }] }],
  });
  ca = pems.cert;
  target = https.createServer({ key: pems.private, cert: pems.cert }, (request, response) => {
    request.resume();
    request.on('end', () => response.end('ok'));
  });
  await new Promise((resolve) => target.listen(0, '127.0.0.1', () => resolve(undefined)));
  targetUrl = `https://localhost:${(target.address() as AddressInfo).port}`;
  proxy = await startForwardProxy({ credentials: { user: 'runner', password: 'secret' } });
});

afterAll(async () => {
  await proxy.close();
  target.closeAllConnections();
  await new Promise((resolve) => target.close(() => resolve(undefined)));
});

function post(agent: http.Agent): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${targetUrl}/call`, { method: 'POST', agent, ca }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end('Action=ListAccessKeys');
  });
}

const variables = (noProxy = '') => ({
  https_proxy: `http://runner:secret@127.0.0.1:${proxy.port}`,
  http_proxy: '',
  all_proxy: '',
  no_proxy: noProxy,
});

describe('proxyHandlerOptions', () => {
  test("several calls in one run: all get through the proxy's credential check, over a tunnel opened with the credentials", async () => {
    const agents = proxyHandlerOptions(variables());
    if (!agents) throw new Error('a proxy applies, so there must be agents');
    const before = proxy.requests.length;
    try {
      expect([await post(agents.httpsAgent), await post(agents.httpsAgent), await post(agents.httpsAgent)]).toEqual([200, 200, 200]);
    } finally {
      agents.httpsAgent.destroy();
    }
    // One tunnel per call or one for all, as the pool decides: each opened with the credentials.
    const tunnels = proxy.requests.slice(before);
    expect(tunnels.length).toBeGreaterThan(0);
    expect(tunnels).toEqual(tunnels.map(() => ({ method: 'CONNECT', target: new URL(targetUrl).host, authorized: true })));
  });

  test('a NO_PROXY match goes directly', async () => {
    const agents = proxyHandlerOptions(variables('localhost'));
    if (!agents) throw new Error('a proxy applies, so there must be agents');
    const before = proxy.requests.length;
    try {
      expect(await post(agents.httpsAgent)).toBe(200);
    } finally {
      agents.httpsAgent.destroy();
    }
    expect(proxy.requests.length).toBe(before);
  });

  test('no proxy variables: no agents, the SDK keeps its own handler', () => {
    expect(proxyHandlerOptions({ https_proxy: '', http_proxy: '', all_proxy: '', no_proxy: '' })).toBeUndefined();
  });
});
