/**
 * The key-age action's run(io, deps) through in-memory fakes of its ports only (src/key-age/ports.ts):
 * no IAM, no STS, no GitHub. What the flow itself decides: which user's keys it reads and with
 * what, how a refused read becomes the step's one error, and that the tracking issue is written
 * only for the keys' own account, only into an issue its token created.
 */
import { describe, expect, test } from '@jest/globals';
import type { IssueTracker, KeyAgeDeps, KeyReader, KeyReadSettings, OwnedIssue, SigningKeys } from '../../src/key-age/ports.js';
import { run } from '../../src/key-age/run.js';
import { CallFailed } from '../../src/shared/retry.js';
import { recordingIo } from '../../test/support/recording-io.js';

const ACCOUNT = '111122223333';
const USER = 'sam-cli-user';
const KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const TOKEN = 'ghs_KeyAgePortsTierToken0000000000000';
const MARKER = `<!-- assume-deploy-role:key-age account=${ACCOUNT} user=${USER} -->`;

const refused = (code: string, message: string) =>
  new CallFailed(
    { code, message, httpStatus: 403, clockSkewCorrected: false, network: false, throttling: false, sdkTransient: false },
    1,
    'permanent',
    5,
  );

interface World {
  ageDays: number;
  reader?: Partial<KeyReader>;
  issues?: OwnedIssue[];
  viewer?: string;
}

/** One user with one key `ageDays` old; records every port call and what the reader was opened with. */
function fakes(world: World) {
  const calls: string[] = [];
  const opened: Array<{ keys: SigningKeys; settings: KeyReadSettings }> = [];
  const tracker: IssueTracker = {
    viewerLogin: async () => (calls.push('viewerLogin'), world.viewer ?? 'github-actions[bot]'),
    listOpenBy: async (login) => (calls.push(`listOpenBy ${login}`), world.issues ?? []),
    create: async (title) => (calls.push(`create ${title}`), 12),
    update: async (number) => {
      calls.push(`update #${number}`);
    },
    comment: async (number) => {
      calls.push(`comment #${number}`);
    },
    close: async (number, reason) => {
      calls.push(`close #${number} ${reason}`);
    },
  };
  const deps: KeyAgeDeps = {
    keyReader: (keys, settings) => {
      opened.push({ keys, settings });
      return {
        ownKeys: async (userName) => (
          calls.push(`ownKeys ${userName ?? '(signer)'}`),
          { userName: USER, keys: [{ accessKeyId: KEY.accessKeyId, status: 'Active', createDate: new Date(NOW - world.ageDays * DAY) }] }
        ),
        lastUse: async (id) => (calls.push(`lastUse ${id}`), { date: new Date(NOW - DAY), service: 'sts', region: 'eu-west-1' }),
        callerArn: async () => (calls.push('callerArn'), `arn:aws:iam::${ACCOUNT}:user/${USER}`),
        ...world.reader,
      };
    },
    issueTracker: async (token) => (calls.push(`issueTracker ${token === TOKEN ? 'with the token' : token}`), tracker),
  };
  return { deps, calls, opened };
}

function io(inputs: Record<string, string> = {}, env: Record<string, string> = {}) {
  return recordingIo({
    inputs: { 'aws-access-key-id': KEY.accessKeyId, 'aws-secret-access-key': KEY.secretAccessKey, 'aws-region': 'eu-west-1', ...inputs },
    env: { GITHUB_REPOSITORY: 'octo-org/app', GITHUB_SERVER_URL: 'https://github.com', GITHUB_RUN_ID: '7', ...env },
    now: NOW,
  });
}

describe('key-age run(io, deps) through its ports', () => {
  test("reads the signer's keys with the given key, masked first, and never asks STS or GitHub without a tracking issue", async () => {
    const { deps, calls, opened } = fakes({ ageDays: 10 });
    const step = io();
    await run(step, deps);
    expect(calls).toEqual(['ownKeys (signer)', `lastUse ${KEY.accessKeyId}`]);
    expect(opened[0]?.keys).toMatchObject({ ...KEY, partition: 'aws', region: 'eu-west-1' });
    expect(opened[0]?.settings.maxAttempts).toBeGreaterThan(0);
    expect(step.masks).toEqual(expect.arrayContaining([KEY.secretAccessKey]));
    expect(step.outputs.status).toBe('ok');
  });

  test("with user-name and a role session from the environment: that user's keys, the session's credentials masked", async () => {
    const session = {
      AWS_ACCESS_KEY_ID: 'ASIAWATCHERSESSION01',
      AWS_SECRET_ACCESS_KEY: 'watcherSessionSecret000000000000000000000',
      AWS_SESSION_TOKEN: 'watcherSessionToken',
    };
    const { deps, calls, opened } = fakes({ ageDays: 10 });
    const step = recordingIo({
      inputs: { 'user-name': USER, 'aws-region': 'eu-west-1' },
      env: { GITHUB_REPOSITORY: 'octo-org/app', ...session },
      now: NOW,
    });
    await run(step, deps);
    expect(calls[0]).toBe(`ownKeys ${USER}`);
    expect(opened[0]?.keys).toMatchObject({ accessKeyId: session.AWS_ACCESS_KEY_ID, sessionToken: session.AWS_SESSION_TOKEN });
    expect(step.masks).toEqual(
      expect.arrayContaining([session.AWS_ACCESS_KEY_ID, session.AWS_SECRET_ACCESS_KEY, session.AWS_SESSION_TOKEN]),
    );
  });

  test("a refused ListAccessKeys is the step's one error, with the policy to attach; nothing is output", async () => {
    const denied = `User: arn:aws:iam::${ACCOUNT}:user/${USER} is not authorized to perform: iam:ListAccessKeys`;
    const { deps } = fakes({
      ageDays: 10,
      reader: {
        ownKeys: async () => {
          throw refused('AccessDenied', denied);
        },
      },
    });
    const step = io();
    await run(step, deps);
    expect(step.failed).toBe(true);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(/^IAM user sam-cli-user may not read its own access keys\. Attach this policy/);
    expect(step.outputs).toEqual({});
  });

  test("a finding opens the tracking issue for the keys' own account, as the token's identity", async () => {
    const { deps, calls } = fakes({ ageDays: 85 });
    const step = io({ 'tracking-issue': 'true', 'github-token': TOKEN });
    await run(step, deps);
    expect(calls.slice(2)).toEqual([
      'callerArn',
      'issueTracker with the token',
      'viewerLogin',
      'listOpenBy github-actions[bot]',
      `create Access keys of IAM user ${USER} in account ${ACCOUNT} need attention`,
    ]);
    expect(step.log()).toContain('Opened tracking issue #12.');
  });

  test('an issue with our marker that another login created is never touched: ours is opened beside it', async () => {
    const { deps, calls } = fakes({ ageDays: 95, issues: [{ number: 3, body: `${MARKER}\nforged`, author: 'someone-else' }] });
    await run(io({ 'tracking-issue': 'true', 'github-token': TOKEN }), deps);
    expect(calls.filter((call) => /#3\b/.test(call))).toEqual([]);
    expect(calls.at(-1)).toMatch(/^create /);
  });

  test('keys back within the limits close our open issue with a comment', async () => {
    const { deps, calls } = fakes({ ageDays: 10, issues: [{ number: 4, body: `${MARKER}\nold finding`, author: 'github-actions[bot]' }] });
    const step = io({ 'tracking-issue': 'true', 'github-token': TOKEN });
    await run(step, deps);
    expect(calls.slice(-2)).toEqual(['comment #4', 'close #4 completed']);
    expect(step.log()).toContain('Closed tracking issue #4');
  });

  test("GetCallerIdentity refused: a warning, no GitHub call, and the check's own result stands", async () => {
    const { deps, calls } = fakes({
      ageDays: 95,
      reader: {
        callerArn: async () => {
          throw refused('InvalidClientTokenId', 'The security token included in the request is invalid.');
        },
      },
    });
    const step = io({ 'tracking-issue': 'true', 'github-token': TOKEN });
    await run(step, deps);
    expect(calls.some((call) => call.startsWith('issueTracker'))).toBe(false);
    expect(step.annotations.at(-1)).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(
        /^The key check ran, but the tracking issue in octo-org\/app could not be updated: STS GetCallerIdentity/,
      ),
    });
    expect(step.failed).toBe(true);
    expect(step.outputs.status).toBe('fail');
  });
});
