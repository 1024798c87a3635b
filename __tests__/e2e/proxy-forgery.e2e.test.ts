/**
 * The bundled actions behind a hostile proxy, with AWS's own endpoints (no AWS_ENDPOINT_URL): the
 * proxy answers CONNECT itself with 203 and AWS's XML, or opens the "tunnel" and then speaks plain
 * HTTP, or TLS with a certificate (trusted through NODE_EXTRA_CA_CERTS) for another name. Nothing
 * is exported, one ::error:: names the proxy (its password as ***) and what went wrong, and no
 * forged value nor the proxy password shows anywhere.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startHostileProxy, type HostileProxyMode } from '../../test/support/hostile-proxy.js';
import { assumeRoleAnswer, callerIdentityAnswer, fakeSessionCredentials, type HostileAnswer } from '../../test/support/hostile-sts.js';
import { throwawayCertificate } from '../../test/support/forward-proxy.js';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';
import { findSecretLeaks, removeWorkDirs, runAction } from '../../test/support/run-action.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER, EXAMPLE_ROLE_ARN as ROLE } from '../../test/support/fixtures.js';

const PASSWORD = 'Pr0xy-S3cret-9';
const FORGED = fakeSessionCredentials();
const expiration = () => new Date(Date.now() + 3600_000).toISOString();
// Forgeries good enough to pass every check of the answer the action makes (ARN shape, account, expiry).
const FORGED_ROLE = assumeRoleAnswer({
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/gha-session`,
  expiration: expiration(),
  credentials: FORGED,
});
const FORGED_CALLER = callerIdentityAnswer({ arn: 'arn:aws:iam::210987654321:user/mallory', account: '210987654321' });
const FORGED_OTHER_ROLE = assumeRoleAnswer({
  arn: 'arn:aws:sts::210987654321:assumed-role/deploy/gha-session',
  expiration: expiration(),
  credentials: FORGED,
});
const FORGED_KEYS: HostileAnswer = {
  status: 200,
  headers: { 'content-type': 'text/xml' },
  body:
    '<ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAccessKeysResult><IsTruncated>false</IsTruncated>' +
    `<AccessKeyMetadata><member><UserName>sam-cli-user</UserName><AccessKeyId>${USER.accessKeyId}</AccessKeyId><Status>Active</Status>` +
    `<CreateDate>${new Date().toISOString()}</CreateDate></member></AccessKeyMetadata></ListAccessKeysResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListAccessKeysResponse>`,
};

let otherName: Awaited<ReturnType<typeof throwawayCertificate>>;
let tokens: TokenEndpoint;

beforeAll(async () => {
  [otherName, tokens] = await Promise.all([throwawayCertificate(['other.example']), startTokenEndpoint()]);
});

afterAll(async () => {
  await tokens.close();
  await otherName.remove();
  await removeWorkDirs();
});

const KEY_INPUTS = { 'aws-access-key-id': USER.accessKeyId, 'aws-secret-access-key': USER.secretAccessKey, 'aws-region': 'eu-west-1' };

async function behindHostile(
  mode: HostileProxyMode,
  answers: HostileAnswer[],
  entry: string,
  inputs: Record<string, string>,
  env: Record<string, string> = {},
) {
  const proxy = await startHostileProxy({ mode, answers, tls: otherName });
  try {
    const result = await runAction(entry, {
      inputs,
      env: { HTTPS_PROXY: `http://ci:${PASSWORD}@127.0.0.1:${proxy.port}`, NODE_EXTRA_CA_CERTS: otherName.caFile, ...env },
    });
    return { result, connects: proxy.connects, shown: `http://ci:***@127.0.0.1:${proxy.port}` };
  } finally {
    await proxy.close();
  }
}

function expectRefused({ result, shown }: Awaited<ReturnType<typeof behindHostile>>, what: RegExp) {
  expect(result.exitCode).toBe(1);
  expect(result.env).toEqual({});
  expect(result.outputs).toEqual({});
  expect(result.errors).toHaveLength(1);
  expect(result.errors[0]).toContain(shown);
  expect(result.errors[0]).toMatch(what);
  expect(result.masks).toContain(PASSWORD);
  const forged = [
    { label: 'forged secret key', value: FORGED.secretAccessKey },
    { label: 'forged session token', value: FORGED.sessionToken },
    { label: 'forged key id', value: FORGED.accessKeyId },
    { label: 'proxy password', value: PASSWORD },
    { label: 'user secret', value: USER.secretAccessKey },
  ];
  expect(findSecretLeaks(result, forged)).toEqual([]);
}

describe('the root action behind a proxy that forges STS', () => {
  test('key mode, a role ARN: the CONNECT answered 203 with AssumeRole XML exports nothing', async () => {
    const run = await behindHostile('forge', [FORGED_ROLE], 'dist/main/index.js', { ...KEY_INPUTS, 'role-to-assume': ROLE });
    expectRefused(run, /answered CONNECT sts\.eu-west-1\.amazonaws\.com:443 with HTTP 203, not 200/);
    expect(run.connects).toEqual([{ target: 'sts.eu-west-1.amazonaws.com:443', authorized: true }]);
  });

  test('key mode, a bare role name: a forged GetCallerIdentity for another account goes no further', async () => {
    const run = await behindHostile('forge', [FORGED_CALLER, FORGED_OTHER_ROLE], 'dist/main/index.js', {
      ...KEY_INPUTS,
      'role-to-assume': 'deploy',
    });
    expectRefused(run, /with HTTP 203, not 200/);
    expect(run.connects).toHaveLength(1);
  });

  test('200, then plain HTTP instead of TLS', async () => {
    expectRefused(
      await behindHostile('plain', [FORGED_ROLE], 'dist/main/index.js', { ...KEY_INPUTS, 'role-to-assume': ROLE }),
      /the TLS session with sts\.eu-west-1\.amazonaws\.com:443 did not verify/,
    );
  });

  test('200, then TLS with a trusted certificate for another name', async () => {
    expectRefused(
      await behindHostile('other-name', [FORGED_ROLE], 'dist/main/index.js', { ...KEY_INPUTS, 'role-to-assume': ROLE }),
      /did not verify \(.*other\.example/,
    );
  });

  test("keyless mode: the ID token is GitHub's, the forged AssumeRoleWithWebIdentity answer exports nothing", async () => {
    const forged = assumeRoleAnswer({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/gha-session`,
      expiration: expiration(),
      credentials: FORGED,
      action: 'AssumeRoleWithWebIdentity',
    });
    const run = await behindHostile(
      'forge',
      [forged],
      'dist/main/index.js',
      { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE },
      tokens.env as Record<string, string>,
    );
    expectRefused(run, /with HTTP 203, not 200/);
    expect(findSecretLeaks(run.result, tokens.knownSecrets())).toEqual([]);
  });
});

describe('key-age behind a proxy that forges IAM', () => {
  test('a made-up key that looks fine is not reported as fine', async () => {
    const run = await behindHostile('forge', [FORGED_KEYS], 'dist/key-age/index.js', { ...KEY_INPUTS, 'tracking-issue': 'false' });
    expectRefused(run, /answered CONNECT iam\.amazonaws\.com:443 with HTTP 203, not 200/);
    expect(run.result.summary).not.toContain('within the limits');
  });
});
