import { describe, expect, test } from '@jest/globals';
import type { AwsFailure } from '../../src/core/aws-failure.js';
import { isThrottling, THROTTLE_BACKOFF, throttleDelay } from '../../src/shared/throttling.js';

const failure = (code: string, httpStatus?: number): AwsFailure => ({ code, message: 'Rate exceeded', httpStatus, clockSkewCorrected: false, network: false });

describe('isThrottling', () => {
  test('STS Throttling and any 429 are throttling; a 5xx or a network error is not', () => {
    expect(isThrottling(failure('Throttling', 400))).toBe(true);
    expect(isThrottling(failure('Whatever', 429))).toBe(true);
    expect(isThrottling(failure('InternalFailure', 500))).toBe(false);
    expect(isThrottling({ ...failure('ECONNRESET'), network: true })).toBe(false);
  });
});

describe('throttleDelay', () => {
  test('full jitter from 0 up to a ceiling that doubles from one second and stops at eight', () => {
    const ceilings = [1, 2, 3, 4, 5, 9].map((retry) => throttleDelay(retry, THROTTLE_BACKOFF, () => 0.999_999));
    expect(ceilings).toEqual([999, 1999, 3999, 7999, 7999, 7999]);
    expect(throttleDelay(3, THROTTLE_BACKOFF, () => 0)).toBe(0);
  });

  test('the first wait after throttling is longer than the other transient errors\' 300 ms base', () => {
    expect(THROTTLE_BACKOFF.baseDelayMs).toBeGreaterThan(300);
  });
});
