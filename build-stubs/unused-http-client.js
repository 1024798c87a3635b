// Stand-in for @actions/http-client inside the main and post bundles (see README.md here).
const unused = () => {
  throw new Error('assume-deploy-role does not bundle @actions/http-client: core.getIDToken() is unavailable');
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
