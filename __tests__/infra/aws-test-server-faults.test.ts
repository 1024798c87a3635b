/**
 * The AWS test server's `injectFault`, which every retry, deadline and failure test builds on: each
 * kind answers as AWS (or a broken network) does, a fault is used once (or `times` times) and in
 * the order injected, and only by the action it names, before authentication.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as KEY, EXAMPLE_REGION as REGION } from '../../test/support/fixtures.js';

type FaultKind = 'throttle' | 'server-error' | 'unavailable';

const USER = 'deploy-user';
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/${USER}`;

let server: Awaited<ReturnType<typeof startAwsTestServer>>;
let roleArn: string;

beforeEach(async () => {
  server = await startAwsTestServer();
  server.addUser({ account: ACCOUNT, name: USER });
  server.addAccessKey(USER, KEY);
  roleArn = server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [USER_ARN] }).arn;
});

afterEach(async () => {
  await server.close();
});

/** One attempt per call, so each fault shows as the SDK sees it. */
const sts = () => new STSClient({ region: REGION, endpoint: server.url, credentials: KEY, maxAttempts: 1 });
const assumeRole = (client = sts()) => client.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'run-1' }));
const callerIdentity = (client = sts()) => client.send(new GetCallerIdentityCommand({}));

/** An unsigned query-protocol call, for what the SDK would hide (the raw answer, a reset). */
const unsigned = (action: string, signal?: AbortSignal) =>
  fetch(server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `Action=${action}&Version=2011-06-15`,
    signal,
  });

const recorded = () => server.requests.map(({ action, status, errorCode, fault }) => ({ action, status, errorCode, fault }));

describe('each fault kind', () => {
  test.each<[FaultKind, number, string, string]>([
    ['throttle', 400, 'Throttling', 'Rate exceeded'],
    ['server-error', 500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'],
    ['unavailable', 503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'],
  ])("%s is AWS's %i %s", async (kind, status, code, message) => {
    server.injectFault('AssumeRole', { kind });

    await expect(assumeRole()).rejects.toMatchObject({ name: code, message, $metadata: { httpStatusCode: status } });
    expect(recorded()).toEqual([{ action: 'AssumeRole', status, errorCode: code, fault: kind }]);
    expect(server.sessions).toEqual([]);
  });

  test('reset destroys the socket: no answer, recorded without a status', async () => {
    server.injectFault('GetCallerIdentity', { kind: 'reset' });

    await expect(unsigned('GetCallerIdentity')).rejects.toThrow();
    expect(recorded()).toEqual([{ action: 'GetCallerIdentity', status: undefined, errorCode: undefined, fault: 'reset' }]);
  });

  test('malformed answers 200 with XML cut off inside the credentials, which the SDK cannot read', async () => {
    server.injectFault('AssumeRole', { kind: 'malformed' });
    const raw = await unsigned('AssumeRole');
    const body = await raw.text();

    expect(raw.status).toBe(200);
    expect(body).toMatch(/<AssumeRoleResult><Credentials><AccessKeyId>$/);
    server.injectFault('AssumeRole', { kind: 'malformed' });
    await expect(assumeRole()).rejects.toThrow();
    expect(server.sessions).toEqual([]);
  });

  test('delay answers normally after delayMs', async () => {
    server.injectFault('AssumeRole', { kind: 'delay', delayMs: 20 });

    await expect(assumeRole()).resolves.toMatchObject({ AssumedRoleUser: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/run-1` } });
    expect(recorded()).toEqual([{ action: 'AssumeRole', status: 200, errorCode: undefined, fault: 'delay' }]);
  });

  test("a delay longer than the client's deadline ends the attempt, and the server stays usable", async () => {
    server.injectFault('AssumeRole', { kind: 'delay', delayMs: 30_000 });

    await expect(unsigned('AssumeRole', AbortSignal.timeout(200))).rejects.toMatchObject({ name: 'TimeoutError' });
    await expect(assumeRole()).resolves.toBeDefined();
    expect(recorded().map(({ fault, status }) => [fault, status])).toEqual([
      ['delay', undefined],
      [undefined, 200],
    ]);
  });
});

describe('which calls a fault applies to', () => {
  test('faults are used once each, in the order injected, then calls succeed', async () => {
    server.injectFault('AssumeRole', { kind: 'throttle' });
    server.injectFault('AssumeRole', { kind: 'unavailable' });

    await expect(assumeRole()).rejects.toMatchObject({ name: 'Throttling' });
    await expect(assumeRole()).rejects.toMatchObject({ name: 'ServiceUnavailable' });
    await expect(assumeRole()).resolves.toBeDefined();
    expect(recorded().map(({ fault, status }) => [fault, status])).toEqual([
      ['throttle', 400],
      ['unavailable', 503],
      [undefined, 200],
    ]);
  });

  test('times uses a fault that many times before the next one', async () => {
    server.injectFault('AssumeRole', { kind: 'server-error', times: 2 });
    server.injectFault('AssumeRole', { kind: 'throttle' });

    for (const expected of ['InternalFailure', 'InternalFailure', 'Throttling'])
      await expect(assumeRole()).rejects.toMatchObject({ name: expected });
    await expect(assumeRole()).resolves.toBeDefined();
  });

  test('a fault applies to the action it names only, and waits for it', async () => {
    server.injectFault('AssumeRole', { kind: 'throttle' });

    await expect(callerIdentity()).resolves.toMatchObject({ Arn: USER_ARN });
    await expect(callerIdentity()).resolves.toMatchObject({ Arn: USER_ARN });
    await expect(assumeRole()).rejects.toMatchObject({ name: 'Throttling' });
    expect(recorded().map(({ action, fault }) => [action, fault])).toEqual([
      ['GetCallerIdentity', undefined],
      ['GetCallerIdentity', undefined],
      ['AssumeRole', 'throttle'],
    ]);
  });

  test('a fault is acted out before authentication: an unsigned call gets it instead of MissingAuthenticationToken', async () => {
    server.injectFault('GetCallerIdentity', { kind: 'unavailable' });

    const faulted = await unsigned('GetCallerIdentity');
    const next = await unsigned('GetCallerIdentity');

    expect(faulted.status).toBe(503);
    expect(await faulted.text()).toContain('<Code>ServiceUnavailable</Code>');
    expect(next.status).toBe(403);
    expect(await next.text()).toContain('<Code>MissingAuthenticationToken</Code>');
  });
});
