/**
 * The loopback token endpoint answers @actions/core's own getIDToken as the runner does, and the
 * test server's web-identity check decides like STS: provider, audience, signature, expiry, trust.
 */
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import * as core from '@actions/core';
import { generateKeyPair, exportJWK, SignJWT } from 'jose';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';
import { stringLike, verifyWebIdentityToken, type OidcProvider, type WebIdentityRole } from '../../test/support/aws-server/web-identity.js';

const ACCOUNT = '111122223333';
const PROVIDER_ARN = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const KEY = 'token.actions.githubusercontent.com';
let endpoint: TokenEndpoint;
let provider: OidcProvider;

const role = (condition: WebIdentityRole['federatedTrust'][number]['condition']): WebIdentityRole => ({
  arn: `arn:aws:iam::${ACCOUNT}:role/deploy`,
  account: ACCOUNT,
  federatedTrust: [{ federated: PROVIDER_ARN, condition }],
});
const TRUSTS_MAIN = role({
  StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com', [`${KEY}:sub`]: 'repo:octo-org/serverless-app:ref:refs/heads/main' },
});

/** The token a step would get, through @actions/core as the action itself asks. */
async function idToken(audience = 'sts.amazonaws.com'): Promise<string> {
  const saved = { ...process.env };
  const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  Object.assign(process.env, endpoint.env);
  try {
    return await core.getIDToken(audience);
  } finally {
    write.mockRestore();
    for (const name of Object.keys(endpoint.env)) if (!(name in saved)) delete process.env[name];
  }
}

beforeAll(async () => {
  endpoint = await startTokenEndpoint();
  provider = {
    arn: PROVIDER_ARN,
    url: endpoint.issuer,
    clientIds: ['sts.amazonaws.com'],
    keys: [endpoint.publicJwk as import('node:crypto').JsonWebKey],
  };
});
afterAll(() => endpoint.close());

describe('token endpoint', () => {
  test('answers @actions/core with a token for the audience asked, and records no token', async () => {
    const token = await idToken('sts.amazonaws.com');
    expect(endpoint.tokens).toContain(token);
    expect(endpoint.requests.at(-1)).toEqual({ audience: 'sts.amazonaws.com', status: 200 });
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
    expect(claims).toMatchObject({
      iss: 'https://token.actions.githubusercontent.com',
      aud: 'sts.amazonaws.com',
      sub: 'repo:octo-org/serverless-app:ref:refs/heads/main',
      repository: 'octo-org/serverless-app',
      ref: 'refs/heads/main',
    });
    expect(claims.exp - claims.iat).toBe(300);
  });

  test("a job environment and pull requests get GitHub's sub forms", async () => {
    endpoint.setRun({ environment: 'production' });
    const withEnvironment = JSON.parse(Buffer.from((await idToken()).split('.')[1] ?? '', 'base64url').toString());
    endpoint.setRun({ eventName: 'pull_request', ref: 'refs/pull/7/merge' });
    const pullRequest = JSON.parse(Buffer.from((await idToken()).split('.')[1] ?? '', 'base64url').toString());
    endpoint.setRun({});
    expect(withEnvironment).toMatchObject({ sub: 'repo:octo-org/serverless-app:environment:production', environment: 'production' });
    expect(pullRequest.sub).toBe('repo:octo-org/serverless-app:pull_request');
  });

  test('refuses a request without the request token', async () => {
    const answer = await fetch(`${endpoint.url}&audience=sts.amazonaws.com`);
    expect(answer.status).toBe(401);
  });

  test('an injected HTTP error reaches the client', async () => {
    endpoint.failNext({ status: 401 });
    await expect(idToken()).rejects.toThrow(/401/);
  });
});

describe('verifyWebIdentityToken', () => {
  const now = () => new Date();

  test('a token the role trusts', async () => {
    const verdict = verifyWebIdentityToken(await idToken(), { providers: [provider], role: TRUSTS_MAIN, now: now() });
    expect(verdict).toMatchObject({ ok: true, audience: 'sts.amazonaws.com', subject: 'repo:octo-org/serverless-app:ref:refs/heads/main' });
  });

  test('no provider for the issuer in the account', async () => {
    expect(verifyWebIdentityToken(await idToken(), { providers: [], role: TRUSTS_MAIN, now: now() })).toEqual({
      ok: false,
      status: 400,
      code: 'InvalidIdentityToken',
      message: 'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com',
    });
  });

  test('an audience the provider does not list', async () => {
    expect(verifyWebIdentityToken(await idToken('my-audience'), { providers: [provider], role: TRUSTS_MAIN, now: now() })).toMatchObject({
      ok: false,
      code: 'InvalidIdentityToken',
      message: 'Incorrect token audience',
    });
  });

  test('a signature from another key', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const forged = await new SignJWT({ sub: 'repo:octo-org/serverless-app:ref:refs/heads/main' })
      .setProtectedHeader({ alg: 'RS256', kid: endpoint.publicJwk.kid ?? '' })
      .setIssuer(endpoint.issuer)
      .setAudience('sts.amazonaws.com')
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await exportJWK(publicKey)).not.toEqual(endpoint.publicJwk);
    expect(verifyWebIdentityToken(forged, { providers: [provider], role: TRUSTS_MAIN, now: now() })).toMatchObject({
      ok: false,
      code: 'InvalidIdentityToken',
    });
  });

  test("an expired token, in AWS's words", async () => {
    endpoint.setRun({ lifetimeSeconds: -60 });
    const token = await idToken();
    endpoint.setRun({});
    const verdict = verifyWebIdentityToken(token, { providers: [provider], role: TRUSTS_MAIN, now: now() });
    expect(verdict).toMatchObject({ ok: false, status: 400, code: 'ExpiredTokenException' });
    expect(verdict.ok || verdict.message).toMatch(/^Token expired: current date\/time \d+ must be before the expiration date\/time\d+$/);
  });

  test.each([
    ['a sub for another branch', role({ StringEquals: { [`${KEY}:sub`]: 'repo:octo-org/serverless-app:ref:refs/heads/release' } })],
    ['a sub for an environment', role({ StringLike: { [`${KEY}:sub`]: 'repo:octo-org/serverless-app:environment:*' } })],
    ['an owner spelt in another case', role({ StringLike: { [`${KEY}:sub`]: 'repo:Octo-Org/serverless-app:*' } })],
    ['another audience', role({ StringEquals: { [`${KEY}:aud`]: 'other' } })],
    ['only IAM users', { ...TRUSTS_MAIN, federatedTrust: [] }],
    ['no such role', undefined],
  ])('a role that trusts %s refuses with AccessDenied', async (_case, trust) => {
    expect(verifyWebIdentityToken(await idToken(), { providers: [provider], role: trust, now: now() })).toEqual({
      ok: false,
      status: 403,
      code: 'AccessDenied',
      message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
    });
  });

  test('a StringLike wildcard admits every branch of the repository', async () => {
    const wildcard = role({
      StringLike: { [`${KEY}:sub`]: 'repo:octo-org/serverless-app:*' },
      StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com' },
    });
    expect(verifyWebIdentityToken(await idToken(), { providers: [provider], role: wildcard, now: now() }).ok).toBe(true);
  });

  test('stringLike: * and ? only, everything else literal', () => {
    expect(stringLike('repo:o/r:ref:refs/heads/*', 'repo:o/r:ref:refs/heads/feature/x')).toBe(true);
    expect(stringLike('repo:o/r:ref:refs/heads/v?', 'repo:o/r:ref:refs/heads/v1')).toBe(true);
    expect(stringLike('repo:o/r.x:*', 'repo:o/rax:pull_request')).toBe(false);
  });
});
