/**
 * The rotation under a hostile or broken GitHub, skewed clocks and a second run at once: run(io) in
 * process with the real adapters against the loopback IAM/STS server and the loopback GitHub
 * secrets API, which opens every sealed box. Each test checks what the secrets hold against IAM's
 * keys (a pair that deploys) and that every sentence printed is true.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import http from 'node:http';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { createdTag, deactivatedTag } from '../../src/rotation/rotation-tags.js';
import { LEASE_TAG } from '../../src/rotation/rotation-lease.js';
import { DAY, ID, MINUTE, OLD, PERSON, REGION, REPO, rotationWorld, SECRET, USER } from '../../test/support/rotation-harness.js';

const { world, cli, rotate, stored, keys, issued, newKeyId, tagUser, leakedIn } = rotationWorld();

/** A deploy as the workflow runs it: AssumeRole with the pair GitHub holds. */
async function deploys(): Promise<boolean> {
  const pair = stored();
  const client = new STSClient({
    region: REGION,
    endpoint: world.aws.url,
    maxAttempts: 1,
    credentials: { accessKeyId: pair.id ?? '', secretAccessKey: pair.secret ?? '' },
  });
  world.time += 5000;
  try {
    await client.send(new AssumeRoleCommand({ RoleArn: world.roleArn, RoleSessionName: 'deploy-1' }));
    return true;
  } catch {
    return false;
  } finally {
    world.time += 5000;
  }
}

describe('writes whose outcome is unknown', () => {
  test('the id PUT lands only after the client gave up: the rotation carries on, it never deletes the key the secrets hold', async () => {
    world.github.injectFault({ method: 'PUT', secretName: ID, hang: true, landAfterMs: 50_000, times: 3 });
    const result = await rotate();
    world.time += 2 * MINUTE;
    const id = newKeyId();
    expect({ code: result.code, stored: stored(), keys: keys().length }).toEqual({ code: 0, stored: { id, secret: issued(id) }, keys: 2 });
    expect(result.log).toContain(`GitHub gave no sure answer to the write of ${ID}, but lists it as written since: the write landed.`);
    expect(result.log).not.toContain('Undone');
    expect(await deploys()).toBe(true);
    expect(leakedIn(result.log)).toEqual([]);
  });

  test('a 5xx on the id PUT that never lands: the old pair stays, the key is kept (the write may land late), and the run after 15 minutes deletes it', async () => {
    world.github.injectFault({ method: 'PUT', secretName: ID, status: 500, times: 3 });
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
    expect(keys()).toHaveLength(2);
    expect(result.errors).toContain('did not list it as written within 60 s: the secrets hold the old pair');
    expect(await deploys()).toBe(true);
    world.time += 16 * MINUTE;
    const later = await rotate();
    expect(later.code).toBe(0);
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
  });

  test('a definitive refusal (401) of the first write means nothing was written: the new key is deleted and the message says so', async () => {
    world.github.injectFault({ method: 'PUT', status: 401, times: 10 });
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
    expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
    expect(result.errors).toMatch(
      /Writing AWS_ACCESS_KEY_ID failed: GitHub refused it \(.*\), so nothing was written\. Undone: .* is deleted/,
    );
    expect(result.errors).not.toContain('may hold');
  });

  test('GitHub cannot be read after an unknown write: the key is kept and the message says "may hold" with the one command that settles it', async () => {
    world.github.injectFault({ method: 'PUT', secretName: ID, hang: true, times: 3 });
    world.github.onRequest = (method) => {
      if (method === 'PUT') world.github.injectFault({ method: 'GET', status: 503, times: 100 });
    };
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(keys()).toHaveLength(2);
    expect(result.errors).toContain(`${ID} may hold the new id ${newKeyId()} or the old ${OLD.accessKeyId}`);
    expect(result.errors).toContain(`Settle it with node dist/cli/index.js rotate --user-name ${USER}`);
  });
});

describe("the servers' clocks", () => {
  async function deactivatedOneDayAgo() {
    const newKey = { accessKeyId: 'AKIANEWKEYSTOREDOK01', secretAccessKey: 'newSecretStoredTwoDaysAgo000000000000000' };
    world.aws.addAccessKey(USER, { ...newKey, createDate: new Date(world.time - 2 * DAY) });
    world.github.seed(REPO, ID, newKey.accessKeyId, new Date(world.time - 2 * DAY + MINUTE));
    world.github.seed(REPO, SECRET, newKey.secretAccessKey, new Date(world.time - 2 * DAY + MINUTE));
    await tagUser([
      createdTag(newKey.accessKeyId, new Date(world.time - 2 * DAY)),
      deactivatedTag(OLD.accessKeyId, new Date(world.time - DAY), 'rotate'),
    ]);
    world.aws.addAccessKey(USER, { ...OLD, status: 'Inactive', createDate: new Date(world.time - 60 * DAY) });
  }

  test("a local clock 7 days fast does not delete a key deactivated 1 day ago (the 7-day grace is AWS's time)", async () => {
    await deactivatedOneDayAgo();
    const result = await rotate([], { skewMs: 7 * DAY });
    expect(result.code).toBe(0);
    expect(keys().map((key) => key.accessKeyId)).toContain(OLD.accessKeyId);
    expect(result.log).toContain(`Nothing to do yet: the old key ${OLD.accessKeyId} has been inactive since`);
  });

  test('a run with a clock 16 minutes fast, started while another run stores its key, leaves that key alone', async () => {
    let second: ReturnType<typeof rotate> | undefined;
    // The first run's secret write goes unanswered once, so the second run reads the state between its two writes.
    world.github.injectFault({ method: 'PUT', secretName: SECRET, hang: true });
    world.github.onRequest = (method) => {
      if (method !== 'PUT' || second) return;
      second = rotate([], { admin: PERSON, skewMs: 16 * MINUTE, drivesServerClock: false });
    };
    const first = await rotate();
    const other = await second;
    const id = newKeyId();
    expect({ code: first.code, stored: stored(), keys: keys().length }).toEqual({ code: 0, stored: { id, secret: issued(id) }, keys: 2 });
    expect(other?.log).not.toContain('Deleted the new key');
    expect(await deploys()).toBe(true);
  });
});

describe('one rotation at a time', () => {
  test('a lease held by another run: refused, naming its holder and age, nothing changed', async () => {
    const from = new Date(world.time - 40_000);
    await tagUser([
      {
        key: LEASE_TAG,
        value: `run 0badc0de by arn:aws:iam::111122223333:user/person from ${from.toISOString().replace(/\.\d{3}Z$/, 'Z')} until ${new Date(from.getTime() + 15 * MINUTE).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
      },
    ]);
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(result.errors).toMatch(
      /another rotation holds the lease \(run 0badc0de by arn:aws:iam::111122223333:user\/person, taken 4\d s ago, until /,
    );
    expect(keys()).toHaveLength(1);
    expect(world.github.requests.filter((r) => r.method === 'PUT')).toEqual([]);
  });

  test("two runs at once (a schedule and a person): the second is refused, naming the first's holder and the lease's age", async () => {
    // The first run's CreateAccessKey is answered late, so the second reads the state while the first holds the lease.
    world.aws.injectFault('CreateAccessKey', { kind: 'delay', delayMs: 3000 });
    let lists = 0;
    let second: ReturnType<typeof rotate> | undefined;
    world.github.onRequest = (method) => {
      if (method === 'GET' && ++lists === 2) second = rotate([], { admin: PERSON, drivesServerClock: false });
    };
    const first = await rotate();
    const other = await second;
    const id = newKeyId();
    expect({ code: first.code, stored: stored(), keys: keys().length }).toEqual({ code: 0, stored: { id, secret: issued(id) }, keys: 2 });
    expect(other?.code).toBe(1);
    expect(other?.errors).toMatch(
      /another rotation holds the lease \(run \w+ by arn:aws:iam::111122223333:user\/rotator, taken \d+ s ago, until /,
    );
    expect(world.aws.userTags(USER).has(LEASE_TAG)).toBe(false);
  });

  test('a run holds the lease from before its first change to after its last, and an expired lease does not stop it', async () => {
    const from = new Date(world.time - 30 * MINUTE);
    const iso = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
    await tagUser([
      {
        key: LEASE_TAG,
        value: `run 0ldrun00 by arn:aws:iam::111122223333:user/person from ${iso(from)} until ${iso(new Date(from.getTime() + 15 * MINUTE))}`,
      },
    ]);
    const heldDuringWrites: Array<string | undefined> = [];
    world.github.onRequest = (method) => {
      if (method === 'PUT') heldDuringWrites.push(world.aws.userTags(USER).get(LEASE_TAG));
    };
    const result = await rotate();
    expect(result.code).toBe(0);
    expect(heldDuringWrites).toHaveLength(2);
    for (const value of heldDuringWrites) expect(value).toMatch(/^run \w+ by arn:aws:iam::111122223333:user\/rotator from /);
    expect(world.aws.userTags(USER).has(LEASE_TAG)).toBe(false);
  });
});

describe('a hostile or broken GitHub', () => {
  test('a trickled public-key answer: a clear failure, the new key deleted, nothing claimed about the secrets that is not so', async () => {
    world.github.injectFault({ method: 'GET', secretName: 'public-key', trickle: true, times: 3 });
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
    expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
    expect(result.errors).toMatch(
      /could not get the secrets' public key, so nothing was sent: no answer within \d s.*so nothing was written\. Undone/,
    );
    expect(result.errors).not.toMatch(/may hold|null or undefined/);
  });

  describe('a 307 to another origin on the id PUT', () => {
    let elsewhere: http.Server;
    let reached: string[];
    beforeEach(async () => {
      reached = [];
      elsewhere = http.createServer((req, res) => {
        reached.push(`${req.method} ${req.headers.authorization ?? 'no token'}`);
        res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    });
    afterEach(async () => {
      elsewhere.closeAllConnections();
      await new Promise((resolve) => elsewhere.close(resolve));
    });

    test('is never followed: the write is refused, the new key deleted, the secrets keep the old pair', async () => {
      const address = elsewhere.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      world.github.injectFault({
        method: 'PUT',
        secretName: ID,
        status: 307,
        redirectTo: `http://localhost:${port}/repos/octo-org/app/actions/secrets/${ID}`,
      });
      const result = await rotate();
      expect(result.code).toBe(1);
      expect(reached).toEqual([]);
      expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
      expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
      expect(result.errors).toContain(`GitHub answered HTTP 307, a redirect to http://localhost:${port}; a write is never followed`);
      expect(result.errors).toContain('so nothing was written');
    });
  });
});

describe('revoke', () => {
  test('deactivates every key before reading anything else: a throttled last-use read cannot stop it', async () => {
    world.aws.injectFault('GetAccessKeyLastUsed', { kind: 'throttle', times: 1000 });
    const result = await cli(['revoke', '--user-name', USER]);
    expect(result.code).toBe(0);
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Inactive' }]);
    expect(result.log).toContain(`Deactivated key ${OLD.accessKeyId}.`);
  });
});
