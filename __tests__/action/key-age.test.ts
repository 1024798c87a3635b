/**
 * The key-age action's run(io) in process, through the recording Io, against the loopback IAM and
 * a nock'd GitHub API for the tracking issue.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createIssueTracker } from '../../src/adapters/github-issues.js';
import { run as runKeyAge, type KeyAgeDeps } from '../../src/key-age/run.js';
import { keyAgeDeps } from '../../src/entries/key-age-wiring.js';
import type { Io } from '../../src/shared/io.js';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { recordingIo, type RecordingIo } from '../../test/support/recording-io.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as KEY } from '../../test/support/fixtures.js';

// nock's interceptor patches node:http for the whole worker; later files in it must get the real one.
afterAll(() => nock.restore());

const USER = 'sam-cli-user';
const DAY = 24 * 60 * 60 * 1000;
const TOKEN = 'ghs_KeyAgeActionTierToken000000000000';
const ISSUES = '/repos/octo-org/app/issues';

let server: Awaited<ReturnType<typeof startAwsTestServer>>;

beforeEach(async () => {
  server = await startAwsTestServer();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
});

afterEach(async () => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  await server.close();
  expect(pending).toEqual([]);
});

function keyAged(days: number, selfIamRead = true) {
  server.addUser({ account: ACCOUNT, name: USER, selfIamRead });
  server.addAccessKey(USER, { ...KEY, createDate: new Date(Date.now() - days * DAY - 60 * 60 * 1000) });
}

function io(inputs: Record<string, string> = {}): RecordingIo {
  return recordingIo({
    inputs: { 'aws-access-key-id': KEY.accessKeyId, 'aws-secret-access-key': KEY.secretAccessKey, 'aws-region': 'eu-west-1', ...inputs },
    env: { AWS_ENDPOINT_URL: server.url, GITHUB_REPOSITORY: 'octo-org/app', GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '7' },
    now: Date.now(),
  });
}

const issueTracker: KeyAgeDeps['issueTracker'] = async (token, repository) => createIssueTracker(token, repository, globalThis.fetch);
/** The real adapters (the loopback IAM through AWS_ENDPOINT_URL), with a test's fakes in their place. */
const run = (step: Io, fakes: Partial<KeyAgeDeps> = {}) => runKeyAge(step, { ...keyAgeDeps(), ...fakes });

describe('key-age run(io)', () => {
  test('ok: outputs and summary, no annotation, no failure', async () => {
    keyAged(10);
    const step = io();
    await run(step);
    expect(step.failed).toBe(false);
    expect(step.annotations).toEqual([]);
    expect(step.outputs.status).toBe('ok');
    expect(step.outputs['oldest-key-age-days']).toBe('10');
    expect(step.summary.join('')).toContain('all keys are within the limits');
    expect(step.log().split('\n')).toEqual([
      `IAM ListAccessKeys goes to ${server.url}, not AWS's default endpoint for partition aws (set by an AWS_ENDPOINT_URL variable or endpoint_url in the AWS config)`,
      'Checked 1 access key: ok, the oldest active key is 10 days old.',
    ]);
  });

  test('warn: a titled warning, status warn, the step passes', async () => {
    keyAged(85);
    const step = io();
    await run(step);
    expect(step.failed).toBe(false);
    expect(step.annotations).toEqual([
      { severity: 'warning', title: 'Access key check', message: expect.stringContaining('rotate it within 5 days') },
    ]);
    expect(step.outputs.status).toBe('warn');
  });

  test('fail: the error annotation is the only error line, and the step fails', async () => {
    keyAged(95);
    const step = io();
    await run(step);
    expect(step.failed).toBe(true);
    expect(step.errors).toEqual([]);
    expect(step.annotations.map((annotation) => annotation.severity)).toEqual(['error']);
    expect(step.outputs.status).toBe('fail');
  });

  test('the age findings name the rotate command for this user and repository', async () => {
    keyAged(95);
    const step = io();
    await run(step);
    expect(step.annotations[0]?.message).toContain(
      'from a clone of assume-deploy-role at its release tag (or with the rotate action, examples/rotate.yml): node dist/cli/index.js rotate --user-name sam-cli-user --repo octo-org/app --role-to-assume "$(gh variable get AWS_DEPLOY_ROLE_ARN --repo octo-org/app)" --region eu-west-1',
    );
  });

  test('with secrets-environment (the guides keep the key in production), the command says --environment', async () => {
    keyAged(95);
    const step = io({ 'secrets-environment': 'production' });
    await run(step);
    expect(step.annotations[0]?.message).toMatch(/ --region eu-west-1 --environment production$/);
  });

  test('a user without the self-read policy: one error with the policy to attach', async () => {
    keyAged(10, false);
    const step = io();
    await run(step);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(/^IAM user sam-cli-user may not read its own access keys\./);
    expect(step.outputs).toEqual({});
  });

  test('input problems: one error, no IAM call', async () => {
    keyAged(10);
    const step = io({ 'max-age-days': 'ninety', 'tracking-issue': 'true' });
    await run(step);
    expect(server.requests).toEqual([]);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(/^2 inputs are invalid:\n- max-age-days: must be a whole number/);
  });

  test('tracking issue: opened while a finding stands, through the GitHub API', async () => {
    keyAged(85);
    let created: { title?: string; body?: string } = {};
    nock('https://api.github.com')
      .post('/graphql')
      .reply(200, { data: { viewer: { login: 'github-actions[bot]' } } })
      .get(ISSUES)
      .query({ state: 'open', creator: 'github-actions[bot]', per_page: '100' })
      .reply(200, [])
      .post(ISSUES, (body) => {
        created = body as typeof created;
        return true;
      })
      .reply(201, { number: 12 });
    const step = io({ 'tracking-issue': 'true', 'github-token': TOKEN });
    await run(step, { issueTracker });
    expect(step.log()).toContain('Opened tracking issue #12.');
    expect(created.title).toBe(`Access keys of IAM user sam-cli-user in account ${ACCOUNT} need attention`);
    expect(created.body?.split('\n')[0]).toBe(`<!-- assume-deploy-role:key-age account=${ACCOUNT} user=sam-cli-user -->`);
    expect(created.body).toContain('[this run](https://github.com/octo-org/app/actions/runs/7)');
    expect(step.masks).toContain(TOKEN);
  });

  test("tracking issue GitHub refuses: a warning, the check's result stands", async () => {
    keyAged(85);
    nock('https://api.github.com')
      .post('/graphql')
      .reply(200, { data: { viewer: { login: 'github-actions[bot]' } } })
      .get(ISSUES)
      .query(true)
      .reply(403, { message: 'Resource not accessible by integration' });
    const step = io({ 'tracking-issue': 'true', 'github-token': TOKEN });
    await run(step, { issueTracker });
    expect(step.failed).toBe(false);
    expect(step.annotations.at(-1)?.message).toMatch(
      /^The key check ran, but the tracking issue in octo-org\/app could not be updated: github-token may not write issues \(403\)/,
    );
  });
});

describe("key-age run(io) with the watcher role's session from the environment (user-name)", () => {
  const WATCHER = 'sam-cli-user-key-age-watcher-role';

  /** A session of a role whose policy allows reading `readsKeysOf`, as the root action exports it in keyless mode. */
  async function watcherSession(readsKeysOf: string[]) {
    const person = server.addUser({ account: ACCOUNT, name: 'person', canAssume: '*' });
    server.addAccessKey('person', { accessKeyId: 'AKIAPERSONKEY0000001', secretAccessKey: 'personSecretKey0000000000000000000000000' });
    const role = server.addRole({ account: ACCOUNT, name: WATCHER, trustedPrincipals: [person.arn], readsKeysOf });
    const sts = new STSClient({
      region: 'eu-west-1',
      endpoint: server.url,
      credentials: { accessKeyId: 'AKIAPERSONKEY0000001', secretAccessKey: 'personSecretKey0000000000000000000000000' },
    });
    const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: role.arn, RoleSessionName: 'key-age' }));
    server.requests.length = 0;
    return {
      AWS_ACCESS_KEY_ID: Credentials!.AccessKeyId!,
      AWS_SECRET_ACCESS_KEY: Credentials!.SecretAccessKey!,
      AWS_SESSION_TOKEN: Credentials!.SessionToken!,
    };
  }

  function keylessIo(credentials: Record<string, string>, inputs: Record<string, string> = { 'user-name': USER }): RecordingIo {
    return recordingIo({
      inputs: { 'aws-region': 'eu-west-1', ...inputs },
      env: { AWS_ENDPOINT_URL: server.url, GITHUB_REPOSITORY: 'octo-org/app', ...credentials },
      now: Date.now(),
    });
  }

  test("reads the user's keys with the role session, names the user in every call, masks the session first, and says once that the workflow's key is unknown", async () => {
    // The user may not read its own keys: only the role's policy lets the session read them.
    server.addUser({ account: ACCOUNT, name: USER, selfIamRead: false });
    server.addAccessKey(USER, {
      ...KEY,
      createDate: new Date(Date.now() - 85 * DAY - 60 * 60 * 1000),
      lastUsed: { date: new Date(Date.now() - DAY), service: 'sts', region: 'eu-west-1' },
    });
    const credentials = await watcherSession([USER]);
    const step = keylessIo(credentials);
    await run(step);
    expect(step.failed).toBe(false);
    expect(step.outputs.status).toBe('warn');
    expect(JSON.parse(step.outputs.report ?? '{}')).toMatchObject({
      userName: USER,
      keys: [{ key: KEY.accessKeyId.slice(-4), usedByThisWorkflow: false }],
    });
    expect(step.annotations).toEqual([
      {
        severity: 'notice',
        title: 'Checked without a key',
        message: expect.stringMatching(/^Checked the keys of IAM user sam-cli-user with the credentials an earlier step exported/),
      },
      { severity: 'warning', title: 'Access key check', message: expect.stringContaining('rotate it within 5 days') },
    ]);
    expect(step.summary.join('').match(/which key the deploy workflows use cannot be known here/g)).toHaveLength(1);
    expect(server.requests.map((r) => [r.action, r.accessKeyId, r.status])).toEqual([
      ['ListAccessKeys', credentials.AWS_ACCESS_KEY_ID, 200],
      ['GetAccessKeyLastUsed', credentials.AWS_ACCESS_KEY_ID, 200],
    ]);
    expect(step.masks).toEqual(expect.arrayContaining(Object.values(credentials)));
  });

  test('refused before any call without user-name, and with user-name next to a key', async () => {
    keyAged(10);
    const credentials = await watcherSession([USER]);
    const without = keylessIo(credentials, {});
    await run(without);
    expect(without.errors).toEqual([
      expect.stringMatching(/^Invalid input user-name: is empty and this step's environment holds credentials an earlier step exported/),
    ]);
    const both = io({ 'user-name': USER });
    await run(both);
    expect(both.errors).toEqual([expect.stringContaining('user-name: is set together with aws-access-key-id')]);
    const badName = keylessIo(credentials, { 'user-name': 'arn:aws:iam::111122223333:user/sam-cli-user' });
    await run(badName);
    expect(badName.errors).toEqual([expect.stringContaining('user-name: must be an IAM user name')]);
    expect(server.requests).toEqual([]);
  });

  test('the tracking issue works with the role session: its account comes from GetCallerIdentity of that session', async () => {
    keyAged(95);
    const credentials = await watcherSession([USER]);
    let created: { title?: string } = {};
    nock('https://api.github.com')
      .post('/graphql')
      .reply(200, { data: { viewer: { login: 'github-actions[bot]' } } })
      .get(ISSUES)
      .query(true)
      .reply(200, [])
      .post(ISSUES, (body) => {
        created = body as typeof created;
        return true;
      })
      .reply(201, { number: 13 });
    const step = keylessIo(credentials, { 'user-name': USER, 'tracking-issue': 'true', 'github-token': TOKEN });
    await run(step, { issueTracker });
    expect(step.log()).toContain('Opened tracking issue #13.');
    expect(created.title).toBe(`Access key of IAM user sam-cli-user in account ${ACCOUNT} is too old: rotate it`);
    expect(server.requests.map((r) => [r.action, r.accessKeyId])).toContainEqual(['GetCallerIdentity', credentials.AWS_ACCESS_KEY_ID]);
  });

  test('a role session whose policy does not name the user: one error that points to the watcher role, nothing output', async () => {
    keyAged(10);
    server.addUser({ account: ACCOUNT, name: 'other-user' });
    const credentials = await watcherSession(['other-user']);
    const step = keylessIo(credentials);
    await run(step);
    expect(step.failed).toBe(true);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(
      new RegExp(
        `^IAM ListAccessKeys was denied to arn:aws:sts::${ACCOUNT}:assumed-role/${WATCHER}/key-age, which may not read the access keys of IAM user sam-cli-user: assume the key-age watcher role`,
      ),
    );
    expect(step.outputs).toEqual({});
  });
});
