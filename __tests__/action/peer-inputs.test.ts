/**
 * The inputs taken over from aws-actions/configure-aws-credentials v6.2.3, run(io) in process
 * against the loopback STS: each does what the peer's does (or is refused before any call), with
 * the same masks, answer checks and exports as the rest.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../test/support/assume-role-run.js';
import type { ActionTimer } from '../../src/adapters/action-timer.js';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { recordingIo, type RecordingIo } from '../../test/support/recording-io.js';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';
import { EXAMPLE_KEY as USER } from '../../test/support/fixtures.js';

const HUB = '111111111111';
const SPOKE = '222222222222';
const HUB_ROLE = `arn:aws:iam::${HUB}:role/hub`;
const SPOKE_ROLE = `arn:aws:iam::${SPOKE}:role/spoke-deploy`;
const KEYLESS_ROLE = `arn:aws:iam::${HUB}:role/eks-deploy`;
const TAGGED_ROLE = `arn:aws:iam::${HUB}:role/tagged`;
const OIDC = 'token.actions.githubusercontent.com';

let server: Awaited<ReturnType<typeof startAwsTestServer>>;
let tokens: TokenEndpoint;
let workspace: string;

beforeAll(async () => {
  [server, tokens] = await Promise.all([startAwsTestServer(), startTokenEndpoint()]);
  const user = server.addUser({ account: HUB, name: 'sam-cli-user', canAssume: [HUB_ROLE, TAGGED_ROLE] });
  server.addAccessKey('sam-cli-user', USER);
  // The hub role's identity policy allows the spoke role, as a cross-account call needs.
  server.addRole({ account: HUB, name: 'hub', trustedPrincipals: [user.arn], canAssume: [SPOKE_ROLE] });
  server.addRole({ account: HUB, name: 'tagged', trustedPrincipals: [user.arn], trustActions: ['sts:AssumeRole', 'sts:TagSession'] });
  // The spoke trusts the hub role: only a session of the hub may assume it (role chaining).
  server.addRole({ account: SPOKE, name: 'spoke-deploy', trustedPrincipals: [HUB_ROLE] });
  const provider = server.addOidcProvider({ account: HUB, url: tokens.issuer, clientIds: ['sts.amazonaws.com'], keys: [tokens.publicJwk] });
  server.addRole({
    account: HUB,
    name: 'eks-deploy',
    trustedPrincipals: [],
    federatedTrust: [{ federated: provider.arn, condition: { StringEquals: { [`${OIDC}:aud`]: 'sts.amazonaws.com' } } }],
  });
  workspace = await mkdtemp(path.join(tmpdir(), 'peer-inputs-'));
});

afterAll(async () => {
  await Promise.all([server.close(), tokens.close(), rm(workspace, { recursive: true, force: true })]);
});

const RUN_ENV = {
  GITHUB_RUN_ID: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REPOSITORY: 'octo-org/app',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_JOB: 'deploy',
  GITHUB_TRIGGERING_ACTOR: 'octocat',
};
const KEYS = { 'aws-access-key-id': USER.accessKeyId, 'aws-secret-access-key': USER.secretAccessKey };

function io(inputs: Record<string, string>, env: Record<string, string | undefined> = {}): RecordingIo {
  return recordingIo({
    inputs: { 'aws-region': 'eu-west-1', ...inputs },
    env: { AWS_ENDPOINT_URL: server.url, GITHUB_WORKSPACE: workspace, ...RUN_ENV, ...env },
    now: Date.now(),
  });
}

async function requestsDuring(action: () => Promise<void>) {
  const before = server.requests.length;
  await action();
  return server.requests.slice(before);
}

/** The hub role's credentials, as the first step of a hub-and-spoke job exports them. */
async function hubSession(): Promise<Record<string, string>> {
  const first = io({ ...KEYS, 'role-to-assume': HUB_ROLE });
  await run(first);
  expect(first.errors).toEqual([]);
  return first.exported;
}

describe('role-chaining', () => {
  test("the second step assumes the spoke role with the hub session in the environment, and exports the spoke's credentials", async () => {
    const hub = await hubSession();
    const second = io({ 'role-to-assume': SPOKE_ROLE, 'role-chaining': 'true' }, hub);
    const requests = await requestsDuring(() => run(second));
    expect(second.errors).toEqual([]);
    expect(requests.map((r) => [r.action, r.accessKeyId])).toEqual([['AssumeRole', hub.AWS_ACCESS_KEY_ID]]);
    expect(server.sessions.at(-1)).toMatchObject({
      roleArn: SPOKE_ROLE,
      callerArn: expect.stringMatching(new RegExp(`^arn:aws:sts::${HUB}:assumed-role/hub/`)),
    });
    expect(second.outputs['aws-account-id']).toBe(SPOKE);
    expect(second.exported.AWS_ACCESS_KEY_ID).toBe(server.sessions.at(-1)?.accessKeyId);
    // The hub's secrets are masks before anything else happens.
    expect(second.masks).toEqual(expect.arrayContaining([hub.AWS_SECRET_ACCESS_KEY, hub.AWS_SESSION_TOKEN]));
    expect(second.log({ debug: true })).not.toContain(hub.AWS_SECRET_ACCESS_KEY);
  });

  test('without credentials in the environment: refused before any call (never keyless mode)', async () => {
    const step = io({ 'role-to-assume': SPOKE_ROLE, 'role-chaining': 'true' });
    const requests = await requestsDuring(() => run(step));
    expect(requests).toEqual([]);
    expect(step.errors).toEqual([
      expect.stringContaining('role-chaining: is true, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set'),
    ]);
    expect(step.exported).toEqual({});
  });
});

describe('aws-session-token', () => {
  test('temporary keys given as inputs sign AssumeRole; they are masked and never exported', async () => {
    const hub = await hubSession();
    const step = io({
      'aws-access-key-id': hub.AWS_ACCESS_KEY_ID!,
      'aws-secret-access-key': hub.AWS_SECRET_ACCESS_KEY!,
      'aws-session-token': hub.AWS_SESSION_TOKEN!,
      'role-to-assume': SPOKE_ROLE,
    });
    await run(step);
    expect(step.errors).toEqual([]);
    expect(step.outputs['aws-account-id']).toBe(SPOKE);
    expect(step.masks.slice(0, 3)).toEqual([hub.AWS_ACCESS_KEY_ID, hub.AWS_SECRET_ACCESS_KEY, hub.AWS_SESSION_TOKEN]);
    expect(Object.values(step.exported)).not.toContain(hub.AWS_SESSION_TOKEN);
  });
});

describe('use-existing-credentials', () => {
  test("valid credentials of the role's account stay: one GetCallerIdentity, a notice, nothing assumed or exported", async () => {
    const hub = await hubSession();
    const step = io({ ...KEYS, 'role-to-assume': HUB_ROLE, 'use-existing-credentials': 'true' }, hub);
    const requests = await requestsDuring(() => run(step));
    expect(requests.map((r) => r.action)).toEqual(['GetCallerIdentity']);
    expect(step.errors).toEqual([]);
    expect(step.annotations).toEqual([
      {
        severity: 'notice',
        message: expect.stringMatching(
          /^use-existing-credentials: the credentials in the environment are valid \(arn:aws:sts::111111111111:assumed-role\/hub\//,
        ),
      },
    ]);
    expect(step.exported).toEqual({});
  });

  test("credentials of another account than the role's are not kept: the role is assumed as usual", async () => {
    const hub = await hubSession();
    const spoke = io({ 'role-to-assume': SPOKE_ROLE, 'role-chaining': 'true', 'use-existing-credentials': 'true' }, hub);
    const requests = await requestsDuring(() => run(spoke));
    expect(requests.map((r) => r.action)).toEqual(['GetCallerIdentity', 'AssumeRole']);
    expect(spoke.annotations[0]?.message).toContain("are account 111111111111's, not the role's");
    expect(spoke.outputs['aws-account-id']).toBe(SPOKE);
  });

  test('credentials STS refuses are not kept: a notice with its answer, then AssumeRole', async () => {
    const step = io(
      { ...KEYS, 'role-to-assume': HUB_ROLE, 'use-existing-credentials': 'true' },
      { AWS_ACCESS_KEY_ID: 'AKIAUNKNOWNEXAMPLE00', AWS_SECRET_ACCESS_KEY: 'unknownUnknownUnknownUnknownUnknown0000X' },
    );
    const requests = await requestsDuring(() => run(step));
    expect(requests.map((r) => r.action)).toEqual(['GetCallerIdentity', 'AssumeRole']);
    expect(step.annotations[0]?.message).toMatch(
      /^use-existing-credentials: the credentials in the environment are not usable \(InvalidClientTokenId/,
    );
    expect(step.errors).toEqual([]);
    expect(step.log()).not.toContain('unknownUnknownUnknownUnknownUnknown0000X');
  });
});

describe('unset-current-credentials', () => {
  test('blanks what an earlier step exported first, then exports the new session', async () => {
    const step = io(
      { ...KEYS, 'role-to-assume': HUB_ROLE, 'unset-current-credentials': 'true' },
      { AWS_ACCESS_KEY_ID: 'ASIAOLDSESSIONEXAMPLE' },
    );
    await run(step);
    const exports = step.effects.flatMap((effect) => (effect.kind === 'export' ? [[effect.name, effect.value]] : []));
    expect(exports.slice(0, 3)).toEqual([
      ['AWS_ACCESS_KEY_ID', ''],
      ['AWS_SECRET_ACCESS_KEY', ''],
      ['AWS_SESSION_TOKEN', ''],
    ]);
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(step.exported.AWS_ACCESS_KEY_ID).not.toBe('ASIAOLDSESSIONEXAMPLE');
  });
});

describe('custom-tags, transitive-tag-keys, role-skip-session-tagging', () => {
  test("role-skip-session-tagging: false tags the session with the run's v6.2.3 tags and the custom ones", async () => {
    const step = io({
      ...KEYS,
      'role-to-assume': TAGGED_ROLE,
      'role-skip-session-tagging': 'false',
      'custom-tags': '{"Team":"payments","Tier":2}',
      'transitive-tag-keys': 'Team',
    });
    await run(step);
    expect(step.errors).toEqual([]);
    expect(server.sessions.at(-1)?.tags).toEqual([
      { key: 'GitHub', value: 'Actions' },
      { key: 'Repository', value: 'octo-org/app' },
      { key: 'EventName', value: 'push' },
      { key: 'RunId', value: '42' },
      { key: 'Job', value: 'deploy' },
      { key: 'TriggeringActor', value: 'octocat' },
      { key: 'Team', value: 'payments' },
      { key: 'Tier', value: '2' },
    ]);
  });
});

describe('disable-retry, sts-endpoint, special-characters-workaround, aws-expiration', () => {
  test('disable-retry: true makes one attempt at a 503', async () => {
    server.injectFault('AssumeRole', { kind: 'unavailable', times: 2 });
    const step = io({ ...KEYS, 'role-to-assume': HUB_ROLE, 'disable-retry': 'true' });
    const requests = await requestsDuring(() => run(step));
    expect(requests.map((r) => [r.action, r.status])).toEqual([['AssumeRole', 503]]);
    expect(step.errors).toHaveLength(1);
    expect(step.exported).toEqual({});
    server.injectFault('AssumeRole', { kind: 'unavailable', times: 0 });
    await run(io({ ...KEYS, 'role-to-assume': HUB_ROLE }));
  });

  test('sts-endpoint replaces AWS_ENDPOINT_URL, and the log names it', async () => {
    const step = io({ ...KEYS, 'role-to-assume': HUB_ROLE, 'sts-endpoint': server.url }, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    await run(step);
    expect(step.errors).toEqual([]);
    expect(step.log()).toContain(server.url);
    expect(step.outputs['aws-expiration']).toBe(step.outputs.expiration);
    expect(step.outputs['authenticated-arn']).toBe(step.outputs['assumed-role-arn']);
    expect(step.outputs['aws-expiration']).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  test('special-characters-workaround: true is refused before any call', async () => {
    const step = io({ ...KEYS, 'role-to-assume': HUB_ROLE, 'special-characters-workaround': 'true' });
    expect(await requestsDuring(() => run(step))).toEqual([]);
    expect(step.errors).toEqual([expect.stringContaining('special-characters-workaround: is not supported')]);
  });
});

describe('web-identity-token-file', () => {
  async function tokenFile(name: string): Promise<{ file: string; token: string }> {
    const answer = await fetch(`${tokens.url}&audience=sts.amazonaws.com`, { headers: { Authorization: `Bearer ${tokens.requestToken}` } });
    const token = ((await answer.json()) as { value: string }).value;
    const file = path.join(workspace, name);
    await writeFile(file, `${token}\n`);
    return { file, token };
  }

  test("keyless mode with the file's token: no ID token request, the token masked before anything else", async () => {
    const { token } = await tokenFile('token.jwt');
    const step = io({ 'role-to-assume': KEYLESS_ROLE, 'web-identity-token-file': 'token.jwt' });
    const requests = await requestsDuring(() => run(step));
    expect(step.errors).toEqual([]);
    expect(requests.map((r) => r.action)).toEqual(['AssumeRoleWithWebIdentity']);
    expect(step.masks).toContain(token);
    expect(step.outputs['assumed-role-arn']).toMatch(/^arn:aws:sts::111111111111:assumed-role\/eks-deploy\//);
    expect(step.log({ debug: true })).not.toContain(token);
  });

  test.each(['by path', 'through a symbolic link'])('a file outside the workspace, %s, is refused before any call', async (how) => {
    const outside = await mkdtemp(path.join(tmpdir(), 'outside-'));
    try {
      await writeFile(path.join(outside, 'token'), 'a.b.c');
      if (how !== 'by path') await symlink(path.join(outside, 'token'), path.join(workspace, 'link-out'));
      const given = how === 'by path' ? path.join(outside, 'token') : 'link-out';
      const step = io({ 'role-to-assume': KEYLESS_ROLE, 'web-identity-token-file': given });
      expect(await requestsDuring(() => run(step))).toEqual([]);
      expect(step.errors).toEqual([expect.stringContaining('is outside the workspace, and this action reads nothing outside it')]);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  test('a file that holds no token is refused without printing it', async () => {
    await writeFile(path.join(workspace, 'not-a-token'), 'hunter2 is my password\n');
    const step = io({ 'role-to-assume': KEYLESS_ROLE, 'web-identity-token-file': 'not-a-token' });
    expect(await requestsDuring(() => run(step))).toEqual([]);
    expect(step.errors).toEqual([expect.stringContaining('does not hold a JSON web token')]);
    expect(step.log()).not.toContain('hunter2');
  });
});

describe('action-timeout-s', () => {
  test('when the time is up the step fails with one error, and what the body does afterwards is dropped', async () => {
    let expire = () => {};
    const timer: ActionTimer = (_ms, fire) => {
      expire = fire;
      return () => {};
    };
    server.injectFault('AssumeRole', { kind: 'delay', delayMs: 300 });
    const step = io({ ...KEYS, 'role-to-assume': HUB_ROLE, 'action-timeout-s': '5' });
    const running = run(step, { actionTimer: timer });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expire();
    await running;
    expect(step.errors).toEqual(['The action did not finish within action-timeout-s (5 s); nothing more is exported, and the step fails']);
    // The AssumeRole still answers later; nothing of it reaches the step.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(step.exported).toEqual({});
    expect(step.outputs).toEqual({});
    expect(step.errors).toHaveLength(1);
  });

  test('a run that finishes in time cancels the timer', async () => {
    let cancelled = false;
    const step = io({ ...KEYS, 'role-to-assume': HUB_ROLE, 'action-timeout-s': '5' });
    await run(step, {
      actionTimer: () => () => {
        cancelled = true;
      },
    });
    expect(step.errors).toEqual([]);
    expect(cancelled).toBe(true);
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
  });
});
