import { usesProxy, type ProxyVariables } from '../shared/proxy-settings.js';

/**
 * The AWS clients' request handler options when a proxy applies, else undefined (the SDK keeps its
 * own). The proxy agents (proxy.ts) are loaded only then, in a chunk of their own.
 */
export async function proxyRequestHandler(
  proxy: ProxyVariables | undefined,
): Promise<Awaited<ReturnType<(typeof import('./proxy.js'))['proxyHandlerOptions']>>> {
  if (!proxy || !usesProxy(proxy)) return undefined;
  return (await import('./proxy.js')).proxyHandlerOptions(proxy);
}
