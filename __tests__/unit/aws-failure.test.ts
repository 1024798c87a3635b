import { describe, expect, test } from '@jest/globals';
import { classifyFailure, toAwsFailure } from '../../src/shared/aws-failure.js';

/** The shape AWS SDK v3 gives service exceptions. */
function serviceError(name: string, httpStatusCode: number, message = 'message', extra: Record<string, unknown> = {}) {
  return Object.assign(new Error(message), {
    name,
    $fault: httpStatusCode >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode, ...extra },
  });
}

function networkError(code: string) {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('classifyFailure', () => {
  test.each([
    ['Throttling', serviceError('Throttling', 400, 'Rate exceeded')],
    ['HTTP 500', serviceError('InternalFailure', 500)],
    ['HTTP 503', serviceError('ServiceUnavailable', 503)],
    ['HTTP 502 with no code', serviceError('Unknown', 502)],
    ['HTTP 429', serviceError('TooManyRequests', 429)],
    ['connection reset', networkError('ECONNRESET')],
    ['connection refused', networkError('ECONNREFUSED')],
    ['DNS failure', networkError('ENOTFOUND')],
    ['DNS try again', networkError('EAI_AGAIN')],
    ['timeout', Object.assign(new Error('no answer within 10.0 s'), { name: 'TimeoutError' })],
    ['unreadable 200 answer', Object.assign(new Error('Unexpected end of XML'), { $metadata: { httpStatusCode: 200 } })],
    [
      'clock skew the SDK corrected',
      serviceError('SignatureDoesNotMatch', 403, 'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z', {
        clockSkewCorrected: true,
      }),
    ],
  ])('retries %s', (_label, error) => {
    expect(classifyFailure(toAwsFailure(error))).toBe('transient');
  });

  test.each([
    ['InvalidClientTokenId', serviceError('InvalidClientTokenId', 403)],
    ['SignatureDoesNotMatch', serviceError('SignatureDoesNotMatch', 403, 'The request signature we calculated does not match')],
    ['AccessDenied', serviceError('AccessDenied', 403)],
    ['ValidationError', serviceError('ValidationError', 400)],
    ['RegionDisabledException', serviceError('RegionDisabledException', 403)],
    ['ExpiredToken', serviceError('ExpiredToken', 400)],
    [
      'clock skew the SDK could not correct',
      serviceError('SignatureDoesNotMatch', 403, 'Signature expired: 20260101T000000Z is now earlier than 20260101T001500Z'),
    ],
    ['a bug of ours', new TypeError('x is undefined')],
  ])('fails at once on %s', (_label, error) => {
    expect(classifyFailure(toAwsFailure(error))).toBe('permanent');
  });

  test('reads the code, message and status of an SDK error', () => {
    expect(toAwsFailure(serviceError('AccessDenied', 403, 'User: x is not authorized'))).toEqual({
      code: 'AccessDenied',
      message: 'User: x is not authorized',
      httpStatus: 403,
      clockSkewCorrected: false,
      network: false,
      throttling: false,
      sdkTransient: false,
    });
  });

  test('says whether a failure is throttling, as the SDK classifies it', () => {
    expect(toAwsFailure(serviceError('Throttling', 400, 'Rate exceeded')).throttling).toBe(true);
    expect(toAwsFailure(serviceError('TooManyRequests', 429)).throttling).toBe(true);
    expect(toAwsFailure(serviceError('ServiceUnavailable', 503)).throttling).toBe(false);
    expect(toAwsFailure(networkError('ECONNRESET')).throttling).toBe(false);
  });

  test.each([
    ['a quota (LimitExceededException), which the SDK calls throttling', serviceError('LimitExceededException', 400)],
    ['HTTP 501', serviceError('NotImplemented', 501)],
  ])('keeps failing at once on %s', (_label, error) => {
    expect(classifyFailure(toAwsFailure(error))).toBe('permanent');
  });

  test.each([
    ['IDPCommunicationError', serviceError('IDPCommunicationError', 400)],
    ['an undici socket error', networkError('UND_ERR_SOCKET')],
    ['a connection aborted', networkError('ECONNABORTED')],
  ])("keeps retrying %s, beyond the SDK's lists", (_label, error) => {
    expect(classifyFailure(toAwsFailure(error))).toBe('transient');
  });
});
