/**
 * The rotation command's world for the action tier: the loopback STS/IAM server and the loopback
 * GitHub secrets API on one server clock, a limited user with one key stored in both places'
 * secrets, a rotator and a person who may administer its keys. `cli` runs `run(io)` in process
 * with the real adapters; a run's local clock can be skewed from the servers' (`skewMs`).
 */
import { afterEach, beforeEach } from '@jest/globals';
import { createSecretStore } from '../../src/adapters/github-secrets.js';
import { createKeyAdmin } from '../../src/adapters/iam-key-admin.js';
import { createKeyProbe } from '../../src/adapters/iam-key-probe.js';
import { parseCommandLine } from '../../src/rotation/command-line.js';
import { run } from '../../src/rotation/run.js';
import type { UserTag } from '../../src/rotation/ports.js';
import { startAwsTestServer } from './aws-test-server.js';
import { startFakeGitHubSecrets } from './fake-github-secrets.js';
import { recordingIo, type RecordingIo } from './recording-io.js';

export const ACCOUNT = '111122223333';
export const USER = 'sam-cli-user';
export const OLD = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
export const ROTATOR = { accessKeyId: 'AKIAADMINADMINEXAMPL', secretAccessKey: 'adminSecretKeyForTheRotatorPerson0000000' };
export const PERSON = { accessKeyId: 'AKIAPERSONPERSONEXAM', secretAccessKey: 'personSecretKeyWhoRotatesByHand000000000' };
export const REGION = 'eu-west-1';
export const REPO = 'octo-org/app';
export const ID = 'AWS_ACCESS_KEY_ID';
export const SECRET = 'AWS_SECRET_ACCESS_KEY';
export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;
/** Short attempts, so a hanging GitHub costs a test seconds, not the 10 s a real run allows. */
const TEST_DEADLINES = { attemptTimeoutMs: 1500, totalBudgetMs: 30_000, maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 };

export interface CliOptions {
  admin?: { accessKeyId: string; secretAccessKey: string };
  /** How far the run's local clock is ahead of the servers'. */
  skewMs?: number;
  /** false: the servers keep following the clock of the run already going (a second run at once). */
  drivesServerClock?: boolean;
}

export function rotationWorld() {
  const world = {
    /** The servers' time between runs. */
    time: 0,
    aws: undefined as unknown as Awaited<ReturnType<typeof startAwsTestServer>>,
    github: undefined as unknown as Awaited<ReturnType<typeof startFakeGitHubSecrets>>,
    roleArn: '',
  };
  let current: { io: RecordingIo; skewMs: number } | undefined;
  const now = () => new Date(current ? current.io.clock.now() - current.skewMs : world.time);

  beforeEach(async () => {
    world.time = Date.now() - 5 * MINUTE;
    world.aws = await startAwsTestServer({ now, newKeyDelayMs: 4000, recordLastUse: true });
    world.github = await startFakeGitHubSecrets({ now, repositories: [REPO, `${REPO}:production`] });
    world.aws.addUser({ account: ACCOUNT, name: USER });
    for (const name of ['rotator', 'person']) world.aws.addUser({ account: ACCOUNT, name, keyAdmin: true });
    world.aws.addAccessKey(USER, { ...OLD, createDate: new Date(world.time - 60 * DAY) });
    world.aws.addAccessKey('rotator', ROTATOR);
    world.aws.addAccessKey('person', PERSON);
    world.roleArn = world.aws.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: `arn:aws:iam::${ACCOUNT}:user/${USER}` }).arn;
    for (const place of [REPO, `${REPO}:production`]) {
      world.github.seed(place, ID, OLD.accessKeyId);
      world.github.seed(place, SECRET, OLD.secretAccessKey);
    }
    world.time += MINUTE;
  });

  afterEach(async () => {
    await world.aws.close();
    await world.github.close();
  });

  async function cli(argv: string[], { admin = ROTATOR, skewMs = 0, drivesServerClock = true }: CliOptions = {}) {
    const commandLine = parseCommandLine(argv);
    const start = (current ? current.io.clock.now() - current.skewMs : world.time) + skewMs;
    const io = recordingIo({ inputs: Object.fromEntries(commandLine.flags), env: { AWS_ENDPOINT_URL: world.aws.url }, now: start });
    const previous = current;
    if (drivesServerClock) current = { io, skewMs };
    try {
      const code = await run(io, commandLine, (secrets) => ({
        keyAdmin: createKeyAdmin(io, secrets, REGION, admin),
        keyProbe: createKeyProbe(io, secrets),
        secretStore: async (place) =>
          createSecretStore({
            token: world.github.token,
            place,
            clock: io.clock,
            baseUrl: world.github.url,
            fetch: globalThis.fetch,
            deadlines: TEST_DEADLINES,
          }),
      }));
      return { code, io, log: io.log(), errors: io.errors.join('\n') };
    } finally {
      if (drivesServerClock) {
        world.time = io.clock.now() - skewMs + 1000;
        current = previous;
      }
    }
  }

  const rotate = (extra: string[] = [], options: CliOptions = {}) =>
    cli(['rotate', '--user-name', USER, '--repo', REPO, '--role-to-assume', world.roleArn, '--region', REGION, ...extra], options);
  const stored = (place = REPO) => ({
    id: world.github.secrets(place).get(ID)?.value,
    secret: world.github.secrets(place).get(SECRET)?.value,
  });
  const keys = () => world.aws.keysOf(USER).map(({ accessKeyId, status }) => ({ accessKeyId, status }));
  const issued = (id: string) => world.aws.knownSecrets().find((s) => s.label === `secret access key of ${id}`)?.value;
  const newKeyId = () => world.aws.keysOf(USER).find((key) => key.accessKeyId !== OLD.accessKeyId)?.accessKeyId ?? '';
  /** Tags written as another run (or a person) would have, at the servers' time. */
  const tagUser = async (tags: UserTag[]) => {
    const io = recordingIo({ env: { AWS_ENDPOINT_URL: world.aws.url }, now: world.time });
    await createKeyAdmin(io, { add: () => undefined, values: [] } as never, REGION, ROTATOR).tagUser(USER, tags);
  };
  const expectNoSecretIn = (log: string) =>
    world.aws
      .knownSecrets()
      .filter(({ value }) => log.includes(value))
      .map(({ label }) => label);
  return { world, cli, rotate, stored, keys, issued, newKeyId, tagUser, leakedIn: expectNoSecretIn };
}
