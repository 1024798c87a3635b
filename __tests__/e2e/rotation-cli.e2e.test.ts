/**
 * The bundled command line, dist/cli/index.js, run with `node` alone (no node_modules on its path)
 * as a person runs it: their own AWS keys in the environment, a GitHub token, the loopback servers.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { startFakeGitHubSecrets } from '../../test/support/fake-github-secrets.js';

const ACCOUNT = '111122223333';
const USER = 'sam-cli-user';
const OLD = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const ADMIN = { accessKeyId: 'AKIAADMINADMINEXAMPL', secretAccessKey: 'adminSecretKeyForTheRotatorPerson0000000' };
const REPO = 'octo-org/app';
const CLI = path.resolve('dist/cli/index.js');

let aws: Awaited<ReturnType<typeof startAwsTestServer>>;
let github: Awaited<ReturnType<typeof startFakeGitHubSecrets>>;
let home: string;
let roleArn: string;

beforeAll(async () => {
  aws = await startAwsTestServer({ newKeyDelayMs: 2500, recordLastUse: true });
  github = await startFakeGitHubSecrets({ repositories: [REPO] });
  aws.addUser({ account: ACCOUNT, name: USER });
  aws.addUser({ account: ACCOUNT, name: 'rotator', keyAdmin: true });
  aws.addAccessKey(USER, { ...OLD, createDate: new Date(Date.now() - 60 * 86400_000) });
  aws.addAccessKey('rotator', ADMIN);
  roleArn = aws.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: `arn:aws:iam::${ACCOUNT}:user/${USER}` }).arn;
  github.seed(REPO, 'AWS_ACCESS_KEY_ID', OLD.accessKeyId, HOUR_AGO());
  github.seed(REPO, 'AWS_SECRET_ACCESS_KEY', OLD.secretAccessKey, HOUR_AGO());
  home = await mkdtemp(path.join(os.tmpdir(), 'rotation-cli-'));
});

afterAll(async () => {
  await aws.close();
  await github.close();
  await rm(home, { recursive: true, force: true });
});

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: home,
      env: {
        PATH: '/usr/bin:/bin',
        HOME: home,
        AWS_ACCESS_KEY_ID: ADMIN.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
        AWS_ENDPOINT_URL: aws.url,
        GH_TOKEN: github.token,
        GITHUB_API_URL: github.url,
        AWS_EC2_METADATA_DISABLED: 'true',
        ...env,
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const rotate = ['rotate', '--user-name', USER, '--repo', REPO, '--region', 'eu-west-1'];

/** Secrets written long before the run, so a key the run creates never shares their second. */
const HOUR_AGO = () => new Date(Date.now() - 3600_000);

describe('dist/cli/index.js', () => {
  test('runs as an executable with its shebang; --help exits 0', async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) =>
      execFile(CLI, ['--help'], (error, out) => (error ? reject(error) : resolve({ stdout: out }))),
    );
    expect(stdout).toContain('assume-deploy-role rotate --user-name NAME');
  });

  test('bad usage exits 2 with every problem on stderr', async () => {
    const result = await cli(['rotate', '--repo', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('4 problems with the options');
  });

  test('a GitHub error that quotes the token back: the token is masked before any call, so it never shows', async () => {
    github.injectFault({ method: 'GET', status: 401, echoAuthorization: true });
    const result = await cli([...rotate, '--role-to-assume', roleArn]);
    expect(result.code).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('injected fault for');
    expect(`${result.stdout}${result.stderr}`).not.toContain(github.token);
  });

  test('rotate stores the new pair, prints no secret; without a token it fails with one error', async () => {
    const noToken = await cli([...rotate, '--role-to-assume', roleArn], { GH_TOKEN: '', PATH: '/nonexistent' });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('No GitHub token');

    const result = await cli([...rotate, '--role-to-assume', roleArn]);
    expect(result.stderr).not.toContain('error:');
    expect(result.code).toBe(0);
    const newKey = aws.keysOf(USER).find((key) => key.accessKeyId !== OLD.accessKeyId);
    const secrets = github.secrets(REPO);
    expect(secrets.get('AWS_ACCESS_KEY_ID')?.value).toBe(newKey?.accessKeyId);
    const issued = aws.knownSecrets().find((s) => s.label === `secret access key of ${newKey?.accessKeyId}`)?.value;
    expect(secrets.get('AWS_SECRET_ACCESS_KEY')?.value).toBe(issued);
    for (const { label, value } of aws.knownSecrets()) {
      expect({ label, shown: `${result.stdout}${result.stderr}`.includes(value) }).toEqual({ label, shown: false });
    }
    expect(`${result.stdout}${result.stderr}`).not.toContain(github.token);
    expect(result.stdout).toContain('Next: run a deploy');
  });
});

describe('dist/cli/index.js killed between the two writes', () => {
  test('the id holds the new key, the secret the old one; the next run does not race it and changes nothing', async () => {
    const server = await startAwsTestServer({ newKeyDelayMs: 0 });
    const gh = await startFakeGitHubSecrets({ repositories: [REPO] });
    try {
      server.addUser({ account: ACCOUNT, name: USER });
      server.addUser({ account: ACCOUNT, name: 'rotator', keyAdmin: true });
      server.addAccessKey(USER, { ...OLD, createDate: new Date(Date.now() - 60 * 86400_000) });
      server.addAccessKey('rotator', ADMIN);
      const role = server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: `arn:aws:iam::${ACCOUNT}:user/${USER}` }).arn;
      gh.seed(REPO, 'AWS_ACCESS_KEY_ID', OLD.accessKeyId, HOUR_AGO());
      gh.seed(REPO, 'AWS_SECRET_ACCESS_KEY', OLD.secretAccessKey, HOUR_AGO());
      gh.injectFault({ method: 'PUT', secretName: 'AWS_SECRET_ACCESS_KEY', hang: true });
      const env = {
        PATH: '/usr/bin:/bin',
        HOME: home,
        AWS_ACCESS_KEY_ID: ADMIN.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ADMIN.secretAccessKey,
        AWS_ENDPOINT_URL: server.url,
        GH_TOKEN: gh.token,
        GITHUB_API_URL: gh.url,
        AWS_EC2_METADATA_DISABLED: 'true',
      };
      const args = [CLI, 'rotate', '--user-name', USER, '--repo', REPO, '--role-to-assume', role, '--region', 'eu-west-1'];
      const child = spawn(process.execPath, args, { env });
      const killed = new Promise((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      gh.onRequest = (method, requestPath) => {
        if (method === 'PUT' && requestPath.endsWith('/AWS_SECRET_ACCESS_KEY')) child.kill('SIGKILL');
      };
      expect(await killed).toBe('SIGKILL');
      const newKey = server.keysOf(USER).find((key) => key.accessKeyId !== OLD.accessKeyId);
      expect(gh.secrets(REPO).get('AWS_ACCESS_KEY_ID')?.value).toBe(newKey?.accessKeyId);
      expect(gh.secrets(REPO).get('AWS_SECRET_ACCESS_KEY')?.value).toBe(OLD.secretAccessKey);

      gh.onRequest = undefined;
      const next = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
        const again = spawn(process.execPath, args, { env });
        let stdout = '';
        again.stdout.on('data', (chunk) => (stdout += chunk));
        again.on('exit', (code) => resolve({ code, stdout }));
      });
      expect(next.code).toBe(0);
      expect(next.stdout).toContain(`key ${newKey?.accessKeyId} was created by a rotation`);
      expect(next.stdout).toContain('it then puts the old key back in the secrets and deletes the unstored key');
      expect(server.keysOf(USER)).toHaveLength(2);
    } finally {
      await server.close();
      await gh.close();
    }
  });
});
