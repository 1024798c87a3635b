/**
 * Issue #8, the key-age action: the bundle (dist/key-age) under the runner emulation against the
 * loopback STS/IAM test server and a hostile GitHub (test/support/hostile-github.js): issues by
 * other users carrying the marker, the same user name in two accounts, a GitHub that never
 * answers, trickles or drops the connection. `npm run build` first.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { startHostileGitHub } from '../../test/support/hostile-github.js';
import { findSecretLeaks, runAction } from '../../test/support/run-action.js';

type AwsServer = Awaited<ReturnType<typeof startAwsTestServer>>;
type GitHub = Awaited<ReturnType<typeof startHostileGitHub>>;
type Run = Awaited<ReturnType<typeof runAction>>;

const PRODUCTION = '123456789012';
const STAGING = '210987654321';
const USER = 'sam-cli-user';
const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const OTHER = { accessKeyId: 'AKIAI44QH8DHBOTHERK2', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };
const GITHUB_TOKEN = 'ghs_KeyAgeHardeningToken0000000000000000';
const BOT = 'github-actions[bot]';
const DAY = 24 * 60 * 60 * 1000;
const REGION = 'eu-west-1';
/** What the pre-fix bundle wrote, without an account: an outsider can type it. */
const OLD_MARKER = `<!-- assume-deploy-role:key-age user=${USER} -->`;
const MARKER = `<!-- assume-deploy-role:key-age account=${PRODUCTION} user=${USER} -->`;

const closers: Array<() => Promise<void>> = [];
const workDirs: string[] = [];

afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
  await Promise.all(workDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const daysAgo = (days: number) => new Date(Date.now() - days * DAY - 60 * 60 * 1000);

/** An AWS account holding USER with the given key ages (the first key is the workflow's). */
async function awsWith(account: string, keys: Array<{ key: typeof KEY; ageDays: number; lastUsedDaysAgo?: number }>): Promise<AwsServer> {
  const server = await startAwsTestServer();
  closers.push(() => server.close());
  server.addUser({ account, name: USER, selfIamRead: true });
  for (const { key, ageDays, lastUsedDaysAgo } of keys) {
    server.addAccessKey(USER, {
      ...key,
      createDate: daysAgo(ageDays),
      lastUsed: lastUsedDaysAgo === undefined ? undefined : { date: daysAgo(lastUsedDaysAgo), service: 'sts', region: REGION },
    });
  }
  return server;
}

async function gitHub(options: Parameters<typeof startHostileGitHub>[0] = {}): Promise<GitHub> {
  const server = await startHostileGitHub(options);
  closers.push(() => server.close());
  return server;
}

async function run(aws: AwsServer, inputs: Record<string, string> = {}, github?: GitHub, timeoutMs?: number): Promise<Run> {
  const result = await runAction('dist/key-age/index.js', {
    inputs: {
      'aws-access-key-id': KEY.accessKeyId,
      'aws-secret-access-key': KEY.secretAccessKey,
      'aws-region': REGION,
      ...(github ? { 'github-token': GITHUB_TOKEN, 'tracking-issue': 'true' } : {}),
      ...inputs,
    },
    env: { AWS_ENDPOINT_URL: aws.url, ...(github ? { GITHUB_API_URL: github.url } : {}) },
    timeoutMs,
  });
  workDirs.push(result.workDir);
  return result;
}

function expectNoLeaks(result: Run, aws: AwsServer) {
  expect(findSecretLeaks(result, [...aws.knownSecrets(), { label: 'github token', value: GITHUB_TOKEN }])).toEqual([]);
}

const writes = (github: GitHub) => github.requests.filter((request) => request.method !== 'GET' && request.path !== '/graphql');

describe("finding 1: only issues the token's own identity created are adopted, edited or closed", () => {
  test("an outsider's issue carrying the marker is left alone; ours is opened beside it", async () => {
    const aws = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 85, lastUsedDaysAgo: 0 }]);
    const github = await gitHub();
    const bait = github.addIssue({ title: 'Please look', body: `${OLD_MARKER}\n${MARKER}\nsomething`, user: 'mallory' });
    const result = await run(aws, {}, github);
    expect(result.exitCode).toBe(0);
    expect(bait).toMatchObject({ title: 'Please look', state: 'open', comments: [] });
    expect(github.issues).toHaveLength(2);
    expect(github.issues[1]).toMatchObject({ user: { login: BOT }, state: 'open' });
    expect(github.issues[1]?.body).toContain(MARKER);
    expect(result.visibleLog).toContain('Opened tracking issue #2.');
    expectNoLeaks(result, aws);
  });

  test("an outsider's second marker issue is not closed as a duplicate; ours is updated", async () => {
    const aws = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 85, lastUsedDaysAgo: 0 }]);
    const github = await gitHub();
    const ours = github.addIssue({ body: `${MARKER}\nold findings`, user: BOT });
    const bait = github.addIssue({ body: MARKER, user: 'mallory' });
    const result = await run(aws, {}, github);
    expect(result.visibleLog).toContain(`Updated tracking issue #${ours.number}.`);
    expect(bait).toMatchObject({ state: 'open', comments: [] });
    expect(
      writes(github).every(
        (request) => !request.path.endsWith(`/issues/${bait.number}`) && !request.path.includes(`/issues/${bait.number}/`),
      ),
    ).toBe(true);
  });

  test("keys within the limits do not close an outsider's marker issue", async () => {
    const aws = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 5, lastUsedDaysAgo: 0 }]);
    const github = await gitHub();
    const bait = github.addIssue({ body: `${OLD_MARKER}\n${MARKER}`, user: 'mallory' });
    const result = await run(aws, {}, github);
    expect(result.exitCode).toBe(0);
    expect(bait).toMatchObject({ state: 'open', comments: [] });
    expect(writes(github)).toEqual([]);
    expect(result.visibleLog).toContain('No tracking issue is open and none is needed.');
  });
});

describe('finding 2: the issue belongs to one user in one account', () => {
  test("the same user name in staging does not close production's issue", async () => {
    const github = await gitHub();
    const production = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 120, lastUsedDaysAgo: 0 }]);
    const first = await run(production, {}, github);
    expect(first.visibleLog).toContain('Opened tracking issue #1.');
    expect(github.issues[0]?.title).toContain(PRODUCTION);
    expect(github.issues[0]?.body).toContain(MARKER);

    const staging = await awsWith(STAGING, [{ key: KEY, ageDays: 3, lastUsedDaysAgo: 0 }]);
    const second = await run(staging, {}, github);
    expect(second.exitCode).toBe(0);
    expect(github.issues[0]?.state).toBe('open');
    expect(second.visibleLog).toContain('No tracking issue is open and none is needed.');
  });
});

describe('finding 3 and 8: every GitHub call has a deadline; the key check reports whatever GitHub does', () => {
  test.each<[string, 'hang' | 'trickle' | 'reset', RegExp]>([
    ['never answers', 'hang', /no answer within \d+(\.\d)? s/],
    ['trickles a byte every 2 s', 'trickle', /no answer within \d+(\.\d)? s/],
    ['drops the connection', 'reset', /the connection to GitHub's API was reset or closed before an answer/],
  ])(
    'GitHub %s: the result, the summary and a warning that says so',
    async (_, behaviour, said) => {
      const aws = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 120, lastUsedDaysAgo: 0 }]);
      const github = await gitHub({ behaviour });
      const result = await run(aws, {}, github, 55_000);
      expect(result.exitCode).toBe(1);
      expect(result.outputs.status).toBe('fail');
      expect(result.summary).toContain('a key is too old');
      expect(result.errors).toEqual([expect.stringContaining('is 120 days old')]);
      expect(result.warnings).toEqual([expect.stringMatching(said)]);
      expect(result.warnings[0]).toMatch(/^The key check ran, but the tracking issue in octo-org\/serverless-app could not be updated/);
      expect(result.warnings[0]).not.toContain('HTTP 500');
      expectNoLeaks(result, aws);
    },
    70_000,
  );
});

describe('finding 9: the tracking issue is found with a narrow query', () => {
  test("3,000 open issues by others: one list request, filtered by the token's identity", async () => {
    const aws = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 5, lastUsedDaysAgo: 0 }]);
    const github = await gitHub();
    for (let i = 0; i < 3000; i++) github.addIssue({ body: `issue ${i}`, user: `user${i % 50}` });
    const result = await run(aws, {}, github);
    expect(result.exitCode).toBe(0);
    const lists = github.requests.filter((request) => request.method === 'GET' && request.path.endsWith('/issues'));
    expect(lists).toHaveLength(1);
    expect(lists[0]?.query.get('creator')).toBe(BOT);
  });
});

describe('finding 10: the default warn-age-days follows a lowered max-age-days', () => {
  test('max-age-days: 30 alone is accepted; warn-age-days defaults to 20', async () => {
    const aws = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 25, lastUsedDaysAgo: 0 }]);
    const result = await run(aws, { 'max-age-days': '30' });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.outputs.report ?? 'null').thresholds).toEqual({ maxAgeDays: 30, warnAgeDays: 20, maxUnusedDays: 45 });
    expect(result.warnings).toEqual([expect.stringContaining('is 25 days old: rotate it within 5 days')]);
  });

  test('an explicit warn-age-days at or over max-age-days is still an input error', async () => {
    const aws = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 25, lastUsedDaysAgo: 0 }]);
    const result = await run(aws, { 'max-age-days': '30', 'warn-age-days': '40' });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('warn-age-days: must be less than max-age-days (40 is not less than 30)')]);
    expect(aws.requests).toEqual([]);
  });

  test('a 400-digit max-age-days says it is too large, not Infinity', async () => {
    const aws = await awsWith(PRODUCTION, [{ key: KEY, ageDays: 25 }]);
    const result = await run(aws, { 'max-age-days': '9'.repeat(400) });
    expect(result.errors).toEqual([expect.stringContaining('max-age-days: must be from 1 to 3650; the value given is larger')]);
    expect(result.errors[0]).not.toContain('Infinity');
  });
});

describe('finding 11: the key failures end with what AWS said', () => {
  test('an unknown key (InvalidClientTokenId)', async () => {
    const aws = await awsWith(PRODUCTION, [{ key: OTHER, ageDays: 5 }]);
    const result = await run(aws);
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      expect.stringMatching(/AWS said: InvalidClientTokenId: The security token included in the request is invalid\.?$/),
    ]);
  });
});

describe('finding 12: the two-keys warning names the key to retire', () => {
  test('a never-used key beside the key in use', async () => {
    const aws = await awsWith(PRODUCTION, [
      { key: KEY, ageDays: 5, lastUsedDaysAgo: 0 },
      { key: OTHER, ageDays: 2 },
    ]);
    const result = await run(aws);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^2 access keys are active \(…MPLE, …ERK2\)\. Finish the rotation: deactivate …ERK2, the key this workflow does not use/,
      ),
    ]);
  });
});
