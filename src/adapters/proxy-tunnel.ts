import type { AgentConnectOpts } from 'agent-base';
import type http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { proxyTexts } from '../shared/messages/proxy.js';
import { proxyForDisplay } from '../shared/proxy-settings.js';
import { redact } from '../shared/redact.js';
import { StepFailure } from '../shared/step-failure.js';

/** CONNECT answers that say the proxy could not reach the endpoint this time: retried like a refused connection. */
const UPSTREAM_UNREACHABLE = new Set([502, 503, 504]);
/** Errors during the handshake that say the connection broke, not that something else answered: retried. */
const BROKEN_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED']);

/** A tunnel that cannot carry the endpoint's answer now; the message is final, so it is not retried. */
class ProxyRefusal extends StepFailure {}

function connectRefused(proxy: string, target: string, status: number | undefined): Error {
  const message = proxyTexts.connectRefused(proxy, target, status ?? 0);
  if (status !== undefined && UPSTREAM_UNREACHABLE.has(status)) {
    return Object.assign(new Error(message), { name: 'ProxyConnectFailed', $metadata: { httpStatusCode: status } });
  }
  return new ProxyRefusal(message);
}

/** Resolves once the handshake completed and the certificate verified for `host`; the socket is destroyed otherwise. */
function verifiedHandshake(socket: tls.TLSSocket, unverified: (reason: string) => Error): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      socket.off('secureConnect', onSecure).off('error', onError).off('close', onClose);
      if (!error) return resolve();
      socket.destroy();
      reject(error);
    };
    const onSecure = () => settle(socket.authorized ? undefined : unverified(String(socket.authorizationError ?? 'not authorized')));
    const onError = (error: NodeJS.ErrnoException) =>
      settle(error.code && BROKEN_CONNECTION.has(error.code) ? error : unverified(`${error.code ?? error.name}: ${error.message}`));
    const onClose = () => settle(Object.assign(new Error('the tunnel closed before the TLS handshake ended'), { code: 'ECONNRESET' }));
    socket.once('secureConnect', onSecure).once('error', onError).once('close', onClose);
  });
}

/**
 * https-proxy-agent, holding its tunnel to the rule that an answer counts only when it came over a
 * TLS session with the endpoint whose certificate verified: a CONNECT answered with anything but
 * 200 fails (the agent itself would replay the proxy's answer to the request as if the endpoint
 * had sent it), and the socket is handed over only after the handshake verified the certificate
 * for the endpoint's own host name, an IP address included (the agent would check a certificate
 * for an IP endpoint against the proxy's host instead).
 */
export class VerifiedTunnelAgent extends HttpsProxyAgent<string> {
  private readonly display: string;

  constructor(proxyUrl: string) {
    super(proxyUrl, { keepAlive: true });
    this.display = proxyForDisplay(proxyUrl);
  }

  override async connect(request: http.ClientRequest, options: AgentConnectOpts): Promise<net.Socket> {
    const host = options.host ?? '';
    const target = `${net.isIPv6(host) ? `[${host}]` : host}:${options.port}`;
    if (!options.secureEndpoint) throw new ProxyRefusal(proxyTexts.plainHttp(`http://${target}`, this.display));
    let status: number | undefined;
    request.once('proxyConnect', (answer: { statusCode?: number }) => {
      status = answer.statusCode;
    });
    const socket = await super.connect(request, {
      ...options,
      rejectUnauthorized: true,
      checkServerIdentity: (_name: string, certificate: tls.PeerCertificate) => tls.checkServerIdentity(host, certificate),
    });
    if (status !== 200 || !(socket instanceof tls.TLSSocket)) {
      socket.destroy();
      throw connectRefused(this.display, target, status);
    }
    await verifiedHandshake(socket, (reason) => new ProxyRefusal(proxyTexts.tlsUnverified(this.display, target, redact(reason))));
    return socket;
  }
}
