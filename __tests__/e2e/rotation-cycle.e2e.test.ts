/**
 * A whole rotation, twice, from what the project ships: create → a deploy with the new key → deactivate
 * → delete, against the loopback IAM/STS and GitHub-secrets servers, with no secret in any output.
 * 1. The scheduled path: the rotate action (dist/rotate) under the runner emulation, its AWS
 *    credentials those of a rotator role that a keyless root action (dist/main) got with GitHub's
 *    OIDC token for the key-rotation environment: no long-lived AWS key drives it.
 * 2. The release asset: dist/cli/index.js copied alone into an empty folder (one file, as the
 *    release attaches it) and run with node, a person's own keys in its environment.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { startFakeGitHubSecrets } from '../../test/support/fake-github-secrets.js';
import { findSecretLeaks, removeWorkDirs, runAction, RUN_ENVIRONMENT } from '../../test/support/run-action.js';
import { startTokenEndpoint } from '../../test/support/token-endpoint.js';

type Aws = Awaited<ReturnType<typeof startAwsTestServer>>;
type GitHub = Awaited<ReturnType<typeof startFakeGitHubSecrets>>;

const ACCOUNT = '111122223333';
const USER = 'sam-cli-user';
const REGION = 'eu-west-1';
const REPO = RUN_ENVIRONMENT.GITHUB_REPOSITORY;
const PLACE = `${REPO}:production`;
const OLD = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const PERSON = { accessKeyId: 'AKIAADMINADMINEXAMPL', secretAccessKey: 'adminSecretKeyForTheRotatorPerson0000000' };
const OIDC = 'token.actions.githubusercontent.com';
/** IAM's last use and GitHub's updated_at are to the second: a use must fall in a later second than the write. */
const NEXT_SECOND = 1100;

async function world(aws: Aws, github: GitHub) {
  aws.addUser({ account: ACCOUNT, name: USER });
  aws.addAccessKey(USER, { ...OLD, createDate: new Date(Date.now() - 60 * 86400_000) });
  const deployRole = aws.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: `arn:aws:iam::${ACCOUNT}:user/${USER}` }).arn;
  const hourAgo = new Date(Date.now() - 3600_000);
  github.seed(PLACE, 'AWS_ACCESS_KEY_ID', OLD.accessKeyId, hourAgo);
  github.seed(PLACE, 'AWS_SECRET_ACCESS_KEY', OLD.secretAccessKey, hourAgo);
  return deployRole;
}

/** A deploy job: the root action with the pair the environment's secrets hold now. */
async function deployWithStoredKey(aws: Aws, github: GitHub, deployRole: string) {
  await sleep(NEXT_SECOND);
  const stored = github.secrets(PLACE);
  const deploy = await runAction('dist/main/index.js', {
    inputs: {
      'aws-access-key-id': stored.get('AWS_ACCESS_KEY_ID')?.value ?? '',
      'aws-secret-access-key': stored.get('AWS_SECRET_ACCESS_KEY')?.value ?? '',
      'aws-region': REGION,
      'role-to-assume': deployRole,
    },
    env: { AWS_ENDPOINT_URL: aws.url },
  });
  expect(deploy.errors).toEqual([]);
  expect(deploy.exitCode).toBe(0);
  await sleep(NEXT_SECOND);
}

function expectNewPairStored(aws: Aws, github: GitHub): string {
  const newKey = aws.keysOf(USER).find((key) => key.accessKeyId !== OLD.accessKeyId);
  const stored = github.secrets(PLACE);
  expect(stored.get('AWS_ACCESS_KEY_ID')?.value).toBe(newKey?.accessKeyId);
  expect(stored.get('AWS_SECRET_ACCESS_KEY')?.value).toBe(
    aws.knownSecrets().find((s) => s.label === `secret access key of ${newKey?.accessKeyId}`)?.value,
  );
  return newKey?.accessKeyId ?? '';
}

afterAll(async () => {
  await removeWorkDirs();
});

describe('the rotate action on a schedule, with a keyless rotator role', () => {
  let aws: Aws;
  let github: GitHub;
  let tokens: Awaited<ReturnType<typeof startTokenEndpoint>>;
  let deployRole: string;
  let rotatorRole: string;

  beforeAll(async () => {
    [aws, github, tokens] = await Promise.all([
      startAwsTestServer({ newKeyDelayMs: 1000, recordLastUse: true }),
      startFakeGitHubSecrets({ repositories: [REPO] }),
      startTokenEndpoint(),
    ]);
    aws.addOidcProvider({ account: ACCOUNT, url: tokens.issuer, clientIds: ['sts.amazonaws.com'], keys: [tokens.publicJwk] });
    deployRole = await world(aws, github);
    rotatorRole = aws.addRole({
      account: ACCOUNT,
      name: 'key-rotator',
      trustedPrincipals: [],
      keyAdmin: true,
      federatedTrust: [
        {
          federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/${OIDC}`,
          condition: { StringEquals: { [`${OIDC}:aud`]: 'sts.amazonaws.com', [`${OIDC}:sub`]: `repo:${REPO}:environment:key-rotation` } },
        },
      ],
    }).arn;
  });

  afterAll(async () => {
    await Promise.all([aws.close(), github.close(), tokens.close()]);
  });

  /** One scheduled run: the keyless root action as the rotator role, then the rotate action with what it exported. */
  async function scheduledRun(extra: Record<string, string> = {}) {
    tokens.setRun({ repository: REPO, environment: 'key-rotation' });
    const credentials = await runAction('dist/main/index.js', {
      inputs: { 'aws-region': REGION, 'role-to-assume': rotatorRole },
      env: { AWS_ENDPOINT_URL: aws.url, ...tokens.env },
    });
    expect(credentials.errors).toEqual([]);
    const rotate = await runAction('dist/rotate/index.js', {
      actionYml: 'rotate/action.yml',
      inputs: {
        'github-token': github.token,
        'user-name': USER,
        environment: 'production',
        'role-to-assume': deployRole,
        'aws-region': REGION,
        ...extra,
      },
      env: { ...credentials.env, AWS_ENDPOINT_URL: aws.url, GITHUB_API_URL: github.url },
    });
    const secrets = [...aws.knownSecrets(), ...tokens.knownSecrets(), { label: 'GitHub token', value: github.token }];
    expect(findSecretLeaks(rotate, secrets)).toEqual([]);
    expect(findSecretLeaks(credentials, secrets)).toEqual([]);
    return rotate;
  }

  test('create → deploy with the new key → deactivate → delete, one step per run, each named in the outputs and the summary', async () => {
    const first = await scheduledRun();
    expect(first.errors).toEqual([]);
    expect(first.exitCode).toBe(0);
    expect(first.outputs).toMatchObject({ outcome: 'step-taken', step: 'create', 'next-step': 'deactivate-old' });
    expect(first.summary).toContain('step taken');
    expect(first.summary).toContain('create and store a new key');
    const newKey = expectNewPairStored(aws, github);
    // Key ids whole in the summary, as in the log: the commands it prints (reactivate, delete) need them.
    expect(first.summary).toContain(
      `Stored the new key ${newKey} in environment production of ${REPO}. The old key ${OLD.accessKeyId} stays active`,
    );
    // The secrets were written by the rotator role's session, never by a long-lived key.
    expect(aws.requests.filter((r) => r.action === 'CreateAccessKey').map((r) => r.accessKeyId?.slice(0, 4))).toEqual(['ASIA']);

    const early = await scheduledRun();
    expect(early.outputs).toMatchObject({ outcome: 'nothing-due', step: 'none', 'next-step': 'deactivate-old' });

    await deployWithStoredKey(aws, github, deployRole);
    const second = await scheduledRun();
    expect(second.errors).toEqual([]);
    expect(second.outputs).toMatchObject({ step: 'deactivate-old', 'next-step': 'delete-old' });
    expect(aws.keysOf(USER).map((k) => [k.accessKeyId, k.status])).toEqual([
      [OLD.accessKeyId, 'Inactive'],
      [newKey, 'Active'],
    ]);

    const third = await scheduledRun({ 'delete-after-days': '0' });
    expect(third.errors).toEqual([]);
    expect(third.outputs).toMatchObject({ step: 'delete-old', 'next-step': 'done' });
    expect(JSON.parse(third.outputs.result ?? '{}')).toMatchObject({
      outcome: 'step-taken',
      userName: USER,
      keys: [
        { accessKeyId: OLD.accessKeyId, status: 'Inactive' },
        { accessKeyId: newKey, status: 'Active' },
      ],
      keysAfter: [{ accessKeyId: newKey, status: 'Active' }],
    });
    expect(aws.keysOf(USER).map((k) => k.accessKeyId)).toEqual([newKey]);
  });

  test("bad inputs: every problem in the action's own names, the token masked, no call made", async () => {
    const before = [aws.requests.length, github.requests.length];
    const result = await runAction('dist/rotate/index.js', {
      actionYml: 'rotate/action.yml',
      inputs: {
        'github-token': github.token,
        'user-name': 'bad name!',
        repository: 'nope',
        'role-to-assume': deployRole,
        'aws-region': 'mars',
        'dry-run': 'yes',
      },
      env: { AWS_ENDPOINT_URL: aws.url, GITHUB_API_URL: github.url },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    for (const name of ['user-name:', 'repository:', 'aws-region:', 'dry-run:']) expect(result.errors[0]).toContain(name);
    expect(result.errors[0]).not.toContain('--');
    expect(result.masks).toContain(github.token);
    expect(result.outputs).toMatchObject({ outcome: 'bad-usage', 'next-step': 'fix-and-run-again' });
    expect([aws.requests.length, github.requests.length]).toEqual(before);
  });

  test('no AWS credentials in the job: the error says which chain and what step to add', async () => {
    const result = await runAction('dist/rotate/index.js', {
      actionYml: 'rotate/action.yml',
      inputs: { 'github-token': github.token, 'user-name': USER, 'role-to-assume': deployRole, 'aws-region': REGION },
      env: { AWS_ENDPOINT_URL: aws.url, GITHUB_API_URL: github.url, AWS_EC2_METADATA_DISABLED: 'true' },
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('No AWS credentials in this job')]);
    expect(result.errors[0]).toContain('RotatorRoleArn');
    expect(result.errors[0]).not.toMatch(/^CredentialsProviderError/);
  });
});

describe('the release asset: dist/cli/index.js alone, run with node', () => {
  let aws: Aws;
  let github: GitHub;
  let folder: string;
  let deployRole: string;

  beforeAll(async () => {
    [aws, github] = await Promise.all([
      startAwsTestServer({ newKeyDelayMs: 1000, recordLastUse: true }),
      startFakeGitHubSecrets({ repositories: [REPO] }),
    ]);
    deployRole = await world(aws, github);
    aws.addUser({ account: ACCOUNT, name: 'alice', keyAdmin: true });
    aws.addAccessKey('alice', PERSON);
    folder = await mkdtemp(path.join(os.tmpdir(), 'release-asset-'));
    await copyFile('dist/cli/index.js', path.join(folder, 'assume-deploy-role.cjs'));
  });

  afterAll(async () => {
    await Promise.all([aws.close(), github.close(), rm(folder, { recursive: true, force: true })]);
  });

  test('dist/cli is one file of code (ncc made no chunk beside it), so the asset is complete', async () => {
    expect((await readdir('dist/cli')).filter((name) => name.endsWith('.js'))).toEqual(['index.js']);
  });

  function asset(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['assume-deploy-role.cjs', ...args], {
        cwd: folder,
        env: {
          PATH: '/usr/bin:/bin',
          HOME: folder,
          AWS_ACCESS_KEY_ID: PERSON.accessKeyId,
          AWS_SECRET_ACCESS_KEY: PERSON.secretAccessKey,
          AWS_ENDPOINT_URL: aws.url,
          GH_TOKEN: github.token,
          GITHUB_API_URL: github.url,
          AWS_EC2_METADATA_DISABLED: 'true',
        },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });
  }

  const rotate = () => [
    'rotate',
    '--user-name',
    USER,
    '--repo',
    REPO,
    '--environment',
    'production',
    '--role-to-assume',
    deployRole,
    '--region',
    REGION,
    '--json',
  ];

  async function step(extra: string[] = []) {
    const result = await asset([...rotate(), ...extra]);
    for (const { label, value } of [
      ...aws.knownSecrets(),
      { label: 'GitHub token', value: github.token },
      { label: 'person secret', value: PERSON.secretAccessKey },
    ]) {
      expect({ label, shown: `${result.stdout}${result.stderr}`.includes(value) }).toEqual({ label, shown: false });
    }
    return { ...result, json: JSON.parse(result.stdout) as Record<string, unknown> };
  }

  test('--version, and the whole cycle with --json: stdout is one result per run, the lines go to stderr', async () => {
    const version = await asset(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: expect.stringMatching(/^assume-deploy-role \d+\.\d+\.\d+\n$/) });

    const first = await step();
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({
      command: 'rotate',
      outcome: 'step-taken',
      step: 'create',
      next: 'deactivate-old',
      keys: [{ accessKeyId: OLD.accessKeyId, status: 'Active' }],
    });
    expect((first.json.keysAfter as Array<{ accessKeyId: string }>).map((key) => key.accessKeyId)).toEqual(
      aws.keysOf(USER).map((key) => key.accessKeyId),
    );
    expect(first.stderr).toContain('Next: run a deploy');
    // The command it prints to run next is the one that was run, as typed: the asset, not an npm name.
    expect(first.stderr).not.toContain('npx');
    const newKey = expectNewPairStored(aws, github);

    await deployWithStoredKey(aws, github, deployRole);
    const second = await step();
    expect(second.json).toMatchObject({ step: 'deactivate-old', next: 'delete-old' });

    const third = await step(['--delete-after-days', '0']);
    expect(third.json).toMatchObject({ step: 'delete-old', next: 'done', exitCode: 0 });
    expect(aws.keysOf(USER).map((k) => k.accessKeyId)).toEqual([newKey]);
  });

  test('no arguments or an unknown command: the usage on stderr, exit 2', async () => {
    for (const args of [[], ['rotat']]) {
      const result = await asset(args);
      expect(result).toMatchObject({ code: 2, stdout: '' });
      expect(result.stderr).toContain('Usage');
    }
  });
});
