/**
 * The STS shell against the real SDK serialization, with nock answering as STS does:
 * which errors are retried and how often, and what the user reads for each STS error code.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { explainAssumeRoleFailure, type AssumeRoleContext } from '../../src/assume-role/messages/assume-role-failures.js';
import { CallFailed, type RetryPolicy } from '../../src/shared/retry.js';
import { assumeRole, createStsClient, type CallOptions } from '../../src/adapters/sts.js';
import {
  EXAMPLE_KEY,
  EXAMPLE_REGION as REGION,
  EXAMPLE_ROLE_ARN as ROLE_ARN,
  INSTANT_CLOCK as instantClock,
} from '../../test/support/fixtures.js';

// nock's interceptor patches node:http for the whole worker; later files in it must get the real one.
afterAll(() => nock.restore());

const STS = `https://sts.${REGION}.amazonaws.com`;
const KEYS = { ...EXAMPLE_KEY, region: REGION };
const USER_ARN = 'arn:aws:iam::111122223333:user/sam-cli-user';
const REQUEST = { RoleArn: ROLE_ARN, RoleSessionName: 'gha-1-1@o.r', DurationSeconds: 3600 };
const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 300, maxDelayMs: 5000, attemptTimeoutMs: 2000, totalBudgetMs: 30000 };

function options(masked: string[] = []): CallOptions {
  return { mask: (value) => masked.push(value), policy: POLICY, clock: instantClock, onRetry: () => undefined };
}

function errorXml(code: string, message: string, type = 'Sender'): string {
  return `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>`;
}

const SUCCESS_XML = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/deploy/gha-1-1@o.r</Arn><AssumedRoleId>AROA3XFRBF535PLBIFPI4:gha-1-1@o.r</AssumedRoleId></AssumedRoleUser>
<Credentials><AccessKeyId>ASIAJEXAMPLEXEG2JICEA</AccessKeyId><SecretAccessKey>9drTJvcXLB89EXAMPLELB8923FB892xMFI</SecretAccessKey>
<SessionToken>IQoJb3JpZ2luX2VjEXAMPLETOKEN</SessionToken><Expiration>2026-11-24T11:00:00Z</Expiration></Credentials>
</AssumeRoleResult><ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata></AssumeRoleResponse>`;

const CONTEXT: AssumeRoleContext = {
  call: 'STS AssumeRole',
  region: REGION,
  partition: 'aws',
  accessKeyId: KEYS.accessKeyId,
  secrets: [KEYS.secretAccessKey],
  roleArn: ROLE_ARN,
  roleName: 'deploy',
  durationSeconds: 3600,
  sessionTags: false,
  sourceIdentity: false,
  externalId: false,
};

/** Runs AssumeRole and returns the message the user would read, or fails the test. */
async function failureMessage(context: Partial<AssumeRoleContext> = {}): Promise<{ message: string; failed: CallFailed }> {
  try {
    await assumeRole(await createStsClient(KEYS, process.env), REQUEST, options());
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    return { message: explainAssumeRoleFailure(error, { ...CONTEXT, ...context }), failed: error };
  }
  throw new Error('AssumeRole succeeded');
}

beforeEach(() => {
  nock.disableNetConnect();
  delete process.env.AWS_ENDPOINT_URL_STS;
  delete process.env.AWS_ENDPOINT_URL;
});

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  nock.enableNetConnect();
});

describe('AssumeRole over HTTP', () => {
  test("calls the regional endpoint once, signed with the user's key, and masks every credential before returning", async () => {
    let authorization = '';
    let body = '';
    const scope = nock(STS)
      .post('/', (sent) => {
        body = new URLSearchParams(sent as string).toString();
        return true;
      })
      .reply(function reply() {
        authorization = String(this.req.headers.authorization);
        return [200, SUCCESS_XML, { 'content-type': 'text/xml' }];
      });
    const masked: string[] = [];
    const assumed = await assumeRole(await createStsClient(KEYS, process.env), REQUEST, options(masked));
    expect(scope.isDone()).toBe(true);
    expect(authorization).toContain(`Credential=${KEYS.accessKeyId}/`);
    expect(authorization).toContain(`/${REGION}/sts/aws4_request`);
    expect(new URLSearchParams(body).get('Action')).toBe('AssumeRole');
    expect(new URLSearchParams(body).get('RoleArn')).toBe(ROLE_ARN);
    expect(masked).toEqual(['ASIAJEXAMPLEXEG2JICEA', '9drTJvcXLB89EXAMPLELB8923FB892xMFI', 'IQoJb3JpZ2luX2VjEXAMPLETOKEN']);
    expect(assumed).toMatchObject({ account: '111122223333', assumedRoleArn: 'arn:aws:sts::111122223333:assumed-role/deploy/gha-1-1@o.r' });
    expect(assumed.credentials.expiration.toISOString()).toBe('2026-11-24T11:00:00.000Z');
  });

  test('honours AWS_ENDPOINT_URL_STS over the regional endpoint', async () => {
    process.env.AWS_ENDPOINT_URL_STS = 'https://sts-vpce.example.internal';
    const scope = nock('https://sts-vpce.example.internal').post('/').reply(200, SUCCESS_XML);
    await assumeRole(await createStsClient(KEYS, process.env), REQUEST, options());
    expect(scope.isDone()).toBe(true);
  });

  test.each([
    ['throttling', 400, errorXml('Throttling', 'Rate exceeded')],
    ['HTTP 500', 500, errorXml('InternalFailure', 'An internal error occurred', 'Receiver')],
    ['HTTP 503', 503, errorXml('ServiceUnavailable', 'Service unavailable', 'Receiver')],
    ['a body that is not XML', 200, '<html>proxy error'],
  ])('retries %s and succeeds on the next attempt', async (_label, status, body) => {
    const scope = nock(STS).post('/').times(2).reply(status, body).post('/').reply(200, SUCCESS_XML);
    await expect(assumeRole(await createStsClient(KEYS, process.env), REQUEST, options())).resolves.toMatchObject({
      account: '111122223333',
    });
    expect(scope.isDone()).toBe(true);
  });

  test('gives an attempt no longer than its timeout, then retries', async () => {
    const scope = nock(STS).post('/').delay(5000).reply(200, SUCCESS_XML).post('/').reply(200, SUCCESS_XML);
    const shortAttempts = { ...options(), policy: { ...POLICY, attemptTimeoutMs: 200 } };
    await assumeRole(await createStsClient(KEYS, process.env), REQUEST, shortAttempts);
    expect(scope.isDone()).toBe(true);
  });

  test('stops after retry-max-attempts and says the trouble is usually temporary', async () => {
    const scope = nock(STS)
      .post('/')
      .times(4)
      .reply(503, errorXml('ServiceUnavailable', 'Service is unavailable', 'Receiver'));
    const { message, failed } = await failureMessage();
    expect(scope.isDone()).toBe(true);
    expect(failed.attempts).toBe(4);
    expect(message).toMatch(
      /^STS AssumeRole failed 4 times in [\d.]+ s, and no attempts are left \(retry-max-attempts\)\. This is usually temporary/,
    );
    expect(message).toContain('Last error: ServiceUnavailable: Service is unavailable');
  });

  test("throttling is retried past retry-max-attempts: STS's 400 Throttling six times, then the credentials", async () => {
    const scope = nock(STS).post('/').times(6).reply(400, errorXml('Throttling', 'Rate exceeded')).post('/').reply(200, SUCCESS_XML);
    const assumed = await assumeRole(await createStsClient(KEYS, process.env), REQUEST, options());
    expect(scope.isDone()).toBe(true);
    expect(assumed.credentials.accessKeyId).toMatch(/^ASIA/);
  });

  test('after a clock-skew error, retries once with the clock the SDK corrected from the Date header', async () => {
    const skewed = new Date(Date.now() + 60 * 60 * 1000).toUTCString();
    const scope = nock(STS)
      .post('/')
      .reply(
        403,
        errorXml(
          'SignatureDoesNotMatch',
          'Signature expired: 20261124T100000Z is now earlier than 20261124T104500Z (20261124T110000Z - 15 min.)',
        ),
        { Date: skewed },
      )
      .post('/')
      .reply(200, SUCCESS_XML);
    await assumeRole(await createStsClient(KEYS, process.env), REQUEST, options());
    expect(scope.isDone()).toBe(true);
  });
});

describe('what the user reads for each STS error, after exactly one attempt', () => {
  async function permanent(status: number, code: string, awsMessage: string, context: Partial<AssumeRoleContext> = {}) {
    const scope = nock(STS).post('/').reply(status, errorXml(code, awsMessage));
    const result = await failureMessage(context);
    expect(scope.isDone()).toBe(true);
    expect(result.failed.attempts).toBe(1);
    expect(nock.pendingMocks()).toEqual([]);
    return result.message;
  }

  test('InvalidClientTokenId: the key id is unknown to AWS', async () => {
    const message = await permanent(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    expect(message).toBe(
      "AWS does not know the access key id in aws-access-key-id (AKIA…MPLE): the key was deleted or deactivated, or it belongs to another partition than aws-region's (aws). Create a new access key for the limited IAM user and store it where the workflow reads it (the guide's: gh secret set --env production). AWS said: InvalidClientTokenId: The security token included in the request is invalid.",
    );
  });

  test('SignatureDoesNotMatch: the secret does not belong to the key id', async () => {
    const message = await permanent(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    );
    expect(message).toContain('The secret in aws-secret-access-key does not belong to the access key id AKIA…MPLE');
    expect(message).toContain('Copy the secret access key again, whole');
  });

  test('AccessDenied: the trust-policy statement to add, filled in with the user and the role', async () => {
    const message = await permanent(
      403,
      'AccessDenied',
      `User: ${USER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`,
    );
    expect(message).toContain(
      `${USER_ARN} may not assume ${ROLE_ARN}. Add this statement to the role's trust policy (IAM console → Roles → deploy → Trust relationships): `,
    );
    expect(message).toContain(`{"Effect":"Allow","Principal":{"AWS":"${USER_ARN}"},"Action":"sts:AssumeRole"}`);
  });

  test('AccessDenied with session tags on: the statement includes sts:TagSession', async () => {
    const message = await permanent(
      403,
      'AccessDenied',
      `User: ${USER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`,
      { sessionTags: true },
    );
    expect(message).toContain('"Action":["sts:AssumeRole","sts:TagSession"]');
  });

  test('AccessDenied naming sts:TagSession: add it to the trust policy or turn session-tags off', async () => {
    const message = await permanent(
      403,
      'AccessDenied',
      `User: ${USER_ARN} is not authorized to perform: sts:TagSession on resource: ${ROLE_ARN}`,
      { sessionTags: true },
    );
    expect(message).toContain('Add "sts:TagSession" to the Action of the statement that trusts the user, or set session-tags: false.');
  });

  test('AccessDenied naming sts:SetSourceIdentity: add it to the trust policy or drop source-identity', async () => {
    const message = await permanent(
      403,
      'AccessDenied',
      `User: ${USER_ARN} is not authorized to perform: sts:SetSourceIdentity on resource: ${ROLE_ARN}`,
      { sourceIdentity: true },
    );
    expect(message).toContain(
      'Add "sts:SetSourceIdentity" to the Action of the statement that trusts the user, or remove source-identity.',
    );
  });

  test('ValidationError on the duration: raise MaxSessionDuration or ask for less', async () => {
    const message = await permanent(
      400,
      'ValidationError',
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      { durationSeconds: 7200 },
    );
    expect(message).toContain('role-duration-seconds is 7200, more than the MaxSessionDuration of arn:aws:iam::111122223333:role/deploy');
    expect(message).toContain('aws iam update-role --role-name deploy --max-session-duration 7200');
  });

  test('RegionDisabledException: STS is not active in the region', async () => {
    const message = await permanent(
      403,
      'RegionDisabledException',
      'STS is not activated in this region for account:111122223333. Your account administrator can activate STS in this region using the IAM Console.',
    );
    expect(message).toMatch(/^STS is not active in eu-west-1 for this account\. Activate it \(IAM console → Account settings/);
  });

  test('ExpiredToken: the keys are temporary credentials that expired', async () => {
    const message = await permanent(400, 'ExpiredToken', 'The security token included in the request is expired');
    expect(message).toContain("Store the limited IAM user's own long-lived access key (AKIA…)");
  });

  test("clock skew the SDK cannot correct: fix the runner's clock", async () => {
    const message = await permanent(
      403,
      'SignatureDoesNotMatch',
      'Signature expired: 20261124T100000Z is now earlier than 20261124T104500Z (20261124T110000Z - 15 min.)',
    );
    expect(message).toContain("this machine's clock differs from AWS's by more than AWS allows");
  });

  test('MalformedPolicyDocument and PackedPolicyTooLarge point at the session policy inputs', async () => {
    expect(await permanent(400, 'MalformedPolicyDocument', 'Syntax errors in policy.')).toContain(
      'fix inline-session-policy or managed-session-policies',
    );
    expect(await permanent(400, 'PackedPolicyTooLarge', 'Packed policy consumes 104% of allotted space')).toContain(
      'shorten inline-session-policy',
    );
  });

  test('an error AWS sends with a line break and a secret in it is printed on one line, without the secret', async () => {
    const message = await permanent(400, 'SomethingNew', `first line\n::warning::injected ${KEYS.secretAccessKey}`);
    expect(message).toBe(
      'STS AssumeRole failed and trying again would not help. AWS said: SomethingNew: first line ::warning::injected ***',
    );
  });
});
