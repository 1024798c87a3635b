/**
 * The root action's run(io, deps) through fakes of its ports (src/assume-role/ports.ts) only: no
 * STS, no file, no network. What the flow itself decides: which STS calls, with what, in what order
 * against the masks and exports, and one ::error:: with nothing exported when a call fails.
 */
import { describe, expect, test } from '@jest/globals';
import { run } from '../../src/assume-role/run.js';
import type {
  AssumedRole,
  AssumeRoleDeps,
  AssumeRoleRequest,
  RoleSessions,
  SessionSettings,
  UserKeys,
  WebIdentityRequest,
} from '../../src/assume-role/ports.js';
import { CallFailed } from '../../src/shared/retry.js';
import { EXAMPLE_ACCOUNT, EXAMPLE_KEY_INPUTS, EXAMPLE_ROLE_ARN, FIXED_NOW } from '../../test/support/fixtures.js';
import { recordingIo, type RecordingIo } from '../../test/support/recording-io.js';

const SESSION = { accessKeyId: 'ASIAFAKESESSIONKEY01', secretAccessKey: 'fake/session/secret', sessionToken: 'FakeSessionToken' };

function assumedAs(roleArn: string, sessionName: string): AssumedRole {
  const account = roleArn.split(':')[4] ?? '';
  const role = roleArn.split('/').pop() ?? '';
  return {
    credentials: { ...SESSION, expiration: new Date(FIXED_NOW.getTime() + 3600_000) },
    assumedRoleArn: `arn:aws:sts::${account}:assumed-role/${role}/${sessionName}`,
    roleArn,
    account,
    sessionName,
  };
}

type Call =
  | { call: 'callerIdentity' | 'assumeWithKeys'; keys: UserKeys; request?: AssumeRoleRequest }
  | { call: 'idToken'; audience: string }
  | { call: 'assumeWithWebIdentity'; request: WebIdentityRequest };

/** Fakes of every port; `sessions` records each STS call and the settings the run opened them with. */
function fakes(sessions: Partial<RoleSessions> = {}) {
  const calls: Call[] = [];
  const opened: SessionSettings[] = [];
  const deps: AssumeRoleDeps = {
    sessions: (settings) => {
      opened.push(settings);
      return {
        callerIdentity: async (keys) => (calls.push({ call: 'callerIdentity', keys }), `arn:aws:iam::${EXAMPLE_ACCOUNT}:user/deployer`),
        assumeWithKeys: async (keys, request) => (
          calls.push({ call: 'assumeWithKeys', keys, request }),
          assumedAs(request.RoleArn, request.RoleSessionName)
        ),
        idToken: async (_source, audience) => (calls.push({ call: 'idToken', audience }), 'header.payload.signature'),
        assumeWithWebIdentity: async (request) => (
          calls.push({ call: 'assumeWithWebIdentity', request }),
          assumedAs(request.RoleArn, request.RoleSessionName)
        ),
        ...sessions,
      };
    },
    profileFiles: async () => {
      throw new Error('no profile in these tests');
    },
    marker: () => 'marker',
    secretToken: () => 'token',
    launchCredentialsServer: async () => {
      throw new Error('no server in these tests');
    },
    actionTimer: () => () => undefined,
    readTokenFile: async () => ({ ok: false, reason: 'no token file in these tests' }),
    isFolder: async () => true,
    isInWorkspace: async () => true,
    readSamconfig: async () => ({ kind: 'none' }),
  };
  return { deps, calls, opened };
}

const io = (inputs: Record<string, string>, env: Record<string, string> = {}): RecordingIo =>
  recordingIo({
    inputs: { ...EXAMPLE_KEY_INPUTS, 'aws-region': 'eu-west-1', ...inputs },
    env: { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'octo-org/app', ...env },
    now: FIXED_NOW.getTime(),
  });

const exportIndex = (step: RecordingIo) => step.effects.findIndex((effect) => effect.kind === 'export');
const maskIndex = (step: RecordingIo, value: string) =>
  step.effects.findIndex((effect) => effect.kind === 'mask' && effect.value === value);

describe("run(io, deps) on the root action's ports", () => {
  test("the runner's ID token request token is masked before any input is read, in key mode too", async () => {
    const requestToken = 'runnerIdTokenRequestToken-0123456789abcdef';
    const { deps } = fakes();
    const step = io({ 'role-to-assume': EXAMPLE_ROLE_ARN }, { ACTIONS_ID_TOKEN_REQUEST_TOKEN: requestToken });
    await run(step, deps);
    expect(step.errors).toEqual([]);
    expect(maskIndex(step, requestToken)).toBeGreaterThanOrEqual(0);
    expect(maskIndex(step, requestToken)).toBeLessThan(exportIndex(step));
  });

  test('a refusal naming the masked account (mask-aws-account-id) prints *** in its place', async () => {
    const { deps } = fakes();
    const step = io({ 'role-to-assume': 'deploy', 'mask-aws-account-id': 'true', 'allowed-account-ids': '999988887777' });
    await run(step, deps);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toContain('arn:aws:iam::***:role/');
    expect(step.errors[0]).not.toContain(EXAMPLE_ACCOUNT);
  });

  test("a role ARN: one AssumeRole with the limited user's keys, no GetCallerIdentity, the session exported after its masks", async () => {
    const { deps, calls, opened } = fakes();
    const step = io({ 'role-to-assume': EXAMPLE_ROLE_ARN, 'retry-max-attempts': '3' }, { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' });
    await run(step, deps);
    expect(step.errors).toEqual([]);
    expect(calls.map((call) => call.call)).toEqual(['assumeWithKeys']);
    expect(calls[0]).toMatchObject({
      keys: { accessKeyId: EXAMPLE_KEY_INPUTS['aws-access-key-id'], region: 'eu-west-1' },
      request: { RoleArn: EXAMPLE_ROLE_ARN },
    });
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ region: 'eu-west-1', maxAttempts: 3, env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' } });
    expect(step.exported).toMatchObject({
      AWS_ACCESS_KEY_ID: SESSION.accessKeyId,
      AWS_SECRET_ACCESS_KEY: SESSION.secretAccessKey,
      AWS_SESSION_TOKEN: SESSION.sessionToken,
    });
    // Masking the answer is the adapter's duty (the fake does not); the inputs' secret is the run's own.
    expect(maskIndex(step, EXAMPLE_KEY_INPUTS['aws-secret-access-key'])).toBeGreaterThanOrEqual(0);
    expect(maskIndex(step, EXAMPLE_KEY_INPUTS['aws-secret-access-key'])).toBeLessThan(exportIndex(step));
  });

  test("a bare role name: GetCallerIdentity first, the role in the keys' account", async () => {
    const { deps, calls } = fakes();
    const step = io({ 'role-to-assume': 'deploy' });
    await run(step, deps);
    expect(step.errors).toEqual([]);
    expect(calls.map((call) => call.call)).toEqual(['callerIdentity', 'assumeWithKeys']);
    expect(calls[1]).toMatchObject({ request: { RoleArn: `arn:aws:iam::${EXAMPLE_ACCOUNT}:role/deploy` } });
  });

  test('AssumeRole refused: one ::error:: that explains it, nothing exported', async () => {
    const refused = new CallFailed(
      {
        code: 'AccessDenied',
        message: 'not authorized to perform sts:AssumeRole',
        httpStatus: 403,
        clockSkewCorrected: false,
        network: false,
        throttling: false,
        sdkTransient: false,
      },
      1,
      'permanent',
      10,
    );
    const { deps } = fakes({
      assumeWithKeys: async () => {
        throw refused;
      },
    });
    const step = io({ 'role-to-assume': EXAMPLE_ROLE_ARN });
    await run(step, deps);
    expect(step.failed).toBe(true);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(/AccessDenied|not authorized/);
    expect(step.exported).toEqual({});
  });

  test('keyless: the ID token for the audience, then AssumeRoleWithWebIdentity with it; no keys signed with', async () => {
    const { deps, calls } = fakes();
    const step = recordingIo({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': EXAMPLE_ROLE_ARN, audience: 'sts.amazonaws.com' },
      env: {
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_REPOSITORY: 'octo-org/app',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
      },
      now: FIXED_NOW.getTime(),
      idToken: async () => 'unused: the fake port answers',
    });
    await run(step, deps);
    expect(step.errors).toEqual([]);
    expect(calls.map((call) => call.call)).toEqual(['idToken', 'assumeWithWebIdentity']);
    expect(calls[1]).toMatchObject({ request: { RoleArn: EXAMPLE_ROLE_ARN, WebIdentityToken: 'header.payload.signature' } });
    expect(step.exported).toMatchObject({ AWS_ACCESS_KEY_ID: SESSION.accessKeyId });
  });
});
