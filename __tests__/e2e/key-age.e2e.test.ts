/**
 * The bundled key-age action (dist/key-age/index.js), run as the GitHub runner runs it, against the
 * loopback STS/IAM test server (SigV4 checked, IAM signed for us-east-1, the self-scoped read
 * modelled) and, for the tracking issue, a loopback stand-in for the GitHub REST API
 * (test/support/fake-github.js).
 * `npm run build` first: these tests run the bundle, not the sources.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { startFakeGitHub } from '../../test/support/fake-github.js';
import { startForwardProxy, startTlsFront, throwawayCertificate } from '../../test/support/forward-proxy.js';
import { findSecretLeaks, removeWorkDirs, runAction } from '../../test/support/run-action.js';
import { EXAMPLE_KEY as KEY, EXAMPLE_REGION as REGION } from '../../test/support/fixtures.js';

const ENTRY = 'dist/key-age/index.js';
const ACCOUNT = '123456789012';
const USER = 'sam-cli-user';
const OTHER = { accessKeyId: 'AKIAI44QH8DHBOTHERK2', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };
const GITHUB_TOKEN = 'ghs_KeyAgeEndToEndToken000000000000000000';
const DAY = 24 * 60 * 60 * 1000;

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
type Run = Awaited<ReturnType<typeof runAction>>;

let server: Server;

const daysAgo = (days: number) => new Date(Date.now() - days * DAY - 60 * 60 * 1000);

beforeEach(async () => {
  server = await startAwsTestServer();
});

afterEach(async () => {
  await server.close();
});

afterAll(removeWorkDirs);

function addUser(selfIamRead = true) {
  server.addUser({ account: ACCOUNT, name: USER, selfIamRead });
}

function addKey(key: typeof KEY, ageDays: number, extra: { status?: 'Active' | 'Inactive'; lastUsedDaysAgo?: number } = {}) {
  server.addAccessKey(USER, {
    ...key,
    status: extra.status,
    createDate: daysAgo(ageDays),
    lastUsed: extra.lastUsedDaysAgo === undefined ? undefined : { date: daysAgo(extra.lastUsedDaysAgo), service: 'sts', region: REGION },
  });
}

function run(
  inputs: Record<string, string> = {},
  options: { debug?: boolean; env?: Record<string, string | undefined> } = {},
): Promise<Run> {
  return runAction(ENTRY, {
    inputs: { 'aws-access-key-id': KEY.accessKeyId, 'aws-secret-access-key': KEY.secretAccessKey, 'aws-region': REGION, ...inputs },
    env: { AWS_ENDPOINT_URL: server.url, ...options.env },
    debug: options.debug,
  });
}

function report(result: Run) {
  return JSON.parse(result.outputs.report ?? 'null');
}

function expectNoLeaks(result: Run) {
  const secrets = [
    ...server.knownSecrets(),
    { label: 'workflow access key id', value: KEY.accessKeyId },
    { label: 'github token', value: GITHUB_TOKEN },
  ];
  expect(findSecretLeaks(result, secrets)).toEqual([]);
  // Key ids are shown by their last four characters only, masked or not.
  expect(result.stdout).not.toContain(OTHER.accessKeyId);
  expect(result.summary).not.toContain(OTHER.accessKeyId);
  expect(result.summary).not.toContain(KEY.accessKeyId);
}

describe('key-age action, end to end', () => {
  test('young key in use: ok, a summary table, the outputs, IAM signed for us-east-1', async () => {
    addUser();
    addKey(KEY, 10, { lastUsedDaysAgo: 1 });
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.outputs.status).toBe('ok');
    expect(result.outputs['oldest-key-age-days']).toBe('10');
    expect(report(result)).toMatchObject({
      status: 'ok',
      userName: USER,
      keys: [{ key: 'MPLE', ageDays: 10, service: 'sts', region: REGION, usedByThisWorkflow: true }],
      findings: [],
    });
    expect(result.summary).toContain(`### Access keys of IAM user \`${USER}\`: all keys are within the limits`);
    expect(result.summary).toMatch(
      /\| …MPLE \(this workflow\) \| Active \| \d{4}-\d{2}-\d{2} \| 10 \| \d{4}-\d{2}-\d{2} \(eu-west-1\) \| sts \|/,
    );
    expect(server.requests.map((request) => [request.action, request.service, request.region])).toEqual([
      ['ListAccessKeys', 'iam', 'us-east-1'],
      ['GetAccessKeyLastUsed', 'iam', 'us-east-1'],
    ]);
    expectNoLeaks(result);
  });

  test("behind the runner's proxy: the IAM calls go through it (tunnels to the https endpoint), its password masked", async () => {
    addUser();
    addKey(KEY, 10, { lastUsedDaysAgo: 1 });
    const proxy = await startForwardProxy({ credentials: { user: 'runner', password: 'proxy-pass-7Qx' } });
    const certificate = await throwawayCertificate();
    const front = await startTlsFront(Number(new URL(server.url).port), certificate);
    try {
      const env = {
        AWS_ENDPOINT_URL: front.url,
        HTTPS_PROXY: `http://runner:proxy-pass-7Qx@127.0.0.1:${proxy.port}`,
        NODE_EXTRA_CA_CERTS: certificate.caFile,
      };
      const result = await run({}, { debug: true, env });
      expect(result.errors).toEqual([]);
      expect(result.outputs.status).toBe('ok');
      expect(server.requests.slice(-2).map((request) => request.action)).toEqual(['ListAccessKeys', 'GetAccessKeyLastUsed']);
      // One tunnel for both calls, or one each, as the SDK's pool decides: each opened with the password.
      expect(proxy.requests.length).toBeGreaterThan(0);
      expect(proxy.requests).toEqual(proxy.requests.map(() => ({ method: 'CONNECT', target: new URL(front.url).host, authorized: true })));
      expect(result.masks).toContain('proxy-pass-7Qx');
      expect(result.visibleLog).not.toContain('proxy-pass-7Qx');
      expectNoLeaks(result);
    } finally {
      await front.close();
      await certificate.remove();
      await proxy.close();
    }
  });

  test('key warn-age-days old: a warning with the days left, the step passes', async () => {
    addUser();
    addKey(KEY, 85, { lastUsedDaysAgo: 1 });
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([expect.stringContaining('is 85 days old: rotate it within 5 days')]);
    expect(result.outputs.status).toBe('warn');
  });

  test('key max-age-days old: one error, the step fails, outputs and summary still written', async () => {
    addUser();
    addKey(KEY, 120, { lastUsedDaysAgo: 1 });
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(
        /^Access key …MPLE \(the key this workflow uses\) is 120 days old, at or over max-age-days \(90\): rotate it now/,
      ),
    ]);
    expect(result.outputs.status).toBe('fail');
    expect(result.outputs['oldest-key-age-days']).toBe('120');
    expect(result.summary).toContain('a key is too old');
    expectNoLeaks(result);
  });

  test('thresholds from the inputs', async () => {
    addUser();
    addKey(KEY, 35, { lastUsedDaysAgo: 1 });
    const result = await run({ 'max-age-days': '30', 'warn-age-days': '20' });
    expect(result.exitCode).toBe(1);
    expect(report(result).thresholds).toEqual({ maxAgeDays: 30, warnAgeDays: 20, maxUnusedDays: 45 });
  });

  test('a second active key unused for 50 days: the unused warning and the two-key warning', async () => {
    addUser();
    addKey(KEY, 5, { lastUsedDaysAgo: 0 });
    addKey(OTHER, 70, { lastUsedDaysAgo: 50 });
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.outputs.status).toBe('warn');
    expect(result.warnings).toEqual([
      expect.stringMatching(/^Access key …ERK2 is active but was last used 50 days ago/),
      expect.stringMatching(
        /^2 access keys are active \(…ERK2, …MPLE\)\. Finish the rotation: deactivate …ERK2, the key this workflow does not use, .*\(this workflow uses …MPLE; .*\)\. The rotation command does it safely, from a clone of assume-deploy-role at its release tag \(or with the rotate action, examples\/rotate\.yml\): node dist\/cli\/index\.js rotate --user-name \S+ --repo \S+ --role-to-assume "\$\(gh variable get AWS_DEPLOY_ROLE_ARN --repo \S+\)" --region \S+$/,
      ),
    ]);
    expectNoLeaks(result);
  });

  test('a second key never used: a finding only max-unused-days after its creation', async () => {
    addUser();
    addKey(KEY, 5, { lastUsedDaysAgo: 0 });
    addKey(OTHER, 2);
    const fresh = await run();
    expect(fresh.warnings).toEqual([expect.stringMatching(/^2 access keys are active/)]);
    expect(report(fresh).keys[1]).toMatchObject({ ageDays: 2, lastUsed: null, service: null });
  });

  test('a second key never used for 60 days is a warning', async () => {
    addUser();
    addKey(KEY, 5, { lastUsedDaysAgo: 0 });
    addKey(OTHER, 60);
    const result = await run();
    expect(result.warnings).toContainEqual(expect.stringContaining('has never been used in the 60 days since it was created'));
  });

  test('an inactive key: a notice to delete it, the status stays ok', async () => {
    addUser();
    addKey(KEY, 5, { lastUsedDaysAgo: 0 });
    addKey(OTHER, 100, { status: 'Inactive' });
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.notices).toEqual([expect.stringMatching(/is inactive: delete it/)]);
    expect(result.outputs.status).toBe('ok');
    expect(result.outputs['oldest-key-age-days']).toBe('5');
  });

  test('keys on several pages are all read (one key per ListAccessKeys page)', async () => {
    addUser();
    addKey(KEY, 5, { lastUsedDaysAgo: 0 });
    addKey(OTHER, 30, { status: 'Inactive' });
    const result = await run();
    expect(server.requests.filter((request) => request.action === 'ListAccessKeys')).toHaveLength(2);
    expect(report(result).keys).toHaveLength(2);
  });

  test('a user without the self-scoped policy: AccessDenied prints the policy to attach', async () => {
    addUser(false);
    addKey(KEY, 5);
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^IAM user sam-cli-user may not read its own access keys\. Attach this policy to the user/);
    expect(result.errors[0]).toContain(
      '{"Version":"2012-10-17","Statement":[{"Sid":"ReadOwnAccessKeyMetadata","Effect":"Allow","Action":["iam:ListAccessKeys","iam:GetAccessKeyLastUsed"],"Resource":"arn:aws:iam::*:user/${aws:username}"}]}',
    );
    expect(result.outputs).toEqual({});
    expectNoLeaks(result);
  });

  test('a deleted key says so', async () => {
    addUser();
    addKey(OTHER, 5);
    const result = await run();
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(/^AWS does not know the access key id in aws-access-key-id \(AKIA…MPLE\): the key was deleted or deactivated/),
    ]);
  });

  test('throttling and a dropped connection are retried, one line each', async () => {
    addUser();
    addKey(KEY, 5, { lastUsedDaysAgo: 0 });
    server.injectFault('ListAccessKeys', { kind: 'throttle', times: 2 });
    server.injectFault('GetAccessKeyLastUsed', { kind: 'reset' });
    const result = await run();
    expect(result.exitCode).toBe(0);
    const retries = result.visibleLog.split('\n').filter((line) => line.includes('trying again in'));
    expect(retries).toEqual([
      expect.stringMatching(/^IAM ListAccessKeys: attempt 1 was throttled \(Throttling: Rate exceeded\); trying again in \d+\.\d s$/),
      expect.stringMatching(/^IAM ListAccessKeys: attempt 2 was throttled/),
      expect.stringMatching(/^IAM GetAccessKeyLastUsed: attempt 1 of 5 failed \(ECONNRESET/),
    ]);
    expect(result.outputs.status).toBe('ok');
  });

  test('invalid inputs fail before any call, all at once; tracking-issue without a token is one of them', async () => {
    addUser();
    addKey(KEY, 5);
    const result = await run({ 'tracking-issue': 'true', 'max-age-days': '9O', 'aws-secret-access-key': ` ${KEY.secretAccessKey}\n` });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^2 inputs are invalid:/);
    expect(result.errors[0]).toContain('max-age-days: must be a whole number written in digits only');
    expect(result.errors[0]).toContain('github-token: is empty, but tracking-issue is true');
    expect(result.warnings).toEqual([expect.stringContaining('aws-secret-access-key: removed white space around the value')]);
    expect(server.requests).toEqual([]);
    expectNoLeaks(result);
  });

  describe.each([false, true])('no secret before its mask (debug %s)', (debug) => {
    test('on success, with the tracking issue', async () => {
      addUser();
      addKey(KEY, 85, { lastUsedDaysAgo: 0 });
      addKey(OTHER, 10, { lastUsedDaysAgo: 0 });
      const github = await startFakeGitHub();
      try {
        const result = await run(
          { 'github-token': GITHUB_TOKEN, 'tracking-issue': 'true' },
          { debug, env: { GITHUB_API_URL: github.url } },
        );
        expect(result.exitCode).toBe(0);
        expect(result.masks.slice(0, 3)).toEqual([KEY.accessKeyId, KEY.secretAccessKey, GITHUB_TOKEN]);
        expectNoLeaks(result);
      } finally {
        await github.close();
      }
    });

    test('on failure', async () => {
      addUser(false);
      addKey(KEY, 5);
      const result = await run({}, { debug });
      expect(result.exitCode).toBe(1);
      expectNoLeaks(result);
    });
  });
});

describe('tracking issue, end to end', () => {
  test('opened on a warning, updated on the next run, closed when the key is rotated', async () => {
    addUser();
    addKey(KEY, 85, { lastUsedDaysAgo: 0 });
    const github = await startFakeGitHub();
    try {
      const inputs = { 'github-token': GITHUB_TOKEN, 'tracking-issue': 'true' };
      const env = { GITHUB_API_URL: github.url };
      const first = await run(inputs, { env });
      expect(first.visibleLog).toContain('Opened tracking issue #1.');
      const second = await run(inputs, { env });
      expect(second.visibleLog).toContain('Updated tracking issue #1.');
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0]?.body).toContain(`<!-- assume-deploy-role:key-age account=${ACCOUNT} user=sam-cli-user -->`);
      expect(github.issues[0]?.body).toContain('https://github.com/octo-org/serverless-app/actions/runs/');

      await server.close();
      server = await startAwsTestServer();
      addUser();
      addKey(KEY, 1, { lastUsedDaysAgo: 0 });
      const third = await run(inputs, { env });
      expect(third.visibleLog).toContain('Closed tracking issue #1: every key is within the limits.');
      expect(github.issues[0]?.state).toBe('closed');
      expect(github.requests.every((request) => request.authorization === `token ${GITHUB_TOKEN}`)).toBe(true);
      expect(github.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/issues'))).toHaveLength(1);
      expectNoLeaks(third);
    } finally {
      await github.close();
    }
  });

  test('a token without issues: write: a warning that says so; the check still reports and keeps its status', async () => {
    addUser();
    addKey(KEY, 120, { lastUsedDaysAgo: 0 });
    const github = await startFakeGitHub({ refuseWrites: true });
    try {
      const result = await run({ 'github-token': GITHUB_TOKEN, 'tracking-issue': 'true' }, { env: { GITHUB_API_URL: github.url } });
      expect(result.exitCode).toBe(1);
      expect(result.outputs.status).toBe('fail');
      expect(result.errors).toEqual([expect.stringContaining('is 120 days old')]);
      expect(result.warnings).toEqual([
        expect.stringMatching(
          /^The key check ran, but the tracking issue in octo-org\/serverless-app could not be updated: github-token may not write issues \(403\)/,
        ),
      ]);
      expect(result.summary).toContain('a key is too old');
      expectNoLeaks(result);
    } finally {
      await github.close();
    }
  });
});
