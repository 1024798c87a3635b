/**
 * The loopback STS/IAM server is only worth the end-to-end tests built on it if real AWS clients
 * accept it and it refuses what AWS refuses. These tests prove that with the AWS SDK for JavaScript v3
 * and, when installed, the AWS CLI (botocore, the credential chain SAM CLI uses).
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import http from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { GetAccessKeyLastUsedCommand, IAMClient, ListAccessKeysCommand, paginateListAccessKeys } from '@aws-sdk/client-iam';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { EXAMPLE_KEY as KEY, EXAMPLE_REGION as REGION } from '../../test/support/fixtures.js';

const ACCOUNT = '123456789012';
const USER = 'sam-cli-user';
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/${USER}`;

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let server: Server;
let roleArn: string;

beforeEach(async () => {
  server = await startAwsTestServer();
  server.addUser({ account: ACCOUNT, name: USER, selfIamRead: true });
  server.addAccessKey(USER, KEY);
  roleArn = server.addRole({ account: ACCOUNT, name: 'sam-deploy', trustedPrincipals: [USER_ARN] }).arn;
});

afterEach(async () => {
  await server.close();
});

function sts(credentials: Credentials) {
  return new STSClient({ region: REGION, endpoint: server.url, credentials, maxAttempts: 2 });
}

async function assumeDeployRole() {
  const answer = await sts(KEY).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'run-1-attempt-1' }));
  const { AccessKeyId, SecretAccessKey, SessionToken } = answer.Credentials ?? {};
  if (!AccessKeyId || !SecretAccessKey || !SessionToken) throw new Error('AssumeRole returned no credentials');
  return { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken };
}

describe('STS', () => {
  test('a correctly signed AssumeRole returns session credentials that GetCallerIdentity accepts', async () => {
    const answer = await sts(KEY).send(
      new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'run-1-attempt-1', DurationSeconds: 900 }),
    );

    expect(answer.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(answer.Credentials?.SecretAccessKey).toHaveLength(40);
    expect(answer.Credentials?.Expiration?.getTime()).toBeGreaterThan(Date.now() + 890_000);
    expect(answer.AssumedRoleUser?.Arn).toBe(`arn:aws:sts::${ACCOUNT}:assumed-role/sam-deploy/run-1-attempt-1`);
    expect(server.sessions).toMatchObject([{ callerArn: USER_ARN, roleArn, roleSessionName: 'run-1-attempt-1', region: REGION }]);

    const { AccessKeyId = '', SecretAccessKey = '', SessionToken } = answer.Credentials ?? {};
    const identity = await sts({ accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken }).send(
      new GetCallerIdentityCommand({}),
    );
    expect(identity).toMatchObject({ Account: ACCOUNT, Arn: answer.AssumedRoleUser?.Arn });
  });

  test('a wrong secret is SignatureDoesNotMatch', async () => {
    const wrongSecret = { ...KEY, secretAccessKey: `${KEY.secretAccessKey.slice(0, -1)}X` };
    await expect(sts(wrongSecret).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
  });

  test('an unknown and an inactive access key are InvalidClientTokenId', async () => {
    server.addAccessKey(USER, { accessKeyId: 'AKIAINACTIVE00000001', secretAccessKey: KEY.secretAccessKey, status: 'Inactive' });
    for (const accessKeyId of ['AKIAUNKNOWN000000001', 'AKIAINACTIVE00000001']) {
      await expect(sts({ ...KEY, accessKeyId }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: 'InvalidClientTokenId',
        message: 'The security token included in the request is invalid.',
      });
    }
  });

  test('a signed request whose body is changed afterwards is rejected', async () => {
    const client = sts(KEY);
    let signed: { method: string; path: string; headers: Record<string, string>; body: string } | undefined;
    client.middlewareStack.add(
      (next) => async (args) => {
        signed = args.request as typeof signed;
        return next(args);
      },
      { step: 'deserialize', name: 'captureSignedRequest' },
    );
    await client.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'honest-session' }));
    if (!signed) throw new Error('no request captured');

    const replayed = await sendRaw(signed);
    const tampered = await sendRaw({ ...signed, body: signed.body.replace('honest-session', 'forged-session') });

    expect(replayed.status).toBe(200);
    expect(tampered.status).toBe(403);
    expect(tampered.body).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  test('AccessDenied names the user and the role as AWS does', async () => {
    const untrusted = server.addRole({
      account: ACCOUNT,
      name: 'prod-admin',
      trustedPrincipals: [`arn:aws:iam::${ACCOUNT}:user/someone-else`],
    });
    await expect(sts(KEY).send(new AssumeRoleCommand({ RoleArn: untrusted.arn, RoleSessionName: 'run-1' }))).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: ${USER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${untrusted.arn}`,
      $metadata: { httpStatusCode: 403 },
    });
  });

  test('a client whose clock is 30 minutes off recovers through the Date header', async () => {
    await server.close();
    server = await startAwsTestServer({ now: () => new Date(Date.now() + 30 * 60_000) });
    server.addUser({ account: ACCOUNT, name: USER });
    server.addAccessKey(USER, KEY);

    const identity = await sts(KEY).send(new GetCallerIdentityCommand({}));

    expect(identity.Arn).toBe(USER_ARN);
    expect(server.requests.map((request) => request.errorCode)).toEqual(['SignatureDoesNotMatch', undefined]);
  });

  test('session credentials are ExpiredToken once the server clock passes their expiry', async () => {
    await server.close();
    let clock = Date.now();
    server = await startAwsTestServer({ now: () => new Date(clock) });
    server.addUser({ account: ACCOUNT, name: USER });
    server.addAccessKey(USER, KEY);
    roleArn = server.addRole({ account: ACCOUNT, name: 'sam-deploy', trustedPrincipals: [USER_ARN] }).arn;
    const session = await assumeDeployRole();

    clock += 3601_000;

    await expect(sts(session).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({ name: 'ExpiredToken' });
  });

  test('assumeRoleRateLimit throttles AssumeRole over its burst until the server clock refills a token', async () => {
    await server.close();
    let clock = Date.now();
    server = await startAwsTestServer({ now: () => new Date(clock), assumeRoleRateLimit: { perSecond: 1, burst: 2 } });
    server.addUser({ account: ACCOUNT, name: USER });
    server.addAccessKey(USER, KEY);
    roleArn = server.addRole({ account: ACCOUNT, name: 'sam-deploy', trustedPrincipals: [USER_ARN] }).arn;
    const oneAttempt = new STSClient({ region: REGION, endpoint: server.url, credentials: KEY, maxAttempts: 1 });
    const assume = () => oneAttempt.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'run-1-attempt-1' }));

    await assume();
    await assume();
    await expect(assume()).rejects.toMatchObject({ name: 'Throttling', message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
    await expect(oneAttempt.send(new GetCallerIdentityCommand({}))).resolves.toMatchObject({ Arn: USER_ARN });
    clock += 1000;
    await assume();
    await expect(assume()).rejects.toMatchObject({ name: 'Throttling' });

    expect(server.requests.map(({ action, status, errorCode }) => [action, status, errorCode])).toEqual([
      ['AssumeRole', 200, undefined],
      ['AssumeRole', 200, undefined],
      ['AssumeRole', 400, 'Throttling'],
      ['GetCallerIdentity', 200, undefined],
      ['AssumeRole', 200, undefined],
      ['AssumeRole', 400, 'Throttling'],
    ]);
    expect(server.sessions).toHaveLength(3);
  });
});

describe('IAM', () => {
  function iam() {
    return new IAMClient({ region: 'us-east-1', endpoint: server.url, credentials: KEY });
  }

  test('ListAccessKeys paginates with Marker and IsTruncated', async () => {
    server.addAccessKey(USER, { accessKeyId: 'AKIASECONDKEY0000001', secretAccessKey: KEY.secretAccessKey, status: 'Inactive' });

    const firstPage = await iam().send(new ListAccessKeysCommand({}));
    const ids: string[] = [];
    for await (const page of paginateListAccessKeys({ client: iam() }, {})) {
      ids.push(...(page.AccessKeyMetadata ?? []).map((key) => key.AccessKeyId ?? ''));
    }

    expect(firstPage).toMatchObject({
      IsTruncated: true,
      AccessKeyMetadata: [{ UserName: USER, AccessKeyId: KEY.accessKeyId, Status: 'Active' }],
    });
    expect(firstPage.Marker).toEqual(expect.any(String));
    expect(ids).toEqual([KEY.accessKeyId, 'AKIASECONDKEY0000001']);
  });

  test("a role session reads a user's keys only when the role's policy names that user (readsKeysOf), and must name the user", async () => {
    server.addUser({ account: ACCOUNT, name: 'other-user' });
    const watcher = server.addRole({ account: ACCOUNT, name: 'watcher', trustedPrincipals: [USER_ARN], readsKeysOf: [USER] }).arn;
    const answer = await sts(KEY).send(new AssumeRoleCommand({ RoleArn: watcher, RoleSessionName: 'key-age' }));
    const session = {
      accessKeyId: answer.Credentials!.AccessKeyId!,
      secretAccessKey: answer.Credentials!.SecretAccessKey!,
      sessionToken: answer.Credentials!.SessionToken!,
    };
    const asWatcher = new IAMClient({ region: 'us-east-1', endpoint: server.url, credentials: session, maxAttempts: 1 });

    expect(await asWatcher.send(new ListAccessKeysCommand({ UserName: USER }))).toMatchObject({
      AccessKeyMetadata: [{ UserName: USER, AccessKeyId: KEY.accessKeyId }],
    });
    expect(await asWatcher.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: KEY.accessKeyId }))).toMatchObject({ UserName: USER });
    await expect(asWatcher.send(new ListAccessKeysCommand({}))).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(asWatcher.send(new ListAccessKeysCommand({ UserName: 'other-user' }))).rejects.toMatchObject({ name: 'AccessDenied' });
    // The deploy role's sessions (no readsKeysOf) read nobody's keys.
    const deploy = new IAMClient({ region: 'us-east-1', endpoint: server.url, credentials: await assumeDeployRole(), maxAttempts: 1 });
    await expect(deploy.send(new ListAccessKeysCommand({ UserName: USER }))).rejects.toMatchObject({ name: 'AccessDenied' });
  });

  test('a key never used reads N/A and has no LastUsedDate', async () => {
    const answer = await iam().send(new GetAccessKeyLastUsedCommand({ AccessKeyId: KEY.accessKeyId }));
    expect(answer.UserName).toBe(USER);
    expect(answer.AccessKeyLastUsed).toEqual({ ServiceName: 'N/A', Region: 'N/A' });
  });
});

const awsCliInstalled = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;

const testWithAwsCli = testWithTool(awsCliInstalled, { requireVariable: 'REQUIRE_AWS_CLI', missing: 'the AWS CLI (aws) is not installed' });

testWithAwsCli('the AWS CLI accepts session credentials from the environment', async () => {
  const session = await assumeDeployRole();
  const home = await mkdtemp(path.join(tmpdir(), 'aws-cli-home-'));
  try {
    // Asynchronous on purpose: the server answering the CLI runs in this process.
    const { stdout } = await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'], {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        AWS_ACCESS_KEY_ID: session.accessKeyId,
        AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
        AWS_SESSION_TOKEN: session.sessionToken,
        AWS_DEFAULT_REGION: REGION,
        AWS_CONFIG_FILE: path.join(home, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'no-credentials'),
      },
    });
    expect(JSON.parse(stdout)).toMatchObject({ Account: ACCOUNT, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/sam-deploy/run-1-attempt-1` });
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

function sendRaw(request: { method: string; path: string; headers: Record<string, string>; body: string }) {
  const { port } = new URL(server.url);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: request.method, path: request.path, headers: request.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(request.body);
  });
}
