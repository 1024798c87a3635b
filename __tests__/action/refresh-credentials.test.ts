/**
 * refresh-credentials: true through run(io) in process, the server's launch replaced by a fake
 * that records what would go over its pipe: the first session and how to re-assume, the token
 * masked before it is exported, nothing exported when the server does not start; and the post step.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { CredentialsServerConfig, LaunchOptions } from '../../src/adapters/credentials-server-launch.js';
import { runPost } from '../../src/assume-role/post.js';
import { postDeps } from '../../src/entries/post-wiring.js';
import { run } from '../../test/support/assume-role-run.js';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER, EXAMPLE_ROLE_ARN as ROLE } from '../../test/support/fixtures.js';
import { recordingIo, type RecordingIo } from '../../test/support/recording-io.js';

let server: Awaited<ReturnType<typeof startAwsTestServer>>;

beforeAll(async () => {
  server = await startAwsTestServer();
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
});

afterAll(async () => {
  await server.close();
});

function io(inputs: Record<string, string> = {}): RecordingIo {
  return recordingIo({
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      'refresh-credentials': 'true',
      ...inputs,
    },
    env: {
      AWS_ENDPOINT_URL: server.url,
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_REPOSITORY: 'octo-org/app',
      RUNNER_TEMP: '/tmp/runner-temp',
    },
    now: Date.now(),
  });
}

function fakeLaunch(outcome: 'starts' | 'fails') {
  const launched: Array<{ config: Omit<CredentialsServerConfig, 'parentPid'>; options: LaunchOptions }> = [];
  const launch = async (config: Omit<CredentialsServerConfig, 'parentPid'>, options: LaunchOptions) => {
    launched.push({ config, options });
    if (outcome === 'fails') throw new Error(`it exited (code 2) ${config.token}`);
    return { pid: 4242, port: 43210, logFile: options.logFile };
  };
  return { launched, launch };
}

describe('refresh-credentials: true', () => {
  test('starts the server with the first session and the AssumeRole request, masks its token before exporting it, exports no keys', async () => {
    const step = io();
    const { launched, launch } = fakeLaunch('starts');
    await run(step, { launchCredentialsServer: launch });
    expect(step.errors).toEqual([]);
    expect(launched).toHaveLength(1);
    const { config, options } = launched[0] ?? { config: undefined, options: undefined };
    const session = server.sessions.at(-1);
    expect(config?.session.accessKeyId).toBe(session?.accessKeyId);
    expect(config?.source).toMatchObject({
      kind: 'keys',
      accessKeyId: USER.accessKeyId,
      secretAccessKey: USER.secretAccessKey,
      request: { RoleArn: ROLE, RoleSessionName: session?.roleSessionName },
    });
    expect(config?.stsEndpoint).toEqual({ AWS_ENDPOINT_URL: server.url });
    expect(config?.lifetimeMs).toBe(6 * 3600_000);
    expect(options?.logFile).toMatch(/^\/tmp\/runner-temp\/assume-deploy-role-credentials-[0-9a-f]{8}\.log$/);

    const token = config?.token ?? '';
    expect(token.length).toBeGreaterThanOrEqual(40);
    const masked = step.effects.findIndex((effect) => effect.kind === 'mask' && effect.value === token);
    const exported = step.effects.findIndex((effect) => effect.kind === 'export' && effect.value === token);
    expect(masked).toBeGreaterThanOrEqual(0);
    expect(masked).toBeLessThan(exported);
    expect(step.exported).toEqual({
      AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:43210${config?.path}`,
      AWS_CONTAINER_AUTHORIZATION_TOKEN: token,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: '',
      AWS_SECRET_ACCESS_KEY: '',
      AWS_SESSION_TOKEN: '',
      AWS_CREDENTIAL_EXPIRATION: '',
      AWS_SECURITY_TOKEN: '',
    });
    expect(JSON.parse(step.state['credentials-server'] ?? '{}')).toEqual({ pid: 4242, port: 43210, nonce: config?.nonce });
    expect(step.outputs.expiration).toBe(session?.expiration.toISOString());
  });

  test('with sts-endpoint, the server refreshes at the endpoint the first session came from', async () => {
    const step = recordingIo({
      inputs: {
        'aws-access-key-id': USER.accessKeyId,
        'aws-secret-access-key': USER.secretAccessKey,
        'aws-region': 'eu-west-1',
        'role-to-assume': ROLE,
        'refresh-credentials': 'true',
        'sts-endpoint': server.url,
      },
      env: { GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '1', GITHUB_REPOSITORY: 'octo-org/app', RUNNER_TEMP: '/tmp/runner-temp' },
      now: Date.now(),
    });
    const { launched, launch } = fakeLaunch('starts');
    await run(step, { launchCredentialsServer: launch });
    expect(step.errors).toEqual([]);
    expect(launched[0]?.config.stsEndpoint).toEqual({ AWS_ENDPOINT_URL_STS: server.url });
  });

  test('a server that does not start fails the step with one error, cleaned, and nothing exported or output', async () => {
    const step = io();
    const { launch } = fakeLaunch('fails');
    await run(step, { launchCredentialsServer: launch });
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toMatch(
      /^refresh-credentials: the credentials server did not start \(it exited \(code 2\) \*\*\*\); nothing was exported/,
    );
    expect(step.exported).toEqual({});
    expect(step.outputs).toEqual({});
  });

  test('the default, false, starts nothing', async () => {
    const step = io({ 'refresh-credentials': 'false' });
    const { launched, launch } = fakeLaunch('starts');
    await run(step, { launchCredentialsServer: launch });
    expect(launched).toEqual([]);
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(step.state['credentials-server']).toBeUndefined();
  });
});

describe('the post step with a credentials server', () => {
  const state = { 'credentials-server': JSON.stringify({ pid: 4242, port: 43210, nonce: 'n-1' }), exported: 'true' };

  test('stops exactly the recorded server and blanks its address and token', async () => {
    const step = recordingIo({ state });
    const asked: unknown[] = [];
    await runPost(step, {
      ...postDeps(),
      stopServer: async (server) => {
        asked.push(server);
        return 'stopped';
      },
    });
    expect(asked).toEqual([{ pid: 4242, port: 43210, nonce: 'n-1' }]);
    expect(step.exported.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBe('');
    expect(step.exported.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe('');
    expect(step.effects).toContainEqual({ kind: 'info', message: 'Stopped the credentials server; its session is wiped' });
  });

  test('a process that is not ours is left alone, with a warning', async () => {
    const step = recordingIo({ state });
    await runPost(step, { ...postDeps(), stopServer: async () => 'not ours' });
    expect(step.annotations).toEqual([
      expect.objectContaining({
        severity: 'warning',
        message: 'Process 4242 is not the credentials server this job started; it was left alone',
      }),
    ]);
  });

  test('without the state, nothing is stopped', async () => {
    const step = recordingIo({ state: { exported: 'true' } });
    let asked = false;
    await runPost(step, {
      ...postDeps(),
      stopServer: async () => {
        asked = true;
        return 'stopped';
      },
    });
    expect(asked).toBe(false);
  });
});
