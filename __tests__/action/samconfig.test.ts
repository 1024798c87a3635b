/**
 * SAM CLI's samconfig through run(io): real files in a temporary workspace (GITHUB_WORKSPACE), the
 * loopback STS. Warnings never stop the step; a working-directory that is no folder fails it before any call.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../test/support/assume-role-run.js';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { recordingIo, type RecordingIo } from '../../test/support/recording-io.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER, EXAMPLE_ROLE_ARN as ROLE } from '../../test/support/fixtures.js';

let server: Awaited<ReturnType<typeof startAwsTestServer>>;
let root: string;
let count = 0;

beforeAll(async () => {
  server = await startAwsTestServer();
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
  root = await mkdtemp(path.join(tmpdir(), 'samconfig-action-'));
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

/** What sam deploy --guided writes, with the region and extra lines given. */
const guided = (region: string, extra = '') =>
  `version = 0.1\n[default.deploy.parameters]\nstack_name = "sam-app-production"\nresolve_s3 = true\ns3_prefix = "sam-app-production"\nregion = "${region}"\nconfirm_changeset = true\ncapabilities = "CAPABILITY_IAM"\nimage_repositories = []\n${extra}\n[default.global.parameters]\nregion = "${region}"\n`;

async function workspaceWith(files: Record<string, string>): Promise<string> {
  const workspace = path.join(root, String(count++));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(workspace, name)), { recursive: true });
    await writeFile(path.join(workspace, name), text);
  }
  await mkdir(workspace, { recursive: true });
  return workspace;
}

function io(workspace: string, inputs: Record<string, string> = {}): RecordingIo {
  return recordingIo({
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      ...inputs,
    },
    env: {
      AWS_ENDPOINT_URL: server.url,
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_REPOSITORY: 'octo-org/app',
      GITHUB_WORKSPACE: workspace,
    },
    now: Date.now(),
  });
}

const warnings = (step: RecordingIo) =>
  step.annotations.filter((annotation) => annotation.severity === 'warning').map((annotation) => annotation.message);

describe('samconfig in run(io)', () => {
  test('a guided samconfig for aws-region: no warning, the credentials exported', async () => {
    const step = io(await workspaceWith({ 'samconfig.toml': guided('eu-west-1') }));
    await run(step);
    expect(warnings(step)).toEqual([]);
    expect(step.failed).toBe(false);
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
  });

  test('profile and another region: one warning each, before AssumeRole, and the step succeeds', async () => {
    const step = io(await workspaceWith({ 'samconfig.toml': guided('us-east-1', 'profile = "default"') }));
    await run(step);
    expect(warnings(step)).toEqual([
      expect.stringMatching(/^samconfig\.toml sets profile = default in \[default\.deploy\.parameters\]/),
      expect.stringMatching(/^samconfig\.toml sets region = us-east-1 in \[default\.deploy\.parameters\], but aws-region is eu-west-1/),
    ]);
    const firstWarning = step.effects.findIndex((effect) => effect.kind === 'annotation');
    const firstExport = step.effects.findIndex((effect) => effect.kind === 'export');
    expect(firstWarning).toBeLessThan(firstExport);
    expect(step.failed).toBe(false);
    expect(step.exported.AWS_REGION).toBe('eu-west-1');
  });

  test('working-directory: its samconfig is the one read, named with the folder', async () => {
    const workspace = await workspaceWith({
      'samconfig.toml': guided('eu-west-1'),
      'services/api/samconfig.yaml': 'version: 0.1\ndefault:\n  global:\n    parameters:\n      region: ap-south-1\n',
    });
    const step = io(workspace, { 'working-directory': 'services/api' });
    await run(step);
    expect(warnings(step)).toEqual([
      expect.stringMatching(/^services\/api\/samconfig\.yaml sets region = ap-south-1 in \[default\.global\.parameters\]/),
    ]);
    expect(step.failed).toBe(false);
  });

  test('a working-directory that is no folder: one input error, no call to AWS, nothing exported', async () => {
    const before = server.requests.length;
    const step = io(await workspaceWith({}), { 'working-directory': 'services/missing' });
    await run(step);
    expect(step.errors).toEqual([expect.stringMatching(/^Invalid input working-directory: is not a folder in the workspace/)]);
    expect(server.requests.length).toBe(before);
    expect(step.exported).toEqual({});
  });

  test('a working-directory that is a symbolic link out of the workspace: one input error, no call to AWS, nothing exported', async () => {
    const elsewhere = await workspaceWith({ 'samconfig.toml': guided('us-east-1', 'profile = "other-folder"') });
    const workspace = await workspaceWith({});
    await symlink(elsewhere, path.join(workspace, 'app'));
    const before = server.requests.length;
    const step = io(workspace, { 'working-directory': 'app' });
    await run(step);
    expect(step.errors).toEqual([
      expect.stringMatching(/^Invalid input working-directory: leads out of the workspace \(GITHUB_WORKSPACE\) through a symbolic link/),
    ]);
    expect(step.errors.join('')).not.toContain('other-folder');
    expect(server.requests.length).toBe(before);
    expect(step.exported).toEqual({});
  });

  test('a samconfig.toml that is a link out of the workspace is not read: one warning naming it, nothing of its content, the step succeeds', async () => {
    const workspace = await workspaceWith({ 'services/api/.keep': '' });
    await symlink('/proc/self/environ', path.join(workspace, 'services', 'api', 'samconfig.toml'));
    const step = io(workspace, { 'working-directory': 'services/api' });
    await run(step);
    expect(warnings(step)).toEqual([
      expect.stringMatching(
        /^services\/api\/samconfig\.toml is a symbolic link to a file outside the workspace \(GITHUB_WORKSPACE\), so this action did not read it/,
      ),
    ]);
    expect(step.failed).toBe(false);
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
  });

  test('a samconfig that does not parse: one warning naming the file, the step succeeds', async () => {
    const step = io(await workspaceWith({ 'samconfig.toml': 'version = 0.1\n[default.deploy.parameters\nregion = "x"\n' }));
    await run(step);
    expect(warnings(step)).toEqual([expect.stringMatching(/^samconfig\.toml does not parse, so it was not checked/)]);
    expect(step.failed).toBe(false);
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
  });

  test('a reader that throws is one warning too, never a failure', async () => {
    const step = io(await workspaceWith({}));
    await run(step, {
      readSamconfig: async () => {
        throw new Error('EIO: i/o error\n::error::injected');
      },
    });
    expect(warnings(step)).toEqual([expect.stringMatching(/^samconfig\.toml could not be read, .*: EIO: i\/o error ::error::injected$/)]);
    expect(step.failed).toBe(false);
  });
});
