import { providerHostPath } from './web-identity-claims.js';

export interface WebIdentityTrustInput {
  partition: string;
  /** The account of the role, where its OIDC provider has to exist. */
  account: string;
  issuer: string;
  audience: string;
  subject: string;
}

/** `arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com` */
export function oidcProviderArn(partition: string, account: string, issuer: string): string {
  return `arn:${partition}:iam::${account}:oidc-provider/${providerHostPath(issuer)}`;
}

/**
 * The trust-policy statement that admits exactly this run: the account's provider for the token's
 * issuer, the audience the action asked for and the token's own `sub`, both compared exactly.
 */
export function webIdentityTrustStatement(input: WebIdentityTrustInput): string {
  const key = providerHostPath(input.issuer);
  return JSON.stringify({
    Effect: 'Allow',
    Principal: { Federated: oidcProviderArn(input.partition, input.account, input.issuer) },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: {
      StringEquals: { [`${key}:aud`]: input.audience, [`${key}:sub`]: input.subject },
    },
  });
}
