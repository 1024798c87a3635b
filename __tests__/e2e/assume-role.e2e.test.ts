/**
 * The bundled root action (dist/main, dist/post) run exactly as the GitHub runner runs it, against
 * the loopback STS server, which verifies signatures and trust policies as AWS does.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { findSecretLeaks, removeWorkDirs, runAction, runPost } from '../../test/support/run-action.js';
import {
  EXAMPLE_ACCOUNT as ACCOUNT,
  EXAMPLE_KEY as USER,
  EXAMPLE_ROLE_ARN as ROLE,
  SECOND_EXAMPLE_KEY as INACTIVE,
  EXPORTED_VARIABLES,
  STRANGER_KEY as STRANGER,
} from '../../test/support/fixtures.js';

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
type Run = Awaited<ReturnType<typeof runAction>>;

let server: Server;

beforeAll(async () => {
  server = await startAwsTestServer();
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', USER);
  server.addAccessKey('sam-cli-user', { ...INACTIVE, status: 'Inactive' });
  server.addUser({ account: ACCOUNT, name: 'stranger' });
  server.addAccessKey('stranger', STRANGER);
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
  server.addRole({
    account: ACCOUNT,
    name: 'deploy-tagged',
    path: '/ci/',
    trustedPrincipals: [user.arn],
    trustActions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'],
    maxSessionDuration: 7200,
  });
  server.disableRegion('ap-east-1');
});

afterAll(async () => {
  await server.close();
  await removeWorkDirs();
});

async function run(
  inputs: Record<string, string> = {},
  options: { env?: Record<string, string | undefined>; debug?: boolean } = {},
): Promise<Run> {
  const result = await runAction('dist/main/index.js', {
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      ...inputs,
    },
    env: { AWS_ENDPOINT_URL: server.url, ...options.env },
    debug: options.debug,
  });
  return result;
}

function requestsDuring<T>(action: () => Promise<T>): Promise<{ result: T; requests: Server['requests'] }> {
  const before = server.requests.length;
  return action().then((result) => ({ result, requests: server.requests.slice(before) }));
}

/** Every secret a leak would expose: the user's keys, and every credential the server ever issued. */
function secretsOf(result: Run) {
  return [
    { label: 'limited user access key id', value: USER.accessKeyId },
    { label: 'limited user secret access key', value: USER.secretAccessKey },
    { label: 'temporary access key id', value: result.env.AWS_ACCESS_KEY_ID },
    ...server.knownSecrets(),
  ];
}

function expectFailedWithNothingExported(result: Run) {
  expect(result.exitCode).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.env).toEqual({});
  expect(result.outputs).toEqual({});
  expect(result.state).toEqual({});
  expect(findSecretLeaks(result, secretsOf(result))).toEqual([]);
}

describe('success', () => {
  test("exports the deploy role's credentials, never the user's keys, after one AssumeRole call", async () => {
    const { result, requests } = await requestsDuring(() => run());
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expect(requests.map((request) => [request.action, request.region, request.accessKeyId])).toEqual([
      ['AssumeRole', 'eu-west-1', USER.accessKeyId],
    ]);

    expect(Object.keys(result.env).sort()).toEqual([...EXPORTED_VARIABLES].sort());
    expect(result.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA[A-Z0-9]{16}$/);
    const issued = server.sessionCredentials(result.env.AWS_ACCESS_KEY_ID ?? '');
    expect(result.env.AWS_SECRET_ACCESS_KEY).toBe(issued?.secretAccessKey);
    expect(result.env.AWS_SESSION_TOKEN).toBe(issued?.sessionToken);
    expect(result.env).toMatchObject({ AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-1', AWS_SECURITY_TOKEN: '' });
    expect(JSON.stringify(result.env)).not.toContain(USER.accessKeyId);
    expect(JSON.stringify(result.env)).not.toContain(USER.secretAccessKey);

    const session = server.sessions.at(-1);
    expect(result.outputs).toEqual({
      'aws-account-id': ACCOUNT,
      'assumed-role-arn': session?.assumedRoleArn,
      'role-session-name': session?.roleSessionName,
      expiration: session?.expiration.toISOString(),
      'aws-expiration': session?.expiration.toISOString(),
      'authenticated-arn': session?.assumedRoleArn,
    });
    expect(result.env.AWS_CREDENTIAL_EXPIRATION).toBe(session?.expiration.toISOString());
    expect(session?.durationSeconds).toBe(3600);
    expect(result.state).toEqual({ exported: 'true' });
    expect(result.summary).toContain(`| Role | \`${ROLE}\` |`);
    expect(result.summary).toContain(`| Session name | \`${session?.roleSessionName}\` |`);
    expect(findSecretLeaks(result, secretsOf(result))).toEqual([]);
  });

  test('names the session after the run, so CloudTrail points at it', async () => {
    const result = await run(
      {},
      { env: { GITHUB_RUN_ID: '16012345678', GITHUB_RUN_ATTEMPT: '3', GITHUB_REPOSITORY: 'octo-org/Deploy.App' } },
    );
    expect(result.outputs['role-session-name']).toBe('gha-16012345678-3@octo-org.Deploy.App');
    expect(server.sessions.at(-1)?.roleSessionName).toBe('gha-16012345678-3@octo-org.Deploy.App');
  });

  test('masks every credential before it could be printed, in debug mode too', async () => {
    const result = await run({ 'output-credentials': 'true', 'role-external-id': '' }, { debug: true });
    expect(result.exitCode).toBe(0);
    expect(result.outputs['aws-access-key-id']).toBe(result.env.AWS_ACCESS_KEY_ID);
    expect(result.outputs['aws-secret-access-key']).toBe(result.env.AWS_SECRET_ACCESS_KEY);
    expect(result.outputs['aws-session-token']).toBe(result.env.AWS_SESSION_TOKEN);
    for (const value of [
      USER.accessKeyId,
      USER.secretAccessKey,
      result.env.AWS_ACCESS_KEY_ID,
      result.env.AWS_SECRET_ACCESS_KEY,
      result.env.AWS_SESSION_TOKEN,
    ]) {
      expect(result.masks).toContain(value);
    }
    expect(findSecretLeaks(result, secretsOf(result))).toEqual([]);
  });

  test('the post step blanks every variable the main step exported', async () => {
    const main = await run();
    const post = await runPost(main);
    expect(post.exitCode).toBe(0);
    expect(post.env).toEqual(Object.fromEntries(EXPORTED_VARIABLES.map((name) => [name, ''])));
    expect(findSecretLeaks(post, secretsOf(main))).toEqual([]);
  });

  test('the post step of a failed main step exports nothing', async () => {
    const main = await run({ 'aws-secret-access-key': STRANGER.secretAccessKey });
    const post = await runPost(main);
    expect(post.exitCode).toBe(0);
    expect(post.env).toEqual({});
  });

  test('removes white space around pasted keys with a warning that does not show them', async () => {
    const result = await run({ 'aws-access-key-id': ` ${USER.accessKeyId}\n`, 'aws-secret-access-key': `${USER.secretAccessKey}\n` });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toEqual([
      'aws-access-key-id: removed white space around the value (AWS keys never contain white space); fix the stored secret',
      'aws-secret-access-key: removed white space around the value (AWS keys never contain white space); fix the stored secret',
    ]);
    expect(findSecretLeaks(result, secretsOf(result))).toEqual([]);
  });

  test('tags the session and sets the source identity only when asked, with a path in the role ARN', async () => {
    const role = `arn:aws:iam::${ACCOUNT}:role/ci/deploy-tagged`;
    const result = await run(
      { 'role-to-assume': role, 'session-tags': 'true', 'source-identity': 'octocat', 'role-duration-seconds': '7200' },
      {
        env: { GITHUB_REPOSITORY: 'octo-org/app', GITHUB_ACTOR: 'octocat', GITHUB_WORKFLOW: 'Deploy' },
      },
    );
    expect(result.exitCode).toBe(0);
    const session = server.sessions.at(-1);
    expect(session?.roleArn).toBe(role);
    expect(session?.sourceIdentity).toBe('octocat');
    expect(session?.durationSeconds).toBe(7200);
    expect(session?.tags).toEqual(
      expect.arrayContaining([
        { key: 'Repository', value: 'octo-org/app' },
        { key: 'Actor', value: 'octocat' },
        { key: 'Workflow', value: 'Deploy' },
        { key: 'GitHub', value: 'Actions' },
      ]),
    );
    const untagged = await run();
    expect(untagged.exitCode).toBe(0);
    expect(server.sessions.at(-1)?.tags).toEqual([]);
  });

  test("with a bare role name, finds the keys' account with one GetCallerIdentity first", async () => {
    const { result, requests } = await requestsDuring(() => run({ 'role-to-assume': 'deploy' }));
    expect(result.exitCode).toBe(0);
    expect(requests.map((request) => request.action)).toEqual(['GetCallerIdentity', 'AssumeRole']);
    expect(server.sessions.at(-1)?.roleArn).toBe(ROLE);
  });

  test('mask-aws-account-id masks the account before any line shows it, and in the summary', async () => {
    const result = await run({ 'mask-aws-account-id': 'true' }, { debug: true });
    expect(result.exitCode).toBe(0);
    expect(findSecretLeaks(result, [...secretsOf(result), { label: 'account id', value: ACCOUNT }])).toEqual([]);
    expect(result.summary).toContain('| Account | *** |');
    expect(result.summary).toContain('| Role | `arn:aws:iam::***:role/deploy` |');
  });

  test('passes session policies through to STS', async () => {
    const result = await run({
      'inline-session-policy':
        '{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "cloudformation:*", "Resource": "*" }] }',
      'managed-session-policies': 'arn:aws:iam::aws:policy/AWSCloudFormationFullAccess',
    });
    expect(result.exitCode).toBe(0);
    expect(server.sessions.at(-1)).toMatchObject({
      policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"cloudformation:*","Resource":"*"}]}',
      policyArns: ['arn:aws:iam::aws:policy/AWSCloudFormationFullAccess'],
    });
  });

  test('AWS_ENDPOINT_URL_STS wins over AWS_ENDPOINT_URL', async () => {
    const result = await run({}, { env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_ENDPOINT_URL_STS: server.url } });
    expect(result.exitCode).toBe(0);
  });
});

describe('errors that heal are retried, one log line each', () => {
  const healing: Array<'throttle' | 'server-error' | 'unavailable' | 'reset' | 'malformed'> = [
    'throttle',
    'server-error',
    'unavailable',
    'reset',
    'malformed',
  ];
  test.each(healing)('%s once, then success', async (kind) => {
    server.injectFault('AssumeRole', { kind, times: 1 });
    const { result, requests } = await requestsDuring(() => run());
    expect(result.exitCode).toBe(0);
    expect(requests.filter((request) => request.action === 'AssumeRole')).toHaveLength(2);
    const retryLine = kind === 'throttle' ? 'STS AssumeRole: attempt 1 was throttled' : 'STS AssumeRole: attempt 1 of 5 failed';
    expect(result.stdout.split('\n').filter((line) => line.startsWith(retryLine))).toHaveLength(1);
    expect(findSecretLeaks(result, secretsOf(result))).toEqual([]);
  });

  test('throttling is retried past retry-max-attempts until STS lets the call through', async () => {
    server.injectFault('AssumeRole', { kind: 'throttle', times: 3 });
    const { result, requests } = await requestsDuring(() => run({ 'retry-max-attempts': '1' }));
    expect(result.exitCode).toBe(0);
    expect(requests.filter((request) => request.action === 'AssumeRole')).toHaveLength(4);
    expect(
      result.stdout.split('\n').filter((line) => / was throttled \(Throttling: Rate exceeded\); trying again in /.test(line)),
    ).toHaveLength(3);
  });

  test('a slow answer within the attempt timeout is simply waited for', async () => {
    server.injectFault('AssumeRole', { kind: 'delay', delayMs: 1500, times: 1 });
    const { result, requests } = await requestsDuring(() => run());
    expect(result.exitCode).toBe(0);
    expect(requests).toHaveLength(1);
  });

  test('gives up after retry-max-attempts, exporting nothing', async () => {
    server.injectFault('AssumeRole', { kind: 'server-error', times: 3 });
    const { result, requests } = await requestsDuring(() => run({ 'retry-max-attempts': '3' }, { debug: true }));
    expect(requests).toHaveLength(3);
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toMatch(/^STS AssumeRole failed 3 times in [\d.]+ s, and no attempts are left \(retry-max-attempts\)/);
  });
});

describe('errors that cannot heal fail at once, with one error and nothing exported', () => {
  test.each([
    [
      'a wrong secret',
      { 'aws-secret-access-key': STRANGER.secretAccessKey },
      'The secret in aws-secret-access-key does not belong to the access key id AKIA…MPLE',
    ],
    [
      'an inactive key',
      { 'aws-access-key-id': INACTIVE.accessKeyId, 'aws-secret-access-key': INACTIVE.secretAccessKey },
      'AWS does not know the access key id in aws-access-key-id (AKIA…MPLE)',
    ],
    [
      'an unknown key',
      { 'aws-access-key-id': 'AKIAUNKNOWNKEYEXAMPL' },
      'AWS does not know the access key id in aws-access-key-id (AKIA…AMPL): the key was deleted or deactivated',
    ],
    [
      'a user the role does not trust',
      { 'aws-access-key-id': STRANGER.accessKeyId, 'aws-secret-access-key': STRANGER.secretAccessKey },
      `arn:aws:iam::${ACCOUNT}:user/stranger may not assume ${ROLE}. Add this statement to the role's trust policy (IAM console → Roles → deploy → Trust relationships): {"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::${ACCOUNT}:user/stranger"},"Action":"sts:AssumeRole"}`,
    ],
    [
      'session tags the trust policy does not allow',
      { 'session-tags': 'true' },
      'Add "sts:TagSession" to the Action of the statement that trusts the user, or set session-tags: false.',
    ],
    [
      'a source identity the trust policy does not allow',
      { 'source-identity': 'octocat' },
      'Add "sts:SetSourceIdentity" to the Action of the statement that trusts the user, or remove source-identity.',
    ],
    [
      'more time than the role allows',
      { 'role-duration-seconds': '7200' },
      'aws iam update-role --role-name deploy --max-session-duration 7200',
    ],
    ['a region where STS is off', { 'aws-region': 'ap-east-1' }, 'STS is not active in ap-east-1 for this account.'],
  ])('%s', async (_label, inputs, message) => {
    for (const debug of [false, true]) {
      const { result, requests } = await requestsDuring(() => run(inputs, { debug }));
      expectFailedWithNothingExported(result);
      expect(requests).toHaveLength(1);
      expect(result.errors[0]).toContain(message);
    }
  });

  test('invalid inputs fail before any network call, all reported in one error', async () => {
    const { result, requests } = await requestsDuring(() =>
      run({ 'aws-region': 'Frankfurt', 'role-duration-seconds': '1h', 'output-credentials': 'yes' }),
    );
    expectFailedWithNothingExported(result);
    expect(requests).toEqual([]);
    expect(result.errors[0]).toBe(
      '3 inputs are invalid:\n- aws-region: must be an AWS region code such as us-east-1 or eu-west-2\n- role-duration-seconds: must be a whole number written in digits only, from 900 to 43200\n- output-credentials: must be true or false',
    );
  });

  test('a role outside allowed-account-ids is refused before any network call', async () => {
    const { result, requests } = await requestsDuring(() => run({ 'allowed-account-ids': '444455556666' }));
    expectFailedWithNothingExported(result);
    expect(requests).toEqual([]);
  });

  test('a key with a line break pasted into it is masked in pieces and never printed', async () => {
    const broken = `${USER.secretAccessKey.slice(0, 20)}\n${USER.secretAccessKey.slice(20)}`;
    const result = await run({ 'aws-secret-access-key': broken }, { debug: true });
    expectFailedWithNothingExported(result);
    expect(
      findSecretLeaks(result, [
        { label: 'first half', value: USER.secretAccessKey.slice(0, 20) },
        { label: 'second half', value: USER.secretAccessKey.slice(20) },
      ]),
    ).toEqual([]);
  });
});

describe('workflow commands in the inputs', () => {
  test.each([false, true])('never reach the runner as commands, in either form, nor the log (debug %p)', async (debug) => {
    const injected = 'x ##[warning]injected\n::notice::injected\n::stop-commands::resume-token';
    const result = await run(
      {
        'role-to-assume': `${ROLE}${injected}`,
        'role-session-name': injected,
        'role-external-id': `id${injected}`,
        'source-identity': injected,
        'session-tags': `team=${injected}`,
      },
      { debug },
    );
    expectFailedWithNothingExported(result);
    expect(result.commands.map((command) => command.command).filter((name) => name !== 'add-mask' && name !== 'debug')).toEqual(['error']);
    expect(result.stderrCommands).toEqual([]);
    expect(result.visibleLog).not.toContain('injected');
  });
});

describe('a real AWS client uses the exported credentials', () => {
  const awsTest = testWithTool(spawnSync('aws', ['--version']).status === 0, {
    requireVariable: 'REQUIRE_AWS_CLI',
    missing: 'the AWS CLI (aws) is not installed, so the exported credentials are not checked with botocore (apt-get install awscli)',
  });

  awsTest('aws sts get-caller-identity, with the exported environment, is the assumed role (botocore, as SAM CLI)', async () => {
    // An earlier step's session token must not be paired with the new keys.
    const result = await run({}, { env: { AWS_SECURITY_TOKEN: 'FwoGZXIvYXdzEStaleToken' } });
    expect(result.exitCode).toBe(0);
    // Asynchronous: the test server answers from this process.
    const identity = await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'], {
      timeout: 30000,
      env: {
        PATH: process.env.PATH,
        HOME: result.workDir,
        AWS_CONFIG_FILE: `${result.workDir}/no-aws-config`,
        AWS_SHARED_CREDENTIALS_FILE: `${result.workDir}/no-aws-credentials`,
        AWS_SECURITY_TOKEN: 'FwoGZXIvYXdzEStaleToken',
        ...result.env,
      },
    });
    expect(identity.stderr).toBe('');
    expect(JSON.parse(identity.stdout)).toMatchObject({ Account: ACCOUNT, Arn: result.outputs['assumed-role-arn'] });
  });
});
