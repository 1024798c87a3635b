/**
 * Two stages in one job, as a SAM pipeline runs them: the bundled action used twice (environment
 * and named profiles), with the AWS CLI (botocore, as SAM CLI) as the real client of what it left.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { findSecretLeaks, removeWorkDirs, runAction, runPost } from '../../test/support/run-action.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER, EXPORTED_VARIABLES } from '../../test/support/fixtures.js';

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
type Run = Awaited<ReturnType<typeof runAction>>;
const TEST_ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy-test`;
const PROD_ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy-prod`;
const USER_CREDENTIALS =
  '# my own keys\n[mine]\naws_access_key_id = AKIAMINE000000000000\naws_secret_access_key = mineSecretmineSecretmineSecret\n';
const USER_CONFIG = '[profile mine]\nregion = us-east-2\n';

let server: Server;
let home: string;

beforeAll(async () => {
  server = await startAwsTestServer();
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({ account: ACCOUNT, name: 'deploy-test', trustedPrincipals: [user.arn] });
  server.addRole({ account: ACCOUNT, name: 'deploy-prod', trustedPrincipals: [user.arn] });
});

afterAll(async () => {
  await server.close();
  await removeWorkDirs();
});

/** A job's HOME shared by its steps, with the user's own sections already in ~/.aws. */
async function freshHome(): Promise<string> {
  home = await mkdtemp(path.join(tmpdir(), 'pipelines-home-'));
  await mkdir(path.join(home, '.aws'));
  await writeFile(path.join(home, '.aws', 'credentials'), USER_CREDENTIALS, { mode: 0o600 });
  await writeFile(path.join(home, '.aws', 'config'), USER_CONFIG, { mode: 0o600 });
  return home;
}

function run(inputs: Record<string, string>, env: Record<string, string | undefined> = {}): Promise<Run> {
  return runAction('dist/main/index.js', {
    inputs: { 'aws-access-key-id': USER.accessKeyId, 'aws-secret-access-key': USER.secretAccessKey, 'aws-region': 'eu-west-1', ...inputs },
    env: { AWS_ENDPOINT_URL: server.url, ...env },
  });
}

const secretsOf = (...runs: Run[]) => [
  { label: 'limited user secret access key', value: USER.secretAccessKey },
  ...runs.map((result, i) => ({ label: `temporary key id of run ${i + 1}`, value: result.env.AWS_ACCESS_KEY_ID })),
  ...server.knownSecrets(),
];

const cliAvailable = spawnSync('aws', ['--version']).status === 0;
const awsTest = testWithTool(cliAvailable, {
  requireVariable: 'REQUIRE_AWS_CLI',
  missing: 'the AWS CLI (aws) is not installed, so what the action leaves is not checked with botocore (apt-get install awscli)',
});

/** `aws sts get-caller-identity` as a later step runs it: the job's HOME, the job's environment. */
async function callerIdentity(env: Record<string, string | undefined>, profile?: string): Promise<{ Arn: string }> {
  const args = ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json', ...(profile ? ['--profile', profile] : [])];
  const { stdout } = await promisify(execFile)('aws', args, { timeout: 30000, env: { PATH: process.env.PATH, HOME: home, ...env } });
  return JSON.parse(stdout) as { Arn: string };
}

const mode = async (file: string) => (await stat(file)).mode & 0o777;

describe('the action twice in one job (test stage, then production)', () => {
  awsTest(
    "exported to the environment: the second role's credentials remain, and the post steps in reverse order leave nothing",
    async () => {
      await freshHome();
      const first = await run({ 'role-to-assume': TEST_ROLE }, { HOME: home });
      const second = await run({ 'role-to-assume': PROD_ROLE }, { HOME: home, ...first.env });
      expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
      const job = { ...first.env, ...second.env };
      expect(job.AWS_ACCESS_KEY_ID).toBe(second.env.AWS_ACCESS_KEY_ID);
      expect(Object.keys(second.env).sort()).toEqual([...EXPORTED_VARIABLES].sort());
      expect((await callerIdentity(job)).Arn).toBe(second.outputs['assumed-role-arn']);
      expect(second.outputs['assumed-role-arn']).toContain(':assumed-role/deploy-prod/');

      const secondPost = await runPost(second, { env: job });
      const afterSecond = { ...job, ...secondPost.env };
      const firstPost = await runPost(first, { env: afterSecond });
      const after = { ...afterSecond, ...firstPost.env };
      for (const name of EXPORTED_VARIABLES) expect(after[name]).toBe('');
      expect(findSecretLeaks(second, secretsOf(first, second))).toEqual([]);
      await rm(home, { recursive: true, force: true });
    },
  );

  awsTest(
    "two profiles: aws --profile test and --profile prod are each their role; files 0600; the post steps keep the user's sections",
    async () => {
      await freshHome();
      const credentialsFile = path.join(home, '.aws', 'credentials');
      const configFile = path.join(home, '.aws', 'config');
      const first = await run({ 'role-to-assume': TEST_ROLE, 'aws-profile': 'test' }, { HOME: home });
      const second = await run({ 'role-to-assume': PROD_ROLE, 'aws-profile': 'prod' }, { HOME: home });
      expect([first.exitCode, second.exitCode]).toEqual([0, 0]);
      // With aws-profile, nothing goes to the environment.
      expect(first.env).toEqual({});
      expect(second.env).toEqual({});
      expect(await mode(credentialsFile)).toBe(0o600);
      expect(await mode(configFile)).toBe(0o600);
      expect(await readFile(configFile, 'utf8')).toContain('[profile prod]');

      expect((await callerIdentity({}, 'test')).Arn).toBe(first.outputs['assumed-role-arn']);
      expect((await callerIdentity({}, 'prod')).Arn).toBe(second.outputs['assumed-role-arn']);
      expect(findSecretLeaks(first, secretsOf(first))).toEqual([]);

      const secondPost = await runPost(second);
      expect(secondPost.exitCode).toBe(0);
      expect(await readFile(credentialsFile, 'utf8')).toContain('[test]');
      expect(await readFile(credentialsFile, 'utf8')).not.toContain('[prod]');
      await runPost(first);
      expect(await readFile(credentialsFile, 'utf8')).toBe(USER_CREDENTIALS);
      expect(await readFile(configFile, 'utf8')).toBe(USER_CONFIG);
      await rm(home, { recursive: true, force: true });
    },
  );
});

describe('aws-profile', () => {
  test('a profile of that name that exists is refused, and nothing is written or exported', async () => {
    await freshHome();
    const config = `${USER_CONFIG}\n[profile test]\nregion = us-west-2\n`;
    await writeFile(path.join(home, '.aws', 'config'), config);
    const result = await run({ 'role-to-assume': TEST_ROLE, 'aws-profile': 'test', 'output-env-credentials': 'true' }, { HOME: home });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      `aws-profile: profile test already exists in ${path.join(home, '.aws', 'config')}; nothing was written. Set overwrite-aws-profile: true to replace it, or choose another name`,
    ]);
    expect(result.env).toEqual({});
    expect(result.outputs).toEqual({});
    expect(result.state).toEqual({});
    expect(await readFile(path.join(home, '.aws', 'credentials'), 'utf8')).toBe(USER_CREDENTIALS);
    expect(await readFile(path.join(home, '.aws', 'config'), 'utf8')).toBe(config);

    const overwritten = await run({ 'role-to-assume': TEST_ROLE, 'aws-profile': 'test', 'overwrite-aws-profile': 'true' }, { HOME: home });
    expect(overwritten.exitCode).toBe(0);
    expect(await readFile(path.join(home, '.aws', 'config'), 'utf8')).toMatch(
      /\[profile test\]\n# written by assume-deploy-role [^\n]+\nregion = eu-west-1\n/,
    );
    await rm(home, { recursive: true, force: true });
  });

  test('new files in a HOME without ~/.aws are made 0600 (folder 0700), and the post step deletes them', async () => {
    home = await mkdtemp(path.join(tmpdir(), 'pipelines-home-'));
    const result = await run({ 'role-to-assume': TEST_ROLE, 'aws-profile': 'test' }, { HOME: home });
    expect(result.exitCode).toBe(0);
    expect(await mode(path.join(home, '.aws'))).toBe(0o700);
    expect(await mode(path.join(home, '.aws', 'credentials'))).toBe(0o600);
    expect(result.summary).toContain('profile test');
    await runPost(result);
    await expect(stat(path.join(home, '.aws', 'credentials'))).rejects.toThrow('ENOENT');
    await expect(stat(path.join(home, '.aws', 'config'))).rejects.toThrow('ENOENT');
    await rm(home, { recursive: true, force: true });
  });

  test('AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE say where the profile goes', async () => {
    home = await mkdtemp(path.join(tmpdir(), 'pipelines-home-'));
    const files = { AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'creds'), AWS_CONFIG_FILE: path.join(home, 'conf') };
    const result = await run({ 'role-to-assume': TEST_ROLE, 'aws-profile': 'test' }, { HOME: home, ...files });
    expect(result.exitCode).toBe(0);
    expect(await readFile(files.AWS_SHARED_CREDENTIALS_FILE, 'utf8')).toMatch(
      /\[test\]\n# written by assume-deploy-role [^\n]+\naws_access_key_id = ASIA/,
    );
    expect(await readFile(files.AWS_CONFIG_FILE, 'utf8')).toContain('[profile test]');
    await rm(home, { recursive: true, force: true });
  });
});

describe('output-env-credentials', () => {
  test('false with output-credentials true: nothing in the environment, the credentials in the step outputs', async () => {
    const result = await run({ 'role-to-assume': TEST_ROLE, 'output-env-credentials': 'false', 'output-credentials': 'true' });
    expect(result.exitCode).toBe(0);
    expect(result.env).toEqual({});
    expect(result.state.exported).toBeUndefined();
    expect(result.outputs['aws-access-key-id']).toMatch(/^ASIA/);
    expect(result.summary).toContain("only in this step's outputs");
    expect(findSecretLeaks(result, [...secretsOf(), { label: 'output key id', value: result.outputs['aws-access-key-id'] }])).toEqual([]);
  });

  test('not true or false is an input problem, before any call to STS', async () => {
    const before = server.requests.length;
    const result = await run({ 'role-to-assume': TEST_ROLE, 'output-env-credentials': 'no' });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toContain('output-env-credentials: must be true or false');
    expect(server.requests.length).toBe(before);
  });
});

describe('AWS_PROFILE in the job', () => {
  const WARNING =
    /the JS SDK v3's default credential chain \(the AWS CDK, Node\.js scripts\) then uses that profile and ignores the exported AWS_ACCESS_KEY_ID/;

  test('one warning names the variable and what to do when the credentials go to the environment', async () => {
    const result = await run({ 'role-to-assume': TEST_ROLE }, { AWS_PROFILE: 'ci', AWS_DEFAULT_PROFILE: 'ci' });
    expect(result.exitCode).toBe(0);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^This job sets AWS_PROFILE and AWS_DEFAULT_PROFILE: /);
    expect(result.warnings[0]).toMatch(WARNING);
    expect(result.warnings[0]).toContain("set aws-profile to that profile's name");
  });

  test('no warning without the variables, nor when nothing is exported to the environment', async () => {
    expect((await run({ 'role-to-assume': TEST_ROLE })).warnings).toEqual([]);
    home = await mkdtemp(path.join(tmpdir(), 'pipelines-home-'));
    const profileOnly = await run({ 'role-to-assume': TEST_ROLE, 'aws-profile': 'ci' }, { HOME: home, AWS_PROFILE: 'ci' });
    expect(profileOnly.exitCode).toBe(0);
    expect(profileOnly.warnings).toEqual([]);
    await rm(home, { recursive: true, force: true });
  });
});
