import { describe, expect, test } from '@jest/globals';
import { toAwsFailure } from '../../src/shared/aws-failure.js';
import { isThrottling, THROTTLE_BACKOFF, throttleDelay } from '../../src/shared/throttling.js';

const sdkError = (name: string, httpStatusCode: number) => Object.assign(new Error('Rate exceeded'), { name, $metadata: { httpStatusCode } });

describe('isThrottling', () => {
  test('STS Throttling and any 429 are throttling; a 5xx, a quota or a network error is not', () => {
    expect(isThrottling(toAwsFailure(sdkError('Throttling', 400)))).toBe(true);
    expect(isThrottling(toAwsFailure(sdkError('Whatever', 429)))).toBe(true);
    expect(isThrottling(toAwsFailure(sdkError('InternalFailure', 500)))).toBe(false);
    expect(isThrottling(toAwsFailure(sdkError('LimitExceededException', 400)))).toBe(false);
    expect(isThrottling(toAwsFailure(Object.assign(new Error('reset'), { code: 'ECONNRESET' })))).toBe(false);
  });
});

describe('throttleDelay', () => {
  test('full jitter from 0 up to a ceiling that doubles from one second and stops at four', () => {
    const ceilings = [1, 2, 3, 4, 5, 9].map((retry) => throttleDelay(retry, THROTTLE_BACKOFF, () => 0.999_999));
    expect(ceilings).toEqual([999, 1999, 3999, 3999, 3999, 3999]);
    expect(throttleDelay(3, THROTTLE_BACKOFF, () => 0)).toBe(0);
  });

  test('the first wait after throttling is longer than the other transient errors\' 300 ms base', () => {
    expect(THROTTLE_BACKOFF.baseDelayMs).toBeGreaterThan(300);
  });
});
