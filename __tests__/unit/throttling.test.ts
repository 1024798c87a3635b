import { describe, expect, test } from '@jest/globals';
import { toAwsFailure } from '../../src/shared/aws-failure.js';
import { isThrottling, THROTTLE_BACKOFF, throttleDelay } from '../../src/shared/throttling.js';

const sdkError = (name: string, httpStatusCode: number) =>
  Object.assign(new Error('Rate exceeded'), { name, $metadata: { httpStatusCode } });

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
  const waits = (random: () => number) => [1, 2, 3, 4, 5, 9].map((retry) => throttleDelay(retry, THROTTLE_BACKOFF, random));

  test('the first retry is spread over the 1.2-6 s a herd needs to get through 5 AssumeRole a second', () => {
    expect(waits(() => 0)[0]).toBe(1200);
    expect(waits(() => 0.999_999)[0]).toBe(5999);
  });

  test('later retries start short and double to at most four seconds, never sooner than a fifth of their window', () => {
    expect(waits(() => 0.999_999).slice(1)).toEqual([1499, 2999, 3999, 3999, 3999]);
    expect(waits(() => 0).slice(1)).toEqual([300, 600, 800, 800, 800]);
  });

  test("even the shortest wait after throttling is longer than the other transient errors' 300 ms base", () => {
    expect(Math.min(...waits(() => 0))).toBeGreaterThanOrEqual(300);
  });
});
