/**
 * The root action's run(io) in process, through the recording Io, against the loopback STS: the
 * fast loop for the orchestration (the e2e tier runs the bundle under the runner emulation).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { runPost } from '../../src/assume-role/post.js';
import { postDeps } from '../../src/entries/post-wiring.js';
import { run } from '../../test/support/assume-role-run.js';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { recordingIo, type RecordingIo } from '../../test/support/recording-io.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER, EXAMPLE_ROLE_ARN as ROLE } from '../../test/support/fixtures.js';

let server: Awaited<ReturnType<typeof startAwsTestServer>>;

beforeAll(async () => {
  server = await startAwsTestServer();
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
  server.addRole({ account: ACCOUNT, name: 'untrusting', trustedPrincipals: [] });
});

afterAll(async () => {
  await server.close();
});

function io(inputs: Record<string, string> = {}, env: Record<string, string> = {}): RecordingIo {
  return recordingIo({
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      ...inputs,
    },
    env: { AWS_ENDPOINT_URL: server.url, GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'octo-org/app', ...env },
    now: Date.now(),
  });
}

async function requestsDuring(action: () => Promise<void>) {
  const before = server.requests.length;
  await action();
  return server.requests.slice(before);
}

describe('assume-role run(io)', () => {
  test('happy path: masks first, exports the session, outputs, state and summary, no error', async () => {
    const step = io();
    const requests = await requestsDuring(() => run(step));
    expect(requests.map((request) => request.action)).toEqual(['AssumeRole']);
    expect(step.failed).toBe(false);
    const session = server.sessions.at(-1);
    expect(session?.roleSessionName).toBe('gha-42-1@octo-org.app');
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(step.exported.AWS_REGION).toBe('eu-west-1');
    expect(step.exported.AWS_SECURITY_TOKEN).toBe('');
    expect(Object.values(step.exported)).not.toContain(USER.accessKeyId);
    expect(Object.values(step.exported)).not.toContain(USER.secretAccessKey);
    expect(step.outputs['aws-account-id']).toBe(ACCOUNT);
    expect(step.state.exported).toBe('true');
    expect(step.summary.join('')).toContain('### Deploy role assumed');
    // Every credential is a mask before it is exported.
    const firstExport = step.effects.findIndex((effect) => effect.kind === 'export');
    const maskedBefore = step.effects.slice(0, firstExport).flatMap((effect) => (effect.kind === 'mask' ? [effect.value] : []));
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'])
      expect(maskedBefore).toContain(step.exported[name]);
    expect(maskedBefore.slice(0, 2)).toEqual([USER.accessKeyId, USER.secretAccessKey]);
    expect(step.log({ debug: true })).not.toContain(step.exported.AWS_SECRET_ACCESS_KEY);
  });

  test('a role that does not trust the user: one error with the trust statement, nothing exported', async () => {
    const step = io({ 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/untrusting` });
    await run(step);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(
      /^arn:aws:iam::111122223333:user\/sam-cli-user may not assume arn:aws:iam::111122223333:role\/untrusting\. Add this statement/,
    );
    expect(step.exported).toEqual({});
    expect(step.outputs).toEqual({});
    expect(step.state).toEqual({});
    expect(step.log()).not.toContain(USER.secretAccessKey);
  });

  test('input problems: every one in one error, before any network call', async () => {
    const step = io({ 'aws-region': 'Europe (Ireland)', 'role-duration-seconds': '1h' });
    const requests = await requestsDuring(() => run(step));
    expect(requests).toEqual([]);
    expect(step.errors).toEqual([
      '2 inputs are invalid:\n- aws-region: must be an AWS region code such as us-east-1 or eu-west-2\n' +
        '- role-duration-seconds: must be a whole number written in digits only, from 900 to 43200',
    ]);
    expect(step.masks).toEqual([USER.accessKeyId, USER.secretAccessKey]);
    expect(step.exported).toEqual({});
  });

  test("a bare role name is resolved with GetCallerIdentity in the keys' account", async () => {
    const step = io({ 'role-to-assume': 'deploy' });
    const requests = await requestsDuring(() => run(step));
    expect(requests.map((request) => request.action)).toEqual(['GetCallerIdentity', 'AssumeRole']);
    expect(step.outputs['assumed-role-arn']).toMatch(/^arn:aws:sts::111122223333:assumed-role\/deploy\//);
  });

  test('a summary that cannot be written is a warning; the credentials stay exported', async () => {
    const step = recordingIo({
      inputs: {
        'aws-access-key-id': USER.accessKeyId,
        'aws-secret-access-key': USER.secretAccessKey,
        'aws-region': 'eu-west-1',
        'role-to-assume': ROLE,
      },
      env: { AWS_ENDPOINT_URL: server.url },
      now: Date.now(),
      summaryError: new Error('EACCES: permission denied'),
    });
    await run(step);
    expect(step.failed).toBe(false);
    expect(step.annotations).toEqual([
      { severity: 'warning', message: 'Could not write the job summary: Error: EACCES: permission denied' },
    ]);
    // The credentials still went out: those STS issued for this run.
    expect(step.exported.AWS_SESSION_TOKEN).toBe(server.sessionCredentials(step.exported.AWS_ACCESS_KEY_ID ?? '')?.sessionToken);
    expect(step.exported.AWS_SESSION_TOKEN).toMatch(/\S{16,}/);
  });
});

describe('assume-role runPost(io)', () => {
  test('blanks every exported variable after a main step that exported', () => {
    const post = recordingIo({ state: { exported: 'true' } });
    runPost(post, postDeps());
    expect(post.exported).toEqual({
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_CREDENTIAL_EXPIRATION: '',
      AWS_REGION: '',
      AWS_DEFAULT_REGION: '',
      AWS_SECURITY_TOKEN: '',
    });
    expect(post.log()).toBe('Blanked the exported AWS credentials');
  });

  test('does nothing after a main step that failed', () => {
    const post = recordingIo();
    runPost(post, postDeps());
    expect(post.effects).toEqual([]);
  });
});
