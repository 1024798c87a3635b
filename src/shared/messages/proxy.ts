/**
 * What the step says when a proxy is in the way: a tunnel the proxy did not open, a TLS session
 * that did not verify, a plain-http endpoint behind a proxy, a proxy variable that is not a URL.
 * `proxy` is always the proxy's URL with its password already replaced (proxyForDisplay).
 */

const RULE = 'an answer counts only when it comes over a TLS session with the endpoint whose certificate verified';

export const proxyTexts = {
  connectRefused: (proxy: string, target: string, status: number) =>
    `The proxy ${proxy} answered CONNECT ${target} with HTTP ${status}, not 200, so no TLS session with ${target} was opened ` +
    `and nothing the proxy sent is used (${RULE}). Check the proxy's rules and credentials for ${target} (407: the proxy wants other credentials; ` +
    `403: it does not allow the host); nothing was exported.`,
  tlsUnverified: (proxy: string, target: string, reason: string) =>
    `Through the proxy ${proxy}, the TLS session with ${target} did not verify (${reason}), so something other than ${target} answered ` +
    `and nothing it sent is used (${RULE}). If the proxy inspects TLS with a certificate authority of its own, give that CA to the step ` +
    `with NODE_EXTRA_CA_CERTS; nothing was exported.`,
  plainHttp: (url: string, proxy: string) =>
    `${url} is plain http and the proxy ${proxy} applies to it: through a proxy only https endpoints are used, since over plain http ` +
    `the proxy or anyone on the way could answer in the endpoint's name. Use the https endpoint, or list its host in no-proxy / NO_PROXY ` +
    `to reach it directly; nothing was exported.`,
  /** The value is never shown: it may hold a password, and a fragment of it would be masked badly. */
  notAUrl: (variable: string) =>
    `${variable}: is not a proxy URL this step can use (http://HOST:PORT or https://HOST:PORT, optionally with USER:PASSWORD@, ` +
    `special characters in the password percent-encoded, / as %2F); the value is not shown, since it may hold a password`,
};
