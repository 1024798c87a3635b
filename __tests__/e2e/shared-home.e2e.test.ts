/**
 * aws-profile on a HOME that several runner services share (one user, one ~/.aws): four jobs at
 * once, each writing its own profile with the bundled main step, then each post step removing it.
 * Without a lock, two steps that read the file at the same time each write back their own edit
 * and one is lost: a job's section is gone after the main steps, or a post step writes back a
 * section another post step had just removed. The AWS CLI (botocore, as SAM CLI) is the client
 * that must find each job's profile.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, readlink, rm, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { removeWorkDirs, runAction, runPost } from '../../test/support/run-action.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER } from '../../test/support/fixtures.js';

const JOBS = 4;
/**
 * Enough rounds to fail reliably without the lock: the unlocked bundles lost a job's section 4 times
 * in 20 job-rounds and left sections behind in 3 of 5 rounds (in another run of 6 rounds: 1 and 5).
 */
const ROUNDS = 5;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const USER_CREDENTIALS =
  '# my own keys\n[mine]\naws_access_key_id = AKIAMINE000000000000\naws_secret_access_key = mineSecretmineSecretmineSecret\n';
const USER_CONFIG = '[profile mine]\nregion = us-east-2\n';

let server: Awaited<ReturnType<typeof startAwsTestServer>>;
let home: string;

beforeAll(async () => {
  server = await startAwsTestServer();
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
  home = await mkdtemp(path.join(tmpdir(), 'shared-home-'));
  await mkdir(path.join(home, '.aws'));
  await writeFile(path.join(home, '.aws', 'credentials'), USER_CREDENTIALS, { mode: 0o600 });
  await writeFile(path.join(home, '.aws', 'config'), USER_CONFIG, { mode: 0o600 });
});

afterAll(async () => {
  await server.close();
  await removeWorkDirs();
  await rm(home, { recursive: true, force: true });
});

const cliAvailable = spawnSync('aws', ['--version']).status === 0;
const awsTest = testWithTool(cliAvailable, {
  requireVariable: 'REQUIRE_AWS_CLI',
  missing: 'the AWS CLI (aws) is not installed, so the shared profiles are not checked with botocore (apt-get install awscli)',
});

/** Job `job`'s main step in round `round`: its own profile and session name, the shared HOME. */
function main(job: number, round: number) {
  return runAction('dist/main/index.js', {
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      'role-session-name': `job-${job}-round-${round}`,
      'aws-profile': `job-${job}`,
    },
    env: { AWS_ENDPOINT_URL: server.url, HOME: home },
  });
}

/** Who `aws --profile NAME` is on the shared HOME, or undefined when botocore finds no such profile. */
async function cliCaller(profile: string): Promise<string | undefined> {
  const args = ['sts', 'get-caller-identity', '--profile', profile, '--endpoint-url', server.url, '--output', 'json'];
  try {
    const { stdout } = await promisify(execFile)('aws', args, { timeout: 30000, env: { PATH: process.env.PATH, HOME: home } });
    return (JSON.parse(stdout) as { Arn: string }).Arn;
  } catch {
    return undefined;
  }
}

describe('aws-profile on a shared HOME', () => {
  awsTest(
    `${JOBS} parallel jobs, ${ROUNDS} rounds: each finds its own profile, and after the post steps only the user's sections remain`,
    async () => {
      const lost: string[] = [];
      const left: string[] = [];
      for (let round = 1; round <= ROUNDS; round += 1) {
        const jobs = Array.from({ length: JOBS }, (_, i) => i + 1);
        const mains = await Promise.all(jobs.map((job) => main(job, round)));
        expect(mains.map(({ exitCode, errors }) => ({ exitCode, errors }))).toEqual(jobs.map(() => ({ exitCode: 0, errors: [] })));
        const callers = await Promise.all(jobs.map((job) => cliCaller(`job-${job}`)));
        for (const [i, job] of jobs.entries()) {
          if (callers[i] !== mains[i]?.outputs['assumed-role-arn']) lost.push(`round ${round}: job-${job}`);
        }

        const posts = await Promise.all(mains.map((result) => runPost(result)));
        expect(posts.map(({ exitCode, warnings }) => ({ exitCode, warnings }))).toEqual(jobs.map(() => ({ exitCode: 0, warnings: [] })));
        const after = {
          credentials: await readFile(path.join(home, '.aws', 'credentials'), 'utf8'),
          config: await readFile(path.join(home, '.aws', 'config'), 'utf8'),
        };
        if (after.credentials !== USER_CREDENTIALS || after.config !== USER_CONFIG) left.push(`round ${round}`);
        // Put the files back as the user had them, so each round starts alike.
        await writeFile(path.join(home, '.aws', 'credentials'), USER_CREDENTIALS, { mode: 0o600 });
        await writeFile(path.join(home, '.aws', 'config'), USER_CONFIG, { mode: 0o600 });
      }
      expect({ lost, left }).toEqual({ lost: [], left: [] });
      // No lock or temporary file of any step stays beside the user's files.
      expect((await readdir(path.join(home, '.aws'))).sort()).toEqual(['config', 'credentials']);
    },
    600_000,
  );

  awsTest('on a HOME without ~/.aws files: whichever job created each file, none is left after the post steps', async () => {
    await rm(path.join(home, '.aws', 'credentials'));
    await rm(path.join(home, '.aws', 'config'));
    const jobs = Array.from({ length: JOBS }, (_, i) => i + 1);
    const mains = await Promise.all(jobs.map((job) => main(job, 50)));
    expect(mains.map(({ exitCode }) => exitCode)).toEqual(jobs.map(() => 0));
    expect(await Promise.all(jobs.map((job) => cliCaller(`job-${job}`)))).toEqual(
      mains.map((result) => result.outputs['assumed-role-arn']),
    );
    await Promise.all(mains.map((result) => runPost(result)));
    expect(await readdir(path.join(home, '.aws'))).toEqual([]);
    await writeFile(path.join(home, '.aws', 'credentials'), USER_CREDENTIALS, { mode: 0o600 });
    await writeFile(path.join(home, '.aws', 'config'), USER_CONFIG, { mode: 0o600 });
  });

  awsTest('a lock left by a killed step (its process gone, or older than 20 s) does not stop the next job, and none stays', async () => {
    const lockFile = path.join(home, '.aws', 'credentials.lock');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    // The bundles' processes share this machine and pid namespace with the test.
    const scope = `${hostname()} ${await readlink('/proc/self/ns/pid').catch(() => '')}`;
    const left = [
      { text: JSON.stringify({ pid: Number(gone.stdout), scope, nonce: 'killed-step', since: new Date().toISOString() }), ageMs: 0 },
      { text: '{"pid":', ageMs: 60_000 },
    ];
    for (const [i, { text, ageMs }] of left.entries()) {
      await writeFile(lockFile, text);
      const then = new Date(Date.now() - ageMs);
      await utimes(lockFile, then, then);
      const result = await main(1, 100 + i);
      expect({ exitCode: result.exitCode, errors: result.errors }).toEqual({ exitCode: 0, errors: [] });
      expect(await cliCaller('job-1')).toBe(result.outputs['assumed-role-arn']);
      expect((await runPost(result)).exitCode).toBe(0);
      expect(await readFile(path.join(home, '.aws', 'credentials'), 'utf8')).toBe(USER_CREDENTIALS);
      expect((await readdir(path.join(home, '.aws'))).sort()).toEqual(['config', 'credentials']);
    }
  });
});
