/** What the user reads for each way AssumeRoleWithWebIdentity fails. */
import { describe, expect, test } from '@jest/globals';
import { explainWebIdentityFailure, type WebIdentityCall } from '../../src/assume-role/web-identity-failure.js';
import { CallFailed } from '../../src/shared/retry.js';
import { noIdTokenPermission } from '../../src/assume-role/messages/web-identity.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJlLXRoYXQtaXMtbG9uZy1lbm91Z2g';
const CALL: WebIdentityCall = {
  region: 'eu-west-1',
  partition: 'aws',
  roleArn: 'arn:aws:iam::111122223333:role/deploy',
  roleName: 'deploy',
  account: '111122223333',
  audience: 'sts.amazonaws.com',
  durationSeconds: 3600,
  claims: {
    issuer: 'https://token.actions.githubusercontent.com',
    audiences: ['sts.amazonaws.com'],
    subject: 'repo:octo-org/serverless-app:environment:production',
    repository: 'octo-org/serverless-app',
    ref: 'refs/heads/main',
    environment: 'production',
    expiresAt: 1764600300,
  },
  secrets: [TOKEN],
};

const failed = (code: string, message: string, reason: CallFailed['reason'] = 'permanent') =>
  new CallFailed(
    { code, message, clockSkewCorrected: false, network: false, throttling: false, sdkTransient: false, httpStatus: 400 },
    1,
    reason,
    10,
  );

describe('explainWebIdentityFailure', () => {
  test('AccessDenied: the statement that admits this run, filled in, and the near misses', () => {
    const message = explainWebIdentityFailure(failed('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'), CALL);
    expect(message).toContain('"Federated":"arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com"');
    expect(message).toContain('"token.actions.githubusercontent.com:sub":"repo:octo-org/serverless-app:environment:production"');
    expect(message).toContain('"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"');
    expect(message).toContain('"Action":"sts:AssumeRoleWithWebIdentity"');
    expect(message).toContain('repo:octo-org/serverless-app:ref:refs/heads/main');
    expect(message).toContain('trusts only that user');
    expect(message).toContain('AWS said: AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity');
  });

  test("AccessDenied on a pull_request run: the statement is said to admit every pull request's code, and an environment is suggested", () => {
    const message = explainWebIdentityFailure(failed('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'), {
      ...CALL,
      claims: {
        ...CALL.claims!,
        subject: 'repo:octo-org/serverless-app:pull_request',
        ref: 'refs/pull/7/merge',
        environment: undefined,
        eventName: 'pull_request',
      },
    });
    expect(message).not.toContain('admits exactly this run');
    expect(message).toContain('every pull_request run of octo-org/serverless-app has this same sub');
    expect(message).toContain('the code of every pull request opened from a branch of the repository');
    expect(message).toContain('trust repo:octo-org/serverless-app:environment:NAME');
    expect(message).toContain('"token.actions.githubusercontent.com:sub":"repo:octo-org/serverless-app:pull_request"');
  });

  test('AccessDenied for an immutable-form sub: the form is named, and a name-only trust is said not to match it', () => {
    const subject = 'repo:octo-org@72180100/serverless-app@5928741:environment:production';
    const message = explainWebIdentityFailure(failed('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'), {
      ...CALL,
      claims: { ...CALL.claims!, subject },
    });
    expect(message).toContain(`"token.actions.githubusercontent.com:sub":"${subject}"`);
    expect(message).toContain("GitHub's immutable form, repo:OWNER@OWNER_ID/REPO@REPO_ID:… (octo-org@72180100/serverless-app@5928741)");
    expect(message).toContain('a trust condition on the name-only form (repo:octo-org/serverless-app:…) will not match it');
    expect(message).toContain('GitHubRepository octo-org@72180100/serverless-app@5928741');
    expect(message).toContain('admits exactly this run');
  });

  test('AccessDenied for a name-only sub: the form is named too', () => {
    const message = explainWebIdentityFailure(failed('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'), CALL);
    expect(message).toContain('uses the name-only form, repo:OWNER/REPO:… (octo-org/serverless-app)');
    expect(message).not.toContain('immutable form,');
  });

  test('AccessDenied for a token that did not decode: the statement with placeholders, no claim', () => {
    const message = explainWebIdentityFailure(failed('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity'), {
      ...CALL,
      claims: undefined,
    });
    expect(message).toContain('repo:OWNER/REPO:ref:refs/heads/BRANCH');
    // Which form the token used is unknown here: both are named.
    expect(message).toContain('the immutable form repo:OWNER@OWNER_ID/REPO@REPO_ID:…, which a name-only condition never matches');
    expect(message).toContain('oidc-provider/token.actions.githubusercontent.com');
  });

  test("no OIDC provider in the role's account", () => {
    const message = explainWebIdentityFailure(
      failed('InvalidIdentityToken', 'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'),
      CALL,
    );
    expect(message).toContain('Account 111122223333');
    expect(message).toContain('has no IAM OIDC identity provider for https://token.actions.githubusercontent.com');
    expect(message).toContain('audience sts.amazonaws.com');
  });

  test('an audience the provider does not list', () => {
    const message = explainWebIdentityFailure(failed('InvalidIdentityToken', 'Incorrect token audience'), {
      ...CALL,
      audience: 'my-audience',
    });
    expect(message).toContain('(the audience input, my-audience) is not one of the audiences');
    expect(message).toContain('--client-id my-audience');
  });

  test('an expired token', () => {
    const message = explainWebIdentityFailure(
      failed('ExpiredTokenException', 'Token expired: current date/time 1764600400 must be before the expiration date/time1764600300'),
      CALL,
    );
    expect(message).toContain('had expired when it arrived (it expired at 2025-12-01T14:45:00.000Z)');
    expect(message).not.toContain('long-lived access key');
  });

  test('AWS text that echoes the token prints without it', () => {
    const message = explainWebIdentityFailure(failed('InvalidIdentityToken', `bad token ${TOKEN}`), CALL);
    expect(message).toContain('STS could not validate');
    expect(message).not.toContain(TOKEN);
  });

  test('errors that did not heal say how often and how long it was tried', () => {
    const message = explainWebIdentityFailure(failed('Throttling', 'Rate exceeded', 'attempts'), CALL);
    expect(message).toMatch(/^STS AssumeRoleWithWebIdentity failed 1 time in 0\.0 s/);
  });
});

describe('noIdTokenPermission', () => {
  test('shows the permissions block to add and mentions forks and the key path', () => {
    const message = noIdTokenPermission();
    expect(message).toContain('permissions:\n  id-token: write\n  contents: read');
    expect(message).toContain('ACTIONS_ID_TOKEN_REQUEST_URL');
    expect(message).toContain('forks');
    expect(message).toContain('aws-secret-access-key');
  });
});
