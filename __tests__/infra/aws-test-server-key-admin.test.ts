/**
 * The AWS test server's key administration (iam-key-admin.js), which the rotation tests stand on:
 * IAM's two-key limit, a key's status and deletion as STS then judges them, user tags, the
 * session-revocation deny, who may call them (`keyAdmin` users and roles only), and
 * `newKeyDelayMs`, the few seconds in which STS still refuses a key CreateAccessKey just made.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  IAMClient,
  ListUserTagsCommand,
  PutRolePolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import type { StatusType } from '@aws-sdk/client-iam';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY, EXAMPLE_REGION as REGION, SECOND_EXAMPLE_KEY } from '../../test/support/fixtures.js';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const LIMITED = 'deploy-user';
const ADMIN = 'key-admin';
const ADMIN_ARN = `arn:aws:iam::${ACCOUNT}:user/${ADMIN}`;
const ADMIN_KEY = { accessKeyId: 'AKIAKEYADMIN00000001', secretAccessKey: SECOND_EXAMPLE_KEY.secretAccessKey };

let server: Awaited<ReturnType<typeof startAwsTestServer>>;
/** The server's clock, moved by the tests; near real time, so SigV4's 15-minute window holds. */
let clock: number;
let rotatorRole: string;
let deployRole: string;

async function start(options: { newKeyDelayMs?: number } = {}) {
  clock = Date.now();
  server = await startAwsTestServer({ now: () => new Date(clock), ...options });
  server.addUser({ account: ACCOUNT, name: LIMITED });
  server.addAccessKey(LIMITED, EXAMPLE_KEY);
  server.addUser({ account: ACCOUNT, name: ADMIN, keyAdmin: true });
  server.addAccessKey(ADMIN, ADMIN_KEY);
  server.addUser({ account: '444455556666', name: 'elsewhere' });
  rotatorRole = server.addRole({ account: ACCOUNT, name: 'rotator', trustedPrincipals: [ADMIN_ARN], keyAdmin: true }).arn;
  deployRole = server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [ADMIN_ARN] }).arn;
}

beforeEach(() => start());

afterEach(async () => {
  await server.close();
});

const iam = (credentials: Credentials = ADMIN_KEY) =>
  new IAMClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });
const sts = (credentials: Credentials) => new STSClient({ region: REGION, endpoint: server.url, credentials, maxAttempts: 1 });
const identity = (credentials: Credentials) => sts(credentials).send(new GetCallerIdentityCommand({}));

async function createKey(userName = LIMITED): Promise<Credentials> {
  const { AccessKey } = await iam().send(new CreateAccessKeyCommand({ UserName: userName }));
  return { accessKeyId: AccessKey?.AccessKeyId ?? '', secretAccessKey: AccessKey?.SecretAccessKey ?? '' };
}

async function session(roleArn: string): Promise<Credentials> {
  const { Credentials: issued } = await sts(ADMIN_KEY).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'rotation' }));
  return {
    accessKeyId: issued?.AccessKeyId ?? '',
    secretAccessKey: issued?.SecretAccessKey ?? '',
    sessionToken: issued?.SessionToken ?? '',
  };
}

describe('access keys', () => {
  test('CreateAccessKey makes a working key for the user, listed by keysOf and knownSecrets', async () => {
    const created = await createKey();

    expect(created.accessKeyId).toMatch(/^AKIA[A-Z2-7]{16}$/);
    expect(created.secretAccessKey).toHaveLength(40);
    expect(server.keysOf(LIMITED).map(({ accessKeyId, status }) => [accessKeyId, status])).toEqual([
      [EXAMPLE_KEY.accessKeyId, 'Active'],
      [created.accessKeyId, 'Active'],
    ]);
    expect(server.knownSecrets().map(({ value }) => value)).toContain(created.secretAccessKey);
    await expect(identity(created)).resolves.toMatchObject({ Arn: `arn:aws:iam::${ACCOUNT}:user/${LIMITED}` });
  });

  test("a third key is IAM's LimitExceeded; deleting one makes room again", async () => {
    const second = await createKey();

    await expect(createKey()).rejects.toMatchObject({
      name: 'LimitExceededException',
      message: 'Cannot exceed quota for AccessKeysPerUser: 2',
      $metadata: { httpStatusCode: 409 },
    });
    await iam().send(new DeleteAccessKeyCommand({ UserName: LIMITED, AccessKeyId: second.accessKeyId }));
    await expect(createKey()).resolves.toBeDefined();
    expect(server.keysOf(LIMITED)).toHaveLength(2);
  });

  test('UpdateAccessKey turns a key off and on again, as STS then judges it', async () => {
    const update = (Status: StatusType) =>
      iam().send(new UpdateAccessKeyCommand({ UserName: LIMITED, AccessKeyId: EXAMPLE_KEY.accessKeyId, Status }));

    await update('Inactive');
    expect(server.keysOf(LIMITED)[0]).toMatchObject({ status: 'Inactive' });
    await expect(identity(EXAMPLE_KEY)).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await update('Active');
    await expect(identity(EXAMPLE_KEY)).resolves.toBeDefined();
    await expect(update('Disabled' as StatusType)).rejects.toMatchObject({ name: 'ValidationError' });
  });

  test('DeleteAccessKey removes the key: STS refuses it, a second delete is NoSuchEntity', async () => {
    const remove = () => iam().send(new DeleteAccessKeyCommand({ UserName: LIMITED, AccessKeyId: EXAMPLE_KEY.accessKeyId }));

    await remove();
    expect(server.keysOf(LIMITED)).toEqual([]);
    await expect(identity(EXAMPLE_KEY)).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    await expect(remove()).rejects.toMatchObject({ name: 'NoSuchEntityException', $metadata: { httpStatusCode: 404 } });
  });

  test('a key of another user is NoSuchEntity, even with the right user name elsewhere', async () => {
    await expect(
      iam().send(new UpdateAccessKeyCommand({ UserName: ADMIN, AccessKeyId: EXAMPLE_KEY.accessKeyId, Status: 'Inactive' })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(server.keysOf(LIMITED)[0]).toMatchObject({ status: 'Active' });
  });
});

describe('user tags', () => {
  test('TagUser adds or replaces, UntagUser removes, ListUserTags and userTags show them', async () => {
    await iam().send(
      new TagUserCommand({
        UserName: LIMITED,
        Tags: [
          { Key: 'rotation:lease', Value: 'run-1' },
          { Key: 'team', Value: 'a' },
        ],
      }),
    );
    await iam().send(new TagUserCommand({ UserName: LIMITED, Tags: [{ Key: 'team', Value: 'b' }] }));
    await iam().send(new UntagUserCommand({ UserName: LIMITED, TagKeys: ['rotation:lease'] }));

    const { Tags } = await iam().send(new ListUserTagsCommand({ UserName: LIMITED }));
    expect(Tags).toEqual([{ Key: 'team', Value: 'b' }]);
    expect(server.userTags(LIMITED)).toEqual(new Map([['team', 'b']]));
  });

  test('a tag IAM would refuse is InvalidInput, and nothing is stored', async () => {
    await expect(
      iam().send(
        new TagUserCommand({
          UserName: LIMITED,
          Tags: [
            { Key: 'ok', Value: 'fine' },
            { Key: 'bad', Value: 'semi;colon' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidInputException' });
    expect(server.userTags(LIMITED)).toEqual(new Map());
  });
});

describe('who may administer keys', () => {
  test('the limited user may not, even on itself; a key admin may not reach another account', async () => {
    await expect(iam(EXAMPLE_KEY).send(new CreateAccessKeyCommand({ UserName: LIMITED }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::${ACCOUNT}:user/${LIMITED} is not authorized to perform: iam:CreateAccessKey on resource: arn:aws:iam::${ACCOUNT}:user/${LIMITED}`,
    });
    await expect(createKey('elsewhere')).rejects.toMatchObject({ name: 'NoSuchEntityException' });
    expect(server.keysOf(LIMITED)).toHaveLength(1);
  });

  test('a session of a keyAdmin role may; a session of another role may not', async () => {
    const rotator = await session(rotatorRole);
    const deploy = await session(deployRole);

    await expect(iam(rotator).send(new CreateAccessKeyCommand({ UserName: LIMITED }))).resolves.toBeDefined();
    await expect(iam(deploy).send(new TagUserCommand({ UserName: LIMITED, Tags: [{ Key: 'a', Value: 'b' }] }))).rejects.toMatchObject({
      name: 'AccessDenied',
    });
    expect(server.keysOf(LIMITED)).toHaveLength(2);
  });
});

describe('the session-revocation deny', () => {
  const revoke = (credentials: Credentials, roleName: string, before: Date) =>
    iam(credentials).send(
      new PutRolePolicyCommand({
        RoleName: roleName,
        PolicyName: 'RevokeOlderSessions',
        PolicyDocument: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Deny', Action: '*', Resource: '*', Condition: { DateLessThan: { 'aws:TokenIssueTime': before.toISOString() } } },
          ],
        }),
      }),
    );

  test("denies the role's older sessions everything but GetCallerIdentity; a newer session works", async () => {
    const older = await session(rotatorRole);
    clock += 2000;
    await revoke(ADMIN_KEY, 'rotator', new Date(clock - 1000));

    await expect(iam(older).send(new ListUserTagsCommand({ UserName: LIMITED }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: expect.stringContaining('with an explicit deny in an identity-based policy'),
    });
    await expect(identity(older)).resolves.toMatchObject({ Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/rotator/rotation` });
    const newer = await session(rotatorRole);
    await expect(iam(newer).send(new ListUserTagsCommand({ UserName: LIMITED }))).resolves.toBeDefined();
  });

  test('only a key admin may put it, and a broken document is MalformedPolicyDocument', async () => {
    const older = await session(rotatorRole);
    await expect(revoke(EXAMPLE_KEY, 'rotator', new Date(clock + 1000))).rejects.toMatchObject({ name: 'AccessDenied' });
    await expect(
      iam().send(new PutRolePolicyCommand({ RoleName: 'rotator', PolicyName: 'x', PolicyDocument: '{not json' })),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException' });

    await expect(iam(older).send(new ListUserTagsCommand({ UserName: LIMITED }))).resolves.toBeDefined();
  });
});

describe('newKeyDelayMs', () => {
  test('STS refuses a new key until the server clock passes the delay; older keys are unaffected', async () => {
    await server.close();
    await start({ newKeyDelayMs: 5000 });
    const created = await createKey();

    await expect(identity(created)).rejects.toMatchObject({ name: 'InvalidClientTokenId', $metadata: { httpStatusCode: 403 } });
    await expect(identity(EXAMPLE_KEY)).resolves.toBeDefined();
    clock += 4000;
    await expect(identity(created)).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
    clock += 1000;
    await expect(identity(created)).resolves.toMatchObject({ Arn: `arn:aws:iam::${ACCOUNT}:user/${LIMITED}` });
  });

  test('without it, a new key works at once', async () => {
    const created = await createKey();
    await expect(identity(created)).resolves.toBeDefined();
  });
});
