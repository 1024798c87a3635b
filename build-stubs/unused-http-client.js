// Stand-in for @actions/http-client inside the main and post bundles (see README.md here).
// @actions/core imports it only for getIDToken(), which this action never calls: keyless mode's
// token request (src/adapters/github-id-token.ts) is a plain node:http GET with its own deadline.
const unused = () => {
  throw new Error('assume-deploy-role does not bundle @actions/http-client for @actions/core: core.getIDToken() is unavailable');
};
export class HttpClient {
  constructor() {
    unused();
  }
}
export class BearerCredentialHandler {
  constructor() {
    unused();
  }
}
