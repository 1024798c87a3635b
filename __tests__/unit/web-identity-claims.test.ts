/** Decoding GitHub's OIDC token without verifying it: only well-shaped claims may reach a message. */
import { describe, expect, test } from '@jest/globals';
import { decodeWebIdentityClaims, providerHostPath } from '../../src/assume-role/web-identity-claims.js';

const segment = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (claims: Record<string, unknown>) => `${segment({ alg: 'RS256', typ: 'JWT' })}.${segment(claims)}.c2lnbmF0dXJl`;

const GITHUB = {
  iss: 'https://token.actions.githubusercontent.com',
  aud: 'sts.amazonaws.com',
  sub: 'repo:octo-org/serverless-app:ref:refs/heads/main',
  repository: 'octo-org/serverless-app',
  ref: 'refs/heads/main',
  event_name: 'push',
  iat: 1764600000,
  exp: 1764600300,
};

describe('decodeWebIdentityClaims', () => {
  test('reads the claims GitHub puts in its token', () => {
    expect(decodeWebIdentityClaims(jwt({ ...GITHUB, environment: 'production' }))).toEqual({
      issuer: GITHUB.iss,
      audiences: ['sts.amazonaws.com'],
      subject: GITHUB.sub,
      repository: 'octo-org/serverless-app',
      ref: 'refs/heads/main',
      environment: 'production',
      eventName: 'push',
      expiresAt: 1764600300,
      issuedAt: 1764600000,
    });
  });

  test('takes an audience list as well as one audience', () => {
    expect(decodeWebIdentityClaims(jwt({ ...GITHUB, aud: ['sts.amazonaws.com', 'other'] }))?.audiences).toEqual([
      'sts.amazonaws.com',
      'other',
    ]);
  });

  test('an enterprise issuer with its own path is a valid issuer', () => {
    const claims = decodeWebIdentityClaims(jwt({ ...GITHUB, iss: 'https://token.actions.githubusercontent.com/octo-enterprise' }));
    expect(claims && providerHostPath(claims.issuer)).toBe('token.actions.githubusercontent.com/octo-enterprise');
  });

  test.each([
    ['not a JWT at all', 'not-a-token'],
    ['a payload that is not JSON', `${segment({ alg: 'RS256' })}.bm90IGpzb24.c2ln`],
  ])('%s decodes to nothing', (_case, token) => {
    expect(decodeWebIdentityClaims(token)).toBeUndefined();
  });

  test.each([
    ['an issuer over plain http', { iss: 'http://token.actions.githubusercontent.com' }],
    ['a sub with a line break (it would start a workflow command)', { sub: 'repo:o/r:ref:refs/heads/main\n::add-mask::x' }],
    ['a sub with a double quote (it would break the statement)', { sub: 'repo:o/r:ref:refs/heads/"x' }],
    ['no sub', { sub: undefined }],
    ['an empty audience list', { aud: [] }],
    ['an audience that is not text', { aud: [42] }],
    ['no expiry', { exp: undefined }],
    ['an expiry that is text', { exp: '1764600300' }],
    ['a repository that is not OWNER/REPO', { repository: 'octo-org' }],
    ['a ref outside refs/', { ref: 'main' }],
    ['an environment with a control character', { environment: 'prod\u0007' }],
  ])('a token with %s is not explained', (_case, change) => {
    expect(decodeWebIdentityClaims(jwt({ ...GITHUB, ...change }))).toBeUndefined();
  });
});
