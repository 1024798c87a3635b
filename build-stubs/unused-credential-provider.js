// Stand-in for @aws-sdk/credential-provider-node inside the bundles (see README.md here).
// The STS and IAM clients get the limited user's keys explicitly, so the SDK's default credential chain
// (environment, ini files, SSO, IMDS…, with the nested clients they carry) is never consulted.
export const defaultProvider = () => async () => {
  throw new Error('assume-deploy-role does not bundle the default AWS credential chain: pass credentials explicitly');
};
