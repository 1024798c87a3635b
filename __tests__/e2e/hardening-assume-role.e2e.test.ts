/**
 * Issue #8, the root action: the bundle (dist/main) under the runner emulation against STS
 * answers an attacker chose (test/support/hostile-sts.js) and against the loopback test server.
 * `npm run build` first.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import {
  BAD_GATEWAY_PAGE,
  assumeRoleAnswer,
  fakeSessionCredentials,
  redirectAnswer,
  startHostileSts,
} from '../../test/support/hostile-sts.js';
import { findSecretLeaks, runAction } from '../../test/support/run-action.js';

type Run = Awaited<ReturnType<typeof runAction>>;
type Hostile = Awaited<ReturnType<typeof startHostileSts>>;

const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '999988887777';
const USER = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SIGNER = { accessKeyId: 'AKIAJSIGNEREXAMPLE01', secretAccessKey: 'Zr8NkW3fVbHsQpYtL1mXcE7uA9dJgT2oRiEXAMPL' };
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const SESSION = 'gha-11823456789-1@octo-org.serverless-app';
const HOUR = 60 * 60 * 1000;

const hostiles: Hostile[] = [];
const cleanup: string[] = [];

afterEach(async () => {
  await Promise.all(hostiles.splice(0).map((server) => server.close()));
  await Promise.all(cleanup.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function run(endpoint: string, inputs: Record<string, string> = {}, env: Record<string, string | undefined> = {}): Promise<Run> {
  const result = await runAction('dist/main/index.js', {
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      ...inputs,
    },
    env: { AWS_ENDPOINT_URL: endpoint, ...env },
  });
  cleanup.push(result.workDir);
  return result;
}

/** An STS that answers every AssumeRole with these values; the credentials are fresh and well formed. */
async function hostileAssumeRole(values: { arn?: string; expiration?: string } = {}) {
  const credentials = fakeSessionCredentials();
  const server = await startHostileSts(() =>
    assumeRoleAnswer({
      arn: values.arn ?? `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/${SESSION}`,
      expiration: values.expiration ?? new Date(Date.now() + HOUR).toISOString(),
      credentials,
    }),
  );
  hostiles.push(server);
  return { server, credentials };
}

function expectRefusedWithNothingExported(result: Run, credentials: ReturnType<typeof fakeSessionCredentials>) {
  expect(result.exitCode).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.warnings).toEqual([]);
  expect(result.env).toEqual({});
  expect(result.outputs).toEqual({});
  expect(result.state).toEqual({});
  expect(
    findSecretLeaks(result, [
      { label: 'user secret', value: USER.secretAccessKey },
      { label: 'session secret', value: credentials.secretAccessKey },
      { label: 'session token', value: credentials.sessionToken },
    ]),
  ).toEqual([]);
}

describe('finding 4: text from the STS answer never reaches the log raw', () => {
  test('a line break in AssumedRoleUser.Arn starts no workflow command; the malformed ARN is refused', async () => {
    const { server, credentials } = await hostileAssumeRole({
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/x\n::error::injected\n::warning::injected`,
    });
    const result = await run(server.url);
    expect(result.commands.filter((command) => command.data.includes('injected') && command.command !== 'error')).toEqual([]);
    expect(result.errors.filter((line) => line === 'injected')).toEqual([]);
    expect(result.stdout.split('\n').some((line) => line.startsWith('::error::injected') || line.startsWith('::warning::injected'))).toBe(
      false,
    );
    expectRefusedWithNothingExported(result, credentials);
    expect(result.errors[0]).toMatch(/^STS AssumeRole answered with an assumed-role ARN that is not shaped like one/);
  });
});

describe("finding 5: the STS answer must be for the requested role's account; a non-default endpoint is named", () => {
  test('credentials for another account are refused and nothing is exported, even with allowed-account-ids empty', async () => {
    const { server, credentials } = await hostileAssumeRole({ arn: `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/deploy/${SESSION}` });
    const result = await run(server.url);
    expectRefusedWithNothingExported(result, credentials);
    expect(result.errors[0]).toContain(`account ${OTHER_ACCOUNT}`);
    expect(result.errors[0]).toContain(`role-to-assume is in account ${ACCOUNT}`);
  });

  test("the log names the endpoint when AWS_ENDPOINT_URL points away from AWS's default", async () => {
    const { server } = await hostileAssumeRole();
    const result = await run(server.url);
    expect(result.exitCode).toBe(0);
    expect(result.visibleLog).toContain(`STS AssumeRole goes to ${server.url}, not AWS's default endpoint for eu-west-1`);
  });

  test('an endpoint_url in the AWS config file (AWS_CONFIG_FILE) is named in the log', async () => {
    const { server } = await hostileAssumeRole();
    const dir = await mkdtemp(path.join(tmpdir(), 'aws-config-'));
    cleanup.push(dir);
    const configFile = path.join(dir, 'config');
    await writeFile(configFile, `[default]\nendpoint_url = ${server.url}\n`);
    const result = await run('', {}, { AWS_ENDPOINT_URL: undefined, AWS_CONFIG_FILE: configFile });
    expect(server.requests.map((request) => request.action)).toEqual(['AssumeRole']);
    expect(result.exitCode).toBe(0);
    expect(result.visibleLog).toContain(`STS AssumeRole goes to ${server.url}, not AWS's default endpoint for eu-west-1`);
  });
});

describe('finding 6: limits cut by code points', () => {
  let server: Awaited<ReturnType<typeof startAwsTestServer>>;
  beforeAll(async () => {
    server = await startAwsTestServer();
    const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
    server.addAccessKey('sam-cli-user', USER);
    server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn], trustActions: ['sts:AssumeRole', 'sts:TagSession'] });
  });
  afterAll(() => server.close());

  test('session-tags: true with a branch name whose 256th UTF-16 unit is half of a character', async () => {
    // U+20000 is a letter outside the BMP: two UTF-16 units; the cut at 256 units falls between them.
    const ref = `refs/heads/${'b'.repeat(244)}${'\u{20000}'.repeat(5)}`;
    const result = await run(server.url, { 'session-tags': 'true' }, { GITHUB_REF: ref });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    const branch = server.sessions.at(-1)?.tags.find((tag) => tag.key === 'Branch')?.value ?? '';
    expect(branch).toBe(`refs/heads/${'b'.repeat(244)}`);
    expect(branch).not.toMatch(/[\uD800-\uDFFF]/);
  });
});

describe('finding 7: impossible expirations are refused', () => {
  test.each([
    ['in the past', () => new Date(Date.now() - 9000 * 24 * HOUR).toISOString()],
    ['in year 9999', () => '9999-12-31T23:59:59Z'],
  ])('an Expiration %s: nothing exported', async (_, expiration) => {
    const { server, credentials } = await hostileAssumeRole({ expiration: expiration() });
    const result = await run(server.url);
    expectRefusedWithNothingExported(result, credentials);
    expect(result.errors[0]).toMatch(
      /^STS AssumeRole answered with credentials that expire at .+, which is not between now and 12 hours from now/,
    );
  });
});

describe('finding 8: messages say what happened', () => {
  test('a 502 HTML page from STS: the message gives the HTTP status', async () => {
    const server = await startHostileSts(() => BAD_GATEWAY_PAGE);
    hostiles.push(server);
    const result = await run(server.url, { 'retry-max-attempts': '2' });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('HTTP 502');
    expect(result.errors[0]).not.toContain('Unknown: Unknown');
    expect(result.env).toEqual({});
  });

  test('a 307 redirect from STS: the message gives the HTTP status and is not retried', async () => {
    const server = await startHostileSts(() => redirectAnswer('https://elsewhere.example/'));
    hostiles.push(server);
    const result = await run(server.url);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('HTTP 307')]);
    expect(result.errors[0]).not.toContain('Unknown: Unknown');
    expect(server.requests).toHaveLength(1);
  });

  test('a 400-digit role-duration-seconds says it is too large, not Infinity', async () => {
    const result = await run('http://127.0.0.1:9', { 'role-duration-seconds': '9'.repeat(400) });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('role-duration-seconds: must be from 900 to 43200; the value given is larger')]);
    expect(result.errors[0]).not.toContain('Infinity');
  });
});

describe('finding 11: every AWS failure ends with what AWS said, code included', () => {
  let server: Awaited<ReturnType<typeof startAwsTestServer>>;
  beforeAll(async () => {
    server = await startAwsTestServer();
    const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
    server.addAccessKey('sam-cli-user', { ...USER, status: 'Inactive' });
    server.addUser({ account: ACCOUNT, name: 'signer' });
    server.addAccessKey('signer', SIGNER);
    server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
  });
  afterAll(() => server.close());

  test('an inactive key (InvalidClientTokenId)', async () => {
    const result = await run(server.url);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(/AWS said: InvalidClientTokenId: The security token included in the request is invalid\.?$/),
    ]);
  });

  test('a wrong secret (SignatureDoesNotMatch)', async () => {
    const result = await run(server.url, { 'aws-access-key-id': SIGNER.accessKeyId, 'aws-secret-access-key': USER.secretAccessKey });
    expect(result.errors).toEqual([
      expect.stringMatching(/AWS said: SignatureDoesNotMatch: The request signature we calculated does not match/),
    ]);
  });
});
