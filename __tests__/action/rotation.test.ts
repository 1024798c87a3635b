/**
 * The command line's rotate and revoke, run(io) in process through the recording Io, with the real
 * adapters against the loopback STS/IAM server and the loopback GitHub secrets API, which opens
 * every sealed box: each test checks the pair GitHub holds against what IAM issued.
 */
import { describe, expect, test } from '@jest/globals';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createdTag } from '../../src/rotation/rotation-tags.js';
import { ACCOUNT, ID, MINUTE, OLD, REGION, REPO, rotationWorld, SECRET, USER } from '../../test/support/rotation-harness.js';

const { world, cli, rotate, stored, keys, issued, newKeyId, tagUser, leakedIn } = rotationWorld();

/** A deploy as the workflow runs it: AssumeRole with the pair GitHub holds. */
async function deploy(place = REPO) {
  const pair = stored(place);
  const client = new STSClient({
    region: REGION,
    endpoint: world.aws.url,
    maxAttempts: 1,
    credentials: { accessKeyId: pair.id ?? '', secretAccessKey: pair.secret ?? '' },
  });
  world.time += 5000;
  await client.send(new AssumeRoleCommand({ RoleArn: world.roleArn, RoleSessionName: 'deploy-1' }));
  world.time += 5000;
}

function expectNoSecretIn(log: string) {
  expect(leakedIn(log)).toEqual([]);
}

describe('rotate', () => {
  test('the whole rotation: create and store, a deploy with the stored pair, deactivate the old key, delete it', async () => {
    const first = await rotate();
    expect(first.code).toBe(0);
    const id = newKeyId();
    expect(stored()).toEqual({ id, secret: issued(id) });
    expect(keys()).toEqual([
      { accessKeyId: OLD.accessKeyId, status: 'Active' },
      { accessKeyId: id, status: 'Active' },
    ]);
    expect(world.aws.userTags(USER).get(id)).toMatch(/^Created by assume-deploy-role rotate at /);
    expect(first.io.masks).toContain(issued(id));
    expect(first.log).toContain(`Stored the new key ${id} in repository ${REPO}`);
    expect(first.log).toContain('Next: run a deploy');
    expect(first.log).toContain(`AWS does not accept key ${id} yet`);
    expect(world.aws.sessions.map((s) => s.roleSessionName)).toEqual(['assume-deploy-role-rotation-check']);

    const early = await rotate();
    expect(early.code).toBe(0);
    expect(early.log).toContain('Nothing to do yet');

    await deploy();
    const second = await rotate();
    expect(second.code).toBe(0);
    expect(keys()).toEqual([
      { accessKeyId: OLD.accessKeyId, status: 'Inactive' },
      { accessKeyId: id, status: 'Active' },
    ]);
    expect(second.log).toContain(`aws iam update-access-key --user-name ${USER} --access-key-id ${OLD.accessKeyId} --status Active`);

    const waiting = await rotate();
    expect(waiting.log).toMatch(/inactive since .* run this command again on or after/);
    const third = await rotate(['--delete-after-days', '0']);
    expect(third.code).toBe(0);
    expect(keys()).toEqual([{ accessKeyId: id, status: 'Active' }]);
    expect([...world.aws.userTags(USER).keys()]).toEqual([id]);
    for (const run of [first, early, second, waiting, third]) expectNoSecretIn(run.log);
  });

  test('--dry-run reads the state, says the step, changes nothing', async () => {
    const result = await rotate(['--dry-run']);
    expect(result.code).toBe(0);
    expect(result.log).toContain('Dry run, nothing changed. The next step would be: create a new access key');
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
    expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
    expect(world.github.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  test('environment secrets: the pair goes to the environment, the repository secrets stay', async () => {
    const result = await rotate(['--environment', 'production']);
    expect(result.code).toBe(0);
    const id = newKeyId();
    expect(stored(`${REPO}:production`)).toEqual({ id, secret: issued(id) });
    expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
    expect(result.log).toContain('environment production of octo-org/app');
  });

  test('the key-id write is refused: the old pair stays, the new key is deleted', async () => {
    world.github.injectFault({ method: 'PUT', secretName: ID, status: 422 });
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
    expect(result.io.errors.join('\n')).toContain(`Writing ${ID} failed: GitHub refused it`);
    expectNoSecretIn(result.log);
  });

  test('the secret write is refused: the old id is written back (the old secret was never touched), the new key is deleted', async () => {
    world.github.injectFault({ method: 'PUT', secretName: SECRET, status: 403 });
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
    expect(result.log).toContain(`Wrote the old key id ${OLD.accessKeyId} back into ${ID}`);
    expectNoSecretIn(result.log);
  });

  test('the secret write fails and so does writing the old id back: the new key is kept for the next run, the fix is printed', async () => {
    world.github.injectFault({ method: 'PUT', secretName: SECRET, status: 500, times: 3 });
    world.github.onRequest = (method, requestPath) => {
      if (method !== 'PUT' || !requestPath.endsWith(`/${SECRET}`)) return;
      world.github.injectFault({ method: 'PUT', secretName: ID, status: 503, times: 3 });
      world.github.onRequest = undefined;
    };
    const result = await rotate();
    expect(result.code).toBe(1);
    const id = newKeyId();
    expect(stored()).toEqual({ id, secret: OLD.secretAccessKey });
    expect(keys()).toHaveLength(2);
    expect(result.io.errors.join('\n')).toContain(`gh secret set --repo ${REPO} ${ID} --body ${OLD.accessKeyId}`);
    expectNoSecretIn(result.log);
  });

  test('the secret write lands but its answer is lost: the rotation carries on, not rolled back into a mismatch', async () => {
    world.github.injectFault({ method: 'PUT', secretName: SECRET, status: 500, landed: true, times: 3 });
    const result = await rotate();
    expect(result.code).toBe(0);
    const id = newKeyId();
    expect(stored()).toEqual({ id, secret: issued(id) });
    expect(result.log).toContain('the write landed');
  });

  test('verification fails (the role does not trust the user): nothing is written, the new key is deleted', async () => {
    const other = world.aws.addRole({
      account: ACCOUNT,
      name: 'other',
      trustedPrincipals: `arn:aws:iam::${ACCOUNT}:user/someone-else`,
    }).arn;
    const result = await cli(['rotate', '--user-name', USER, '--repo', REPO, '--role-to-assume', other, '--region', REGION]);
    expect(result.code).toBe(1);
    expect(result.io.errors.join('\n')).toMatch(/AccessDenied.*Nothing was written to GitHub/s);
    expect(world.github.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
  });

  test('killed after the id write: the next run writes the old id back and deletes the unstored key', async () => {
    const created = new Date(world.time - 20 * MINUTE);
    world.aws.addAccessKey(USER, {
      accessKeyId: 'AKIANEWKEYNEVERSTORE',
      secretAccessKey: 'lostWhenTheRunWasKilled0000000000000000',
      createDate: created,
    });
    const later = world.time;
    world.time = created.getTime() - MINUTE;
    world.github.seed(REPO, SECRET, OLD.secretAccessKey);
    world.time = later;
    world.github.seed(REPO, ID, 'AKIANEWKEYNEVERSTORE');
    await tagUser([createdTag('AKIANEWKEYNEVERSTORE', created)]);
    const result = await rotate();
    expect(result.code).toBe(0);
    expect(stored()).toEqual({ id: OLD.accessKeyId, secret: OLD.secretAccessKey });
    expect(keys()).toEqual([{ accessKeyId: OLD.accessKeyId, status: 'Active' }]);
    expect(result.log).toContain('Next: run node dist/cli/index.js rotate --user-name');
  });

  test('refuses when the caller is the limited user itself', async () => {
    world.aws.addUser({ account: ACCOUNT, name: 'x' });
    const result = await cli(['rotate', '--user-name', USER, '--repo', REPO, '--role-to-assume', world.roleArn, '--region', REGION], {
      admin: OLD,
    });
    expect(result.code).toBe(1);
    expect(result.io.errors.join('\n')).toContain('your AWS credentials are those of sam-cli-user itself');
    expect(keys()).toHaveLength(1);
  });

  test('refuses two active keys it did not create', async () => {
    world.aws.addAccessKey(USER, { accessKeyId: 'AKIAHANDMADEKEY00001', secretAccessKey: 'handMadeSecretKey00000000000000000000000' });
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(result.io.errors.join('\n')).toContain('this tool created neither');
  });

  test('refuses to deactivate the old key while something still uses it', async () => {
    await rotate();
    await deploy();
    const client = new STSClient({ region: REGION, endpoint: world.aws.url, maxAttempts: 1, credentials: OLD });
    await client.send(new GetCallerIdentityCommand({}));
    world.time += 2000;
    const result = await rotate();
    expect(result.code).toBe(1);
    expect(result.io.errors.join('\n')).toContain(`Refused to deactivate the old key ${OLD.accessKeyId}`);
    expect(keys().map((k) => k.status)).toEqual(['Active', 'Active']);
  });

  test('usage errors: every problem at once, exit 2, no call made', async () => {
    const result = await cli([
      'rotate',
      '--user-name',
      'bad name!',
      '--repo',
      'nope',
      '--region',
      'mars',
      '--delete-after-days',
      '-1',
      '--bogus',
      'x',
    ]);
    expect(result.code).toBe(2);
    const error = result.io.errors.join('\n');
    for (const flag of ['--bogus', '--user-name', '--repo', '--role-to-assume', '--region', '--delete-after-days'])
      expect(error).toContain(flag);
    expect(world.aws.requests).toEqual([]);
  });
});

describe('revoke', () => {
  test("deactivates every key at once and denies the role's older sessions", async () => {
    world.aws.addAccessKey(USER, { accessKeyId: 'AKIASECONDKEY0000001', secretAccessKey: 'secondSecretKey0000000000000000000000000' });
    const userSts = new STSClient({ region: REGION, endpoint: world.aws.url, maxAttempts: 1, credentials: OLD });
    const session = (await userSts.send(new AssumeRoleCommand({ RoleArn: world.roleArn, RoleSessionName: 'stolen' }))).Credentials;
    world.time += 2000;
    const result = await cli(['revoke', '--user-name', USER, '--role-to-assume', world.roleArn]);
    expect(result.code).toBe(0);
    expect(keys().map((k) => k.status)).toEqual(['Inactive', 'Inactive']);
    expect(result.log).toContain('AWSRevokeOlderSessions');
    expect(result.log).toContain('--delete-after-days 0');
    const stolen = new STSClient({
      region: REGION,
      endpoint: world.aws.url,
      maxAttempts: 1,
      credentials: {
        accessKeyId: session?.AccessKeyId ?? '',
        secretAccessKey: session?.SecretAccessKey ?? '',
        sessionToken: session?.SessionToken ?? '',
      },
    });
    await expect(stolen.send(new AssumeRoleCommand({ RoleArn: world.roleArn, RoleSessionName: 'again' }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expectNoSecretIn(result.log);
  });

  test('a role in another account: the keys are still deactivated, the sessions part fails with its reason', async () => {
    const result = await cli(['revoke', '--user-name', USER, '--role-to-assume', 'arn:aws:iam::999988887777:role/deploy']);
    expect(result.code).toBe(1);
    expect(keys().map((k) => k.status)).toEqual(['Inactive']);
    expect(result.io.annotations.map((a) => a.message).join('\n')).toContain(
      'it is in another account than your credentials (111122223333)',
    );
  });
});
