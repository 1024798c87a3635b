// The rotation part of `npm run demo`: the bundled command line (dist/cli/index.js) rotates the
// limited user's key end to end against the loopback STS/IAM server and the loopback GitHub
// secrets API (which opens every sealed box, so the demo can check what GitHub holds):
// first run (create, prove, store), a deploy with the stored pair through the bundled root
// action, second run (deactivate the old key), third run (delete it, --delete-after-days 0).
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startAwsTestServer } from '../test/support/aws-test-server.js';
import { startFakeGitHubSecrets } from '../test/support/fake-github-secrets.js';
import { runAction } from '../test/support/run-action.js';
import { ACCOUNT, BUNDLES, REGION, USER_KEY, USER_NAME } from './fixture.mjs';

const ROTATOR = { accessKeyId: 'AKIAROTATORPERSON001', secretAccessKey: 'rotatorPersonOwnSecretKeyExample00000000' };
const REPO = 'octo-org/app';
const CLI = 'dist/cli/index.js';

function runCli(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) =>
      resolve({
        code,
        stdout,
        stderr: stderr
          .replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?c895JFp\n?/g, '')
          .replace(/\(Use `node --trace-warnings[^\n]*\n?/g, ''),
      }),
    );
  });
}

/**
 * @param {{ part: (t: string) => void, heading: (t: string) => void, block: (t: string) => void, expect: (c: boolean, p: string) => void, workDirs: string[] }} show
 * @returns {Promise<Array<{ label: string, value: string }>>} every secret the rotation world holds
 */
export async function rotationDemo({ part, heading, block, expect, workDirs }) {
  const aws = await startAwsTestServer({ newKeyDelayMs: 3000, recordLastUse: true });
  const github = await startFakeGitHubSecrets({ repositories: [REPO] });
  const home = await mkdtemp(path.join(os.tmpdir(), 'rotation-demo-'));
  try {
    const user = aws.addUser({ account: ACCOUNT, name: USER_NAME });
    aws.addAccessKey(USER_NAME, {
      ...USER_KEY,
      createDate: new Date(Date.now() - 95 * 86400_000),
      lastUsed: { date: new Date(Date.now() - 86400_000), service: 'sts', region: REGION },
    });
    aws.addUser({ account: ACCOUNT, name: 'alice', keyAdmin: true });
    aws.addAccessKey('alice', ROTATOR);
    const roleArn = aws.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] }).arn;
    github.seed(REPO, 'AWS_ACCESS_KEY_ID', USER_KEY.accessKeyId);
    github.seed(REPO, 'AWS_SECRET_ACCESS_KEY', USER_KEY.secretAccessKey);
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      AWS_ACCESS_KEY_ID: ROTATOR.accessKeyId,
      AWS_SECRET_ACCESS_KEY: ROTATOR.secretAccessKey,
      AWS_ENDPOINT_URL: aws.url,
      GH_TOKEN: github.token,
      GITHUB_API_URL: github.url,
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    const args = ['rotate', '--user-name', USER_NAME, '--repo', REPO, '--role-to-assume', roleArn, '--region', REGION];
    const show = async (title, extra = []) => {
      heading(`$ node ${CLI} ${[...args, ...extra].join(' ')}   (${title})`);
      const result = await runCli([...args, ...extra], env);
      block(`${result.stdout}${result.stderr}`.trimEnd() || '(nothing printed)');
      block(`exit code ${result.code}`);
      return result;
    };

    part('Rotation: assume-deploy-role rotate, one safe step per run (the bundled command line)');
    block(
      [
        `alice (AWS credentials of her own, from the default chain) rotates ${USER_NAME}'s 95-day-old key ${USER_KEY.accessKeyId}`,
        `into the secrets of ${REPO} on a loopback GitHub API that opens every sealed box it receives.`,
        'New keys are rejected by this STS for 3 s, as AWS does for a few seconds.',
      ].join('\n'),
    );
    const first = await show('first run: create, prove, store');
    const newKey = aws.keysOf(USER_NAME).find((key) => key.accessKeyId !== USER_KEY.accessKeyId);
    const issued = aws.knownSecrets().find((secret) => secret.label === `secret access key of ${newKey?.accessKeyId}`)?.value;
    const stored = github.secrets(REPO);
    expect(first.code === 0, `the first rotate run failed (exit ${first.code})`);
    expect(
      stored.get('AWS_ACCESS_KEY_ID')?.value === newKey?.accessKeyId && stored.get('AWS_SECRET_ACCESS_KEY')?.value === issued,
      'GitHub does not hold the pair IAM issued',
    );
    block(
      `GitHub now holds: AWS_ACCESS_KEY_ID = ${stored.get('AWS_ACCESS_KEY_ID')?.value}, AWS_SECRET_ACCESS_KEY = the new key's secret (${stored.get('AWS_SECRET_ACCESS_KEY')?.value === issued ? 'opened and compared: equal' : 'DIFFERENT'})`,
    );

    heading('A deploy: the bundled root action with the pair GitHub now holds');
    await sleep(1100); // IAM's and GitHub's dates are to the second: the use must come after the write
    const deploy = await runAction(BUNDLES.main, {
      inputs: {
        'aws-access-key-id': stored.get('AWS_ACCESS_KEY_ID')?.value ?? '',
        'aws-secret-access-key': stored.get('AWS_SECRET_ACCESS_KEY')?.value ?? '',
        'aws-region': REGION,
        'role-to-assume': roleArn,
      },
      env: { AWS_ENDPOINT_URL: aws.url },
    });
    workDirs.push(deploy.workDir);
    expect(deploy.exitCode === 0, `the deploy with the rotated key failed (exit ${deploy.exitCode})`);
    block(
      deploy.visibleLog
        .replace(/\(node:\d+\) Warning: NodeVersionSupportWarning[\s\S]*?c895JFp\n?/g, '')
        .replace(/\(Use `node --trace-warnings[^\n]*\n?/g, '')
        .trimEnd(),
    );

    await sleep(1100);
    const second = await show('second run: the new key is in use, the old one is not');
    expect(
      second.code === 0 && aws.keysOf(USER_NAME).find((key) => key.accessKeyId === USER_KEY.accessKeyId)?.status === 'Inactive',
      'the second run did not deactivate the old key',
    );
    const third = await show('a week later; here --delete-after-days 0 stands in for the week', ['--delete-after-days', '0']);
    expect(third.code === 0 && aws.keysOf(USER_NAME).length === 1, 'the third run did not delete the old key');
    block(
      `IAM now: ${aws
        .keysOf(USER_NAME)
        .map((key) => `${key.accessKeyId} ${key.status}`)
        .join(', ')}`,
    );
    return [
      ...aws.knownSecrets(),
      { label: 'rotator secret', value: ROTATOR.secretAccessKey },
      { label: 'GitHub token', value: github.token },
    ];
  } finally {
    await aws.close();
    await github.close();
    await rm(home, { recursive: true, force: true });
  }
}
