/**
 * The proxy router the AWS clients get when a proxy applies, against a loopback forward proxy that
 * wants Basic credentials: every request, not only a connection's first, must reach it as a proxy
 * request (absolute URI, Proxy-Authorization), and a NO_PROXY match must bypass it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyHandlerOptions } from '../../src/adapters/proxy.js';
import { startForwardProxy } from '../../test/support/forward-proxy.js';

let target: http.Server;
let targetUrl = '';
let proxy: Awaited<ReturnType<typeof startForwardProxy>>;

beforeAll(async () => {
  target = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('ok'));
  });
  await new Promise((resolve) => target.listen(0, '127.0.0.1', () => resolve(undefined)));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  proxy = await startForwardProxy({ credentials: { user: 'runner', password: 'secret' } });
});

afterAll(async () => {
  await proxy.close();
  target.closeAllConnections();
  await new Promise((resolve) => target.close(() => resolve(undefined)));
});

function post(agent: http.Agent): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${targetUrl}/call`, { method: 'POST', agent }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', reject);
    request.end('Action=ListAccessKeys');
  });
}

const variables = (noProxy = '') => ({ https_proxy: '', http_proxy: `http://runner:secret@127.0.0.1:${proxy.port}`, all_proxy: '', no_proxy: noProxy });

describe('proxyHandlerOptions', () => {
  test('several calls in one run: each goes to the proxy with the absolute URI and the credentials', async () => {
    const agents = proxyHandlerOptions(variables());
    if (!agents) throw new Error('a proxy applies, so there must be agents');
    const before = proxy.requests.length;
    try {
      expect([await post(agents.httpAgent), await post(agents.httpAgent), await post(agents.httpAgent)]).toEqual([200, 200, 200]);
    } finally {
      agents.httpAgent.destroy();
    }
    expect(proxy.requests.slice(before)).toEqual(Array.from({ length: 3 }, () => ({ method: 'POST', target: `${targetUrl}/call`, authorized: true })));
  });

  test('a NO_PROXY match goes directly', async () => {
    const agents = proxyHandlerOptions(variables('127.0.0.1'));
    if (!agents) throw new Error('a proxy applies, so there must be agents');
    const before = proxy.requests.length;
    try {
      expect(await post(agents.httpAgent)).toBe(200);
    } finally {
      agents.httpAgent.destroy();
    }
    expect(proxy.requests.length).toBe(before);
  });

  test('no proxy variables: no agents, the SDK keeps its own handler', () => {
    expect(proxyHandlerOptions({ https_proxy: '', http_proxy: '', all_proxy: '', no_proxy: '' })).toBeUndefined();
  });
});
