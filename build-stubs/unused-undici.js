// Stand-in for undici inside the main and post bundles (see README.md here). @actions/http-client
// imports its ProxyAgent only for getProxyAgentDispatcher(), which core.getIDToken() never calls
// (its requests go through node:http/https, and through `tunnel` behind a proxy).
export class ProxyAgent {
  constructor() {
    throw new Error('assume-deploy-role does not bundle undici: getProxyAgentDispatcher() is unavailable');
  }
}
