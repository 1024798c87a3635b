import { Agent, type AgentConnectOpts } from 'agent-base';
import http from 'node:http';
import https from 'node:https';
import { usesProxy, type ProxyVariables } from '../shared/proxy-settings.js';
import { proxyFor } from './proxy-for-url.js';
import { VerifiedTunnelAgent } from './proxy-tunnel.js';

/**
 * Routes each connection the SDK opens: through the proxy that applies to its URL, in a CONNECT
 * tunnel whose TLS session with the endpoint verified, or directly when NO_PROXY matches. An http
 * endpoint a proxy applies to is refused (VerifiedTunnelAgent): over plain http the proxy could
 * answer in its name, so there is no answer through a proxy that could count.
 */
class ProxyRouter extends Agent {
  private readonly agents = new Map<string, http.Agent>();
  private readonly direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  constructor(private readonly variables: ProxyVariables) {
    // Not keep-alive itself: a socket pooled here would be handed to the next request without
    // connect(), past the NO_PROXY decision and the tunnel's checks. The agents below pool instead.
    super({ keepAlive: false });
  }

  connect(_request: http.ClientRequest, options: AgentConnectOpts): http.Agent {
    const scheme = options.secureEndpoint ? 'https' : 'http';
    const proxy = proxyFor(`${scheme}://${options.host}:${options.port}`, this.variables);
    if (proxy === '') return this.direct[scheme];
    const key = `${scheme} ${proxy}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = new VerifiedTunnelAgent(proxy);
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** Ends the sockets of every agent this router handed connections to, not only its own. */
  override destroy(): void {
    super.destroy();
    for (const agent of [this.direct.http, this.direct.https, ...this.agents.values()]) agent.destroy();
  }
}

/** The SDK's request handler options when a proxy applies; undefined keeps the SDK's own. */
export function proxyHandlerOptions(variables: ProxyVariables): { httpAgent: http.Agent; httpsAgent: https.Agent } | undefined {
  if (!usesProxy(variables)) return undefined;
  const router = new ProxyRouter(variables);
  return { httpAgent: router, httpsAgent: router as unknown as https.Agent };
}
