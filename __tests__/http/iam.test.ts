/**
 * The key-age IAM shell against the real SDK serialization, with nock answering as IAM does:
 * the partition's global endpoint and signing region, every page of ListAccessKeys, last use,
 * retries of errors that heal and none of those that cannot.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { CallFailed, type RetryNotice, type RetryPolicy } from '../../src/shared/retry.js';
import { lastUseOf } from '../../src/key-age/key-findings.js';
import { accessKeyLastUse, createIamClient, listOwnAccessKeys, type IamCallOptions } from '../../src/adapters/iam.js';
import { EXAMPLE_KEY, INSTANT_CLOCK as instantClock } from '../../test/support/fixtures.js';

// nock's interceptor patches node:http for the whole worker; later files in it must get the real one.
afterAll(() => nock.restore());

const KEYS = { ...EXAMPLE_KEY, partition: 'aws' as const };
const IAM = 'https://iam.amazonaws.com';
const POLICY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 300, maxDelayMs: 5000, attemptTimeoutMs: 2000, totalBudgetMs: 30000 };
const NS = 'https://iam.amazonaws.com/doc/2010-05-08/';

function options(retries: RetryNotice[] = []): IamCallOptions {
  return { policy: POLICY, clock: instantClock, onRetry: (notice) => retries.push(notice) };
}

function member(id: string, status: string, created: string): string {
  return `<member><UserName>sam-cli-user</UserName><AccessKeyId>${id}</AccessKeyId><Status>${status}</Status><CreateDate>${created}</CreateDate></member>`;
}

function listXml(members: string[], marker?: string): string {
  return (
    `<ListAccessKeysResponse xmlns="${NS}"><ListAccessKeysResult><UserName>sam-cli-user</UserName><AccessKeyMetadata>${members.join('')}</AccessKeyMetadata>` +
    `<IsTruncated>${marker ? 'true' : 'false'}</IsTruncated>${marker ? `<Marker>${marker}</Marker>` : ''}</ListAccessKeysResult>` +
    '<ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata></ListAccessKeysResponse>'
  );
}

function errorXml(code: string, message: string, type = 'Sender'): string {
  return `<ErrorResponse xmlns="${NS}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>7a62c49f</RequestId></ErrorResponse>`;
}

const XML = { 'content-type': 'text/xml' };

interface Seen {
  params: URLSearchParams;
  authorization: string;
}

/** Answers one IAM request at `origin`, recording what was sent. */
function answer(origin: string, seen: Seen[], status: number, body: string) {
  return nock(origin)
    .post('/')
    .reply(function reply(_uri, sent) {
      seen.push({ params: new URLSearchParams(sent as string), authorization: String(this.req.headers.authorization) });
      return [status, body, XML];
    });
}

beforeEach(() => {
  nock.disableNetConnect();
  delete process.env.AWS_ENDPOINT_URL_IAM;
  delete process.env.AWS_ENDPOINT_URL;
});

afterEach(() => {
  nock.abortPendingRequests();
  nock.cleanAll();
  nock.enableNetConnect();
  delete process.env.AWS_ENDPOINT_URL_IAM;
});

describe('ListAccessKeys over HTTP', () => {
  test("an answer with a key id not shaped like AWS's (a line break in it) is refused, not printed", async () => {
    answer(IAM, [], 200, listXml([member('AKIAOLDKEY000000AAAA\n::error::x', 'Active', '2025-12-01T10:00:00Z')]));
    await expect(listOwnAccessKeys(await createIamClient(KEYS, process.env), options())).rejects.toThrow(
      "IAM ListAccessKeys answered without access key ids and dates shaped like AWS's",
    );
  });

  test("asks for the caller's own keys on the global endpoint, signed for us-east-1, and follows every page", async () => {
    const seen: Seen[] = [];
    answer(IAM, seen, 200, listXml([member('AKIAOLDKEY000000AAAA', 'Active', '2025-12-01T10:00:00Z')], 'cGFnZTI='));
    answer(IAM, seen, 200, listXml([member('AKIANEWKEY000000BBBB', 'Inactive', '2026-02-01T10:00:00Z')]));
    const own = await listOwnAccessKeys(await createIamClient(KEYS, process.env), options());
    expect(own).toEqual({
      userName: 'sam-cli-user',
      keys: [
        { accessKeyId: 'AKIAOLDKEY000000AAAA', status: 'Active', createDate: new Date('2025-12-01T10:00:00Z') },
        { accessKeyId: 'AKIANEWKEY000000BBBB', status: 'Inactive', createDate: new Date('2026-02-01T10:00:00Z') },
      ],
    });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.params.get('Action')).toBe('ListAccessKeys');
    expect(seen[0]?.params.has('UserName')).toBe(false);
    expect(seen[0]?.params.has('Marker')).toBe(false);
    expect(seen[1]?.params.get('Marker')).toBe('cGFnZTI=');
    for (const request of seen) expect(request.authorization).toContain(`Credential=${KEYS.accessKeyId}/`);
    for (const request of seen) expect(request.authorization).toContain('/us-east-1/iam/aws4_request');
  });

  test('in aws-cn, calls the China IAM endpoint signed for cn-north-1', async () => {
    const seen: Seen[] = [];
    answer('https://iam.cn-north-1.amazonaws.com.cn', seen, 200, listXml([]));
    await listOwnAccessKeys(await createIamClient({ ...KEYS, partition: 'aws-cn' }, process.env), options());
    expect(seen[0]?.authorization).toContain('/cn-north-1/iam/aws4_request');
  });

  test('in aws-us-gov, signs for us-gov-west-1', async () => {
    const seen: Seen[] = [];
    answer('https://iam.us-gov.amazonaws.com', seen, 200, listXml([]));
    await listOwnAccessKeys(await createIamClient({ ...KEYS, partition: 'aws-us-gov' }, process.env), options());
    expect(seen[0]?.authorization).toContain('/us-gov-west-1/iam/aws4_request');
  });

  test("honours AWS_ENDPOINT_URL_IAM and still signs for the partition's IAM region", async () => {
    process.env.AWS_ENDPOINT_URL_IAM = 'https://iam.example.test';
    const seen: Seen[] = [];
    answer('https://iam.example.test', seen, 200, listXml([]));
    await listOwnAccessKeys(await createIamClient(KEYS, process.env), options());
    expect(seen[0]?.authorization).toContain('/us-east-1/iam/aws4_request');
  });

  test('retries throttling and 5xx, one notice per retry, then succeeds', async () => {
    const seen: Seen[] = [];
    answer(IAM, seen, 400, errorXml('Throttling', 'Rate exceeded'));
    answer(IAM, seen, 503, errorXml('ServiceUnavailable', 'try later', 'Receiver'));
    answer(IAM, seen, 200, listXml([member('AKIAOLDKEY000000AAAA', 'Active', '2025-12-01T10:00:00Z')]));
    const retries: RetryNotice[] = [];
    const own = await listOwnAccessKeys(await createIamClient(KEYS, process.env), options(retries));
    expect(own.keys).toHaveLength(1);
    expect(retries.map((notice) => notice.failure.code)).toEqual(['Throttling', 'ServiceUnavailable']);
  });

  test("AccessDenied fails at once, with AWS's code and message", async () => {
    const seen: Seen[] = [];
    answer(
      IAM,
      seen,
      403,
      errorXml(
        'AccessDenied',
        'User: arn:aws:iam::111122223333:user/sam-cli-user is not authorized to perform: iam:ListAccessKeys on resource: user sam-cli-user',
      ),
    );
    const failure = await listOwnAccessKeys(await createIamClient(KEYS, process.env), options()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CallFailed);
    expect(failure).toMatchObject({ reason: 'permanent', attempts: 1, failure: { code: 'AccessDenied', httpStatus: 403 } });
    expect(seen).toHaveLength(1);
  });
});

describe('GetAccessKeyLastUsed over HTTP', () => {
  function lastUsedXml(inner: string): string {
    return (
      `<GetAccessKeyLastUsedResponse xmlns="${NS}"><GetAccessKeyLastUsedResult><AccessKeyLastUsed>${inner}</AccessKeyLastUsed><UserName>sam-cli-user</UserName></GetAccessKeyLastUsedResult>` +
      '<ResponseMetadata><RequestId>510a6abf</RequestId></ResponseMetadata></GetAccessKeyLastUsedResponse>'
    );
  }

  test('asks about one key and reads date, service and region', async () => {
    const seen: Seen[] = [];
    answer(
      IAM,
      seen,
      200,
      lastUsedXml('<LastUsedDate>2026-02-27T08:30:00Z</LastUsedDate><ServiceName>sts</ServiceName><Region>eu-west-1</Region>'),
    );
    const lastUse = await accessKeyLastUse(await createIamClient(KEYS, process.env), 'AKIAOLDKEY000000AAAA', options());
    expect(seen[0]?.params.get('Action')).toBe('GetAccessKeyLastUsed');
    expect(seen[0]?.params.get('AccessKeyId')).toBe('AKIAOLDKEY000000AAAA');
    expect(lastUse).toEqual({ date: new Date('2026-02-27T08:30:00Z'), service: 'sts', region: 'eu-west-1' });
  });

  test('a key never used has no date and N/A, read as nothing', async () => {
    answer(IAM, [], 200, lastUsedXml('<ServiceName>N/A</ServiceName><Region>N/A</Region>'));
    expect(lastUseOf(await accessKeyLastUse(await createIamClient(KEYS, process.env), 'AKIAOLDKEY000000AAAA', options()))).toEqual({
      date: undefined,
      service: undefined,
      region: undefined,
    });
  });
});
