/**
 * SAM CLI's samconfig with the bundled action under the runner emulation: each warning, none for a
 * clean `sam deploy --guided` file, a file that does not parse, working-directory, symbolic links out
 * of the workspace (never read). The parsers live in chunks of their own (dist/main/*.index.js), so
 * these runs also prove that the chunks load.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { findSecretLeaks, removeWorkDirs, runAction } from '../../test/support/run-action.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER, EXAMPLE_ROLE_ARN as ROLE } from '../../test/support/fixtures.js';

let server: Awaited<ReturnType<typeof startAwsTestServer>>;

beforeAll(async () => {
  server = await startAwsTestServer();
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
});

afterAll(async () => {
  await server.close();
  await removeWorkDirs();
});

/** Byte for byte the shape `sam deploy --guided` writes (tomlkit), for the region given. */
const guidedToml = (region: string, extra = '') => `version = 0.1
[default.deploy.parameters]
stack_name = "sam-app-production"
resolve_s3 = true
s3_prefix = "sam-app-production"
region = "${region}"
confirm_changeset = true
capabilities = "CAPABILITY_IAM"
image_repositories = []
${extra}
[default.global.parameters]
region = "${region}"
`;

const guidedYaml = (region: string) => `version: 0.1
default:
  deploy:
    parameters:
      stack_name: sam-app-production
      resolve_s3: true
      s3_prefix: sam-app-production
      region: ${region}
      confirm_changeset: true
      capabilities: CAPABILITY_IAM
  global:
    parameters:
      region: ${region}
`;

function run(workspaceFiles: Record<string, string>, inputs: Record<string, string> = {}, workspaceLinks: Record<string, string> = {}) {
  return runAction('dist/main/index.js', {
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      ...inputs,
    },
    env: { AWS_ENDPOINT_URL: server.url },
    workspaceFiles,
    workspaceLinks,
  });
}

type Run = Awaited<ReturnType<typeof run>>;
const secretsOf = (result: Run) => [
  { label: 'limited user secret', value: USER.secretAccessKey },
  ...server.knownSecrets(),
  { label: 'exported key id', value: result.env.AWS_ACCESS_KEY_ID ?? 'none' },
];

function expectExported(result: Run): void {
  expect(result.exitCode).toBe(0);
  expect(result.errors).toEqual([]);
  expect(result.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
  expect(result.env.AWS_DEFAULT_REGION).toBe('eu-west-1');
  expect(findSecretLeaks(result, secretsOf(result))).toEqual([]);
}

describe('samconfig (bundled action)', () => {
  test('a clean guided samconfig.toml for aws-region, and its YAML twin: no warning at all', async () => {
    for (const files of [{ 'samconfig.toml': guidedToml('eu-west-1') }, { 'samconfig.yaml': guidedYaml('eu-west-1') }] as Array<
      Record<string, string>
    >) {
      const result = await run(files);
      expectExported(result);
      expect(result.warnings).toEqual([]);
    }
  });

  test('no samconfig: no warning', async () => {
    const result = await run({});
    expectExported(result);
    expect(result.warnings).toEqual([]);
  });

  test('profile: one warning naming the file, the table and the profile; the step succeeds', async () => {
    const result = await run({ 'samconfig.toml': guidedToml('eu-west-1', 'profile = "prod-admin"') });
    expectExported(result);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^samconfig\.toml sets profile = prod-admin in \[default\.deploy\.parameters\]: sam deploy then takes its credentials from that profile/,
      ),
    ]);
  });

  test("config-env: the stage's own environment is checked, as sam deploy --config-env reads it", async () => {
    const staged = `${guidedToml('eu-west-1')}
[prod.deploy.parameters]
stack_name = "app-prod"
s3_bucket = "artifacts-prod"
region = "eu-west-1"
profile = "prod-admin"
`;
    const prod = await run({ 'samconfig.toml': staged }, { 'config-env': 'prod' });
    expectExported(prod);
    expect(prod.warnings).toEqual([expect.stringMatching(/^samconfig\.toml sets profile = prod-admin in \[prod\.deploy\.parameters\]: /)]);
    // Without config-env the default environment is the one sam deploy reads, and it is clean.
    expect((await run({ 'samconfig.toml': staged })).warnings).toEqual([]);
    const typo = await run({ 'samconfig.toml': staged }, { 'config-env': 'production' });
    expectExported(typo);
    expect(typo.warnings).toEqual([expect.stringMatching(/^samconfig\.toml has no environment production .*takes nothing from the file/)]);
  });

  test('a region other than aws-region: one warning with both regions and the fix', async () => {
    const result = await run({ 'samconfig.toml': guidedToml('us-east-1') });
    expectExported(result);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^samconfig\.toml sets region = us-east-1 in \[default\.deploy\.parameters\], but aws-region is eu-west-1: .*--region "\$AWS_REGION"/,
      ),
    ]);
  });

  test('resolve_s3 with s3_bucket, and an integer version: the two files SAM CLI refuses, one warning each', async () => {
    const result = await run({
      'samconfig.toml': guidedToml('eu-west-1', 's3_bucket = "my-artifacts"').replace('version = 0.1', 'version = 1'),
    });
    expectExported(result);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^samconfig\.toml has version = 1: SAM CLI reads a samconfig only when its version is a decimal number/),
      expect.stringMatching(/^samconfig\.toml sets both resolve_s3 = true \(\[default\.deploy\.parameters\]\) and s3_bucket/),
    ]);
  });

  test('a region that tries to start a workflow command is escaped: no error line, one warning line', async () => {
    const result = await run({
      'samconfig.toml': 'version = 0.1\n[default.deploy.parameters]\nregion = "eu-west-1\\n::error::injected"\n',
    });
    expectExported(result);
    expect(result.commands.filter((command) => command.command === 'error')).toEqual([]);
    expect(result.warnings).toEqual([expect.stringContaining('region = "eu-west-1\\n::error::injected" in')]);
  });

  test('a samconfig that does not parse: one warning naming the file, the step succeeds', async () => {
    const result = await run({
      'samconfig.toml': guidedToml('eu-west-1').replace('[default.global.parameters]', '[default.global.parameters'),
    });
    expectExported(result);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^samconfig\.toml does not parse, so it was not checked \(SAM CLI stops on it too: "Error reading configuration"\): /,
      ),
    ]);
  });

  test("working-directory: the folder's samconfig.yml is read (not the workspace's), named with the folder", async () => {
    const result = await run(
      { 'samconfig.toml': guidedToml('eu-west-1'), 'services/api/samconfig.yml': guidedYaml('ap-south-1') },
      { 'working-directory': 'services/api' },
    );
    expectExported(result);
    expect(result.warnings).toEqual([
      expect.stringMatching(/^services\/api\/samconfig\.yml sets region = ap-south-1 in \[default\.deploy\.parameters\]/),
    ]);
  });

  test('a samconfig.toml linked to /proc/self/environ is not read: one warning naming the file, nothing of the environment in the log', async () => {
    const result = await run({}, {}, { 'samconfig.toml': '/proc/self/environ' });
    expectExported(result);
    expect(result.warnings).toEqual([
      expect.stringMatching(
        /^samconfig\.toml is a symbolic link to a file outside the workspace \(GITHUB_WORKSPACE\), so this action did not read it/,
      ),
    ]);
    for (const text of [result.stdout, result.stderr]) expect(text).not.toMatch(/INPUT_|RUNNER_TEMP=|GITHUB_RUN_ID=|PATH=/);
  });

  test('a samconfig linked within the workspace is read as usual', async () => {
    const result = await run(
      { 'config/samconfig.toml': guidedToml('eu-west-1', 'profile = "dev"') },
      {},
      { 'samconfig.toml': 'config/samconfig.toml' },
    );
    expectExported(result);
    expect(result.warnings).toEqual([expect.stringMatching(/^samconfig\.toml sets profile = dev in \[default\.deploy\.parameters\]/)]);
  });

  test('a working-directory that is a link out of the workspace: one input error before any call to AWS, nothing exported', async () => {
    const before = server.requests.length;
    for (const target of ['/etc', '..']) {
      const result = await run({}, { 'working-directory': 'app' }, { app: target });
      expect(result.exitCode).not.toBe(0);
      expect(result.errors).toEqual([
        expect.stringMatching(/^Invalid input working-directory: leads out of the workspace \(GITHUB_WORKSPACE\) through a symbolic link/),
      ]);
      expect(result.env).toEqual({});
    }
    expect(server.requests.length).toBe(before);
  });

  test('working-directory that does not exist: one input error before any call to AWS, nothing exported', async () => {
    const before = server.requests.length;
    const result = await run({}, { 'working-directory': 'services/missing' });
    expect(result.exitCode).not.toBe(0);
    expect(result.errors).toEqual([expect.stringMatching(/^Invalid input working-directory: is not a folder in the workspace/)]);
    expect(server.requests.length).toBe(before);
    expect(result.env).toEqual({});
  });
});
