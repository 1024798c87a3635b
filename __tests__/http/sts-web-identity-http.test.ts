/**
 * The keyless STS adapter against the real SDK serialization, with nock answering as STS does:
 * the call goes unsigned, with no credential chain consulted; credentials are masked; the retry
 * policy covers the call and, with its own deadlines, the token request.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { CallFailed, type RetryClock, type RetryPolicy } from '../../src/shared/retry.js';
import {
  assumeRoleWithWebIdentity,
  createWebIdentityStsClient,
  requestIdToken,
  type WebIdentityCallOptions,
} from '../../src/adapters/sts-web-identity.js';

// nock's interceptor patches node:http for the whole worker; later files in it must get the real one.
afterAll(() => nock.restore());

const REGION = 'eu-west-1';
const STS = `https://sts.${REGION}.amazonaws.com`;
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm8vcjpyZWY6cmVmcy9oZWFkcy9tYWluIn0.c2lnbmF0dXJl';
const REQUEST = {
  RoleArn: 'arn:aws:iam::111122223333:role/deploy',
  RoleSessionName: 'gha-1-1@o.r',
  WebIdentityToken: TOKEN,
  DurationSeconds: 3600,
};
const POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 300, maxDelayMs: 5000, attemptTimeoutMs: 2000, totalBudgetMs: 30000 };
const instantClock: RetryClock = { now: () => Date.now(), sleep: async () => undefined, random: () => 0 };

function options(masked: string[] = []): WebIdentityCallOptions {
  return { mask: (value) => masked.push(value), policy: POLICY, clock: instantClock, onRetry: () => undefined };
}

const errorXml = (code: string, message: string) =>
  `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>c6104cbe</RequestId></ErrorResponse>`;

const SUCCESS_XML = `<AssumeRoleWithWebIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleWithWebIdentityResult>
<SubjectFromWebIdentityToken>repo:o/r:ref:refs/heads/main</SubjectFromWebIdentityToken><Audience>sts.amazonaws.com</Audience>
<AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/deploy/gha-1-1@o.r</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:gha-1-1@o.r</AssumedRoleId></AssumedRoleUser>
<Credentials><AccessKeyId>ASIAJEXAMPLEXEG2JICEA</AccessKeyId><SecretAccessKey>9drTJvcXLB89EXAMPLELB8923FB892xMFI</SecretAccessKey>
<SessionToken>IQoJb3JpZ2luX2VjEXAMPLETOKEN</SessionToken><Expiration>2026-11-24T11:00:00Z</Expiration></Credentials>
<Provider>arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com</Provider>
</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>c6104cbe</RequestId></ResponseMetadata></AssumeRoleWithWebIdentityResponse>`;

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('assumeRoleWithWebIdentity', () => {
  test('sends the token unsigned, though keys from an earlier step are in the environment, and masks every credential', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    let headers: Record<string, unknown> = {};
    let body = '';
    nock(STS)
      .post('/', (sent: string) => ((body = sent), true))
      .reply(function reply() {
        headers = this.req.headers;
        return [200, SUCCESS_XML];
      });
    const masked: string[] = [];
    try {
      const assumed = await assumeRoleWithWebIdentity(await createWebIdentityStsClient(REGION, {}), REQUEST, options(masked));
      expect(assumed).toMatchObject({
        assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/deploy/gha-1-1@o.r',
        account: '111122223333',
        sessionName: 'gha-1-1@o.r',
      });
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
    }
    expect(headers.authorization).toBeUndefined();
    expect(headers['x-amz-security-token']).toBeUndefined();
    expect(new URLSearchParams(body).get('Action')).toBe('AssumeRoleWithWebIdentity');
    expect(new URLSearchParams(body).get('WebIdentityToken')).toBe(TOKEN);
    expect(masked).toEqual(['ASIAJEXAMPLEXEG2JICEA', '9drTJvcXLB89EXAMPLELB8923FB892xMFI', 'IQoJb3JpZ2luX2VjEXAMPLETOKEN']);
  });

  test('retries throttling, then succeeds: still one logical call', async () => {
    nock(STS).post('/').reply(400, errorXml('Throttling', 'Rate exceeded')).post('/').reply(200, SUCCESS_XML);
    await expect(assumeRoleWithWebIdentity(await createWebIdentityStsClient(REGION, {}), REQUEST, options())).resolves.toMatchObject({
      account: '111122223333',
    });
    expect(nock.isDone()).toBe(true);
  });

  test.each([
    ['AccessDenied', 403, 'Not authorized to perform sts:AssumeRoleWithWebIdentity'],
    ['InvalidIdentityToken', 400, 'No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com'],
    ['ExpiredTokenException', 400, 'Token expired: current date/time 1764600400 must be before the expiration date/time1764600300'],
  ])('%s fails at once, never retried', async (code, status, message) => {
    const scope = nock(STS).post('/').once().reply(status, errorXml(code, message));
    const error = await assumeRoleWithWebIdentity(await createWebIdentityStsClient(REGION, {}), REQUEST, options()).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(CallFailed);
    expect(error).toMatchObject({ reason: 'permanent', attempts: 1, failure: { code, message } });
    expect(scope.isDone()).toBe(true);
  });
});

describe('requestIdToken', () => {
  test('retries a failing token service with a deadline per attempt, and masks the token', async () => {
    const deadlines: number[] = [];
    let calls = 0;
    const masked: string[] = [];
    const token = await requestIdToken(
      async (audience, timeoutMs) => {
        deadlines.push(timeoutMs);
        calls += 1;
        if (audience !== 'sts.amazonaws.com') throw new Error('wrong audience');
        if (calls === 1) throw new Error('Error message: Failed to get ID Token. \n Error Code : 503\n Error Message: unavailable');
        if (calls === 2) throw new Error('Error message: connect ECONNREFUSED 127.0.0.1:1');
        return TOKEN;
      },
      'sts.amazonaws.com',
      options(masked),
    );
    expect(token).toBe(TOKEN);
    expect(calls).toBe(3);
    expect(deadlines.every((ms) => ms > 0 && ms <= POLICY.attemptTimeoutMs)).toBe(true);
    expect(masked).toEqual([TOKEN]);
  });

  test('a refusal (HTTP 401) is not retried', async () => {
    let calls = 0;
    const error = await requestIdToken(
      async () => {
        calls += 1;
        throw new Error('Error message: Failed to get ID Token. \n Error Code : 401\n Error Message: Unauthorized');
      },
      'sts.amazonaws.com',
      options(),
    ).catch((caught: unknown) => caught);
    expect(calls).toBe(1);
    expect(error).toMatchObject({ reason: 'permanent', failure: { httpStatus: 401 } });
  });
});
