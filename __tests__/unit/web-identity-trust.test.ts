/** The trust-policy statement that admits exactly this run. */
import { describe, expect, test } from '@jest/globals';
import { oidcProviderArn, webIdentityTrustStatement } from '../../src/assume-role/web-identity-trust.js';

describe('webIdentityTrustStatement', () => {
  test("names the account's GitHub provider, the audience and this run's sub", () => {
    const statement = JSON.parse(
      webIdentityTrustStatement({
        partition: 'aws',
        account: '111122223333',
        issuer: 'https://token.actions.githubusercontent.com',
        audience: 'sts.amazonaws.com',
        subject: 'repo:octo-org/serverless-app:environment:production',
      }),
    );
    expect(statement).toEqual({
      Effect: 'Allow',
      Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: {
        StringEquals: {
          'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
          'token.actions.githubusercontent.com:sub': 'repo:octo-org/serverless-app:environment:production',
        },
      },
    });
  });

  test('other partitions and enterprise issuers name their own provider and condition keys', () => {
    const statement = JSON.parse(
      webIdentityTrustStatement({
        partition: 'aws-us-gov',
        account: '111122223333',
        issuer: 'https://token.actions.githubusercontent.com/octo-enterprise',
        audience: 'sts.amazonaws.com',
        subject: 'repo:o/r:pull_request',
      }),
    );
    expect(statement.Principal.Federated).toBe(
      'arn:aws-us-gov:iam::111122223333:oidc-provider/token.actions.githubusercontent.com/octo-enterprise',
    );
    expect(Object.keys(statement.Condition.StringEquals)).toEqual([
      'token.actions.githubusercontent.com/octo-enterprise:aud',
      'token.actions.githubusercontent.com/octo-enterprise:sub',
    ]);
  });

  test('oidcProviderArn', () => {
    expect(oidcProviderArn('aws-cn', '111122223333', 'https://token.actions.githubusercontent.com')).toBe(
      'arn:aws-cn:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
    );
  });
});
