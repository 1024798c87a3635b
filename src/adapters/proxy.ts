import { Agent, type AgentConnectOpts } from 'agent-base';
import http from 'node:http';
import https from 'node:https';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';
import { usesProxy, type ProxyVariables } from '../shared/proxy-settings.js';

/**
 * proxy-from-env reads process.env only; the variables that apply (the inputs may replace the
 * runner's) are put there for the one synchronous call and then restored.
 */
function proxyFor(url: string, variables: ProxyVariables): string {
  const names = Object.keys(variables).flatMap((name) => [name, name.toUpperCase()]);
  const saved = names.map((name) => [name, process.env[name]] as const);
  try {
    for (const name of names) delete process.env[name];
    for (const [name, value] of Object.entries(variables)) if (value !== '') process.env[name] = value;
    return getProxyForUrl(url);
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/**
 * Routes each connection the SDK opens: through the proxy that applies to its URL (a CONNECT
 * tunnel for https, an absolute-URI request for http), or directly when NO_PROXY matches.
 */
class ProxyRouter extends Agent {
  private readonly agents = new Map<string, http.Agent>();
  private readonly direct = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  constructor(private readonly variables: ProxyVariables) {
    // Not keep-alive itself: a socket pooled here would be handed to the next request without
    // connect(), so a request for an http endpoint would go to the proxy with a relative path and
    // no Proxy-Authorization (a 407 on every call after the first). The agents below pool instead.
    super({ keepAlive: false });
  }

  connect(_request: http.ClientRequest, options: AgentConnectOpts): http.Agent {
    const scheme = options.secureEndpoint ? 'https' : 'http';
    const proxy = proxyFor(`${scheme}://${options.host}:${options.port}`, this.variables);
    if (proxy === '') return this.direct[scheme];
    const key = `${scheme} ${proxy}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = options.secureEndpoint ? new HttpsProxyAgent(proxy, { keepAlive: true }) : new HttpProxyAgent(proxy, { keepAlive: true });
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
