import { describe, expect, test } from '@jest/globals';
import { StepFailure } from '../../src/shared/step-failure.js';
import { CallFailed, backoffDelay, withRetries, type RetryClock, type RetryNotice, type RetryPolicy } from '../../src/shared/retry.js';

const POLICY: RetryPolicy = { maxAttempts: 5, baseDelayMs: 300, maxDelayMs: 5000, attemptTimeoutMs: 10000, totalBudgetMs: 30000 };

/** A clock that only moves when the code under test sleeps or a call "takes" time. */
function fakeClock(random = () => 0.5): RetryClock & { slept: number[]; advance(ms: number): void } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    random,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
const serverError = () =>
  Object.assign(new Error('We encountered an internal error'), { name: 'InternalFailure', $metadata: { httpStatusCode: 500 } });
const denied = () => Object.assign(new Error('not authorized'), { name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });

describe('backoffDelay', () => {
  test('is full jitter under an exponential ceiling that stops growing at maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => backoffDelay(retry, POLICY, () => 0.999999))).toEqual([
      299, 599, 1199, 2399, 4799, 4999, 4999,
    ]);
    expect(backoffDelay(3, POLICY, () => 0)).toBe(0);
  });
});

describe('withRetries', () => {
  test('a StepFailure (ours, already explained, such as a proxy that would not tunnel) is thrown as it is, after one attempt', async () => {
    const refusal = new StepFailure(
      'The proxy http://proxy.corp:3128 answered CONNECT sts.eu-west-1.amazonaws.com:443 with HTTP 203, not 200',
    );
    let calls = 0;
    const outcome = await withRetries(
      async () => {
        calls += 1;
        throw refusal;
      },
      POLICY,
      fakeClock(),
      () => undefined,
    ).catch((error: unknown) => error);
    expect(outcome).toBe(refusal);
    expect(calls).toBe(1);
  });

  test('retries errors that heal, logging each retry, and returns the first success', async () => {
    const clock = fakeClock();
    const notices: RetryNotice[] = [];
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls < 3) throw serverError();
        return 'ok';
      },
      POLICY,
      clock,
      (notice) => notices.push(notice),
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(notices.map((notice) => [notice.attempt, notice.failure.code, notice.delayMs, notice.throttled])).toEqual([
      [1, 'InternalFailure', 150, false],
      [2, 'InternalFailure', 300, false],
    ]);
  });

  test('fails on the first attempt when the error cannot heal', async () => {
    let calls = 0;
    const failure = withRetries(
      async () => {
        calls += 1;
        throw denied();
      },
      POLICY,
      fakeClock(),
      () => undefined,
    );
    await expect(failure).rejects.toMatchObject({ reason: 'permanent', attempts: 1, failure: { code: 'AccessDenied' } });
    expect(calls).toBe(1);
  });

  test('stops after maxAttempts', async () => {
    let calls = 0;
    const failure = withRetries(
      async () => {
        calls += 1;
        throw serverError();
      },
      { ...POLICY, maxAttempts: 3 },
      fakeClock(),
      () => undefined,
    );
    await expect(failure).rejects.toBeInstanceOf(CallFailed);
    await expect(failure).rejects.toMatchObject({ reason: 'attempts', attempts: 3 });
    expect(calls).toBe(3);
  });

  test('stops when the time budget runs out, and shortens each attempt to what is left', async () => {
    const clock = fakeClock(() => 0.999);
    const timeouts: number[] = [];
    const failure = withRetries(
      async (timeoutMs) => {
        timeouts.push(timeoutMs);
        clock.advance(timeoutMs);
        throw Object.assign(new Error('no answer'), { name: 'TimeoutError' });
      },
      { ...POLICY, maxAttempts: 20 },
      clock,
      () => undefined,
    );
    await expect(failure).rejects.toMatchObject({ reason: 'time' });
    expect(timeouts[0]).toBe(10000);
    expect(clock.now()).toBeLessThanOrEqual(POLICY.totalBudgetMs);
    expect(timeouts.reduce((sum, ms) => sum + ms, 0) + clock.slept.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(
      POLICY.totalBudgetMs,
    );
  });

  test('throttling is retried past maxAttempts, the first wait spread widest, until the time budget runs out', async () => {
    const clock = fakeClock(() => 0.5);
    const notices: RetryNotice[] = [];
    let calls = 0;
    const failure = withRetries(
      async () => {
        calls += 1;
        clock.advance(100);
        throw throttled();
      },
      { ...POLICY, maxAttempts: 1 },
      clock,
      (notice) => notices.push(notice),
    );
    await expect(failure).rejects.toMatchObject({ reason: 'time', failure: { code: 'Throttling' } });
    expect(calls).toBeGreaterThan(5);
    expect(notices.every((notice) => notice.throttled)).toBe(true);
    // The middle of each window (random 0.5): 6 s first, then 1.5 s doubling to 4 s.
    expect(clock.slept.slice(0, 5)).toEqual([3600, 900, 1800, 2400, 2400]);
    expect(Math.max(...clock.slept)).toBeLessThanOrEqual(3600);
    expect(clock.now()).toBeLessThanOrEqual(POLICY.totalBudgetMs);
  });

  test('a throttled herd succeeds once STS lets it through, however many attempts that took', async () => {
    let calls = 0;
    const result = await withRetries(
      async () => {
        calls += 1;
        if (calls <= 7) throw throttled();
        return 'ok';
      },
      { ...POLICY, maxAttempts: 2 },
      fakeClock(() => 0.1),
      () => undefined,
    );
    expect(result).toBe('ok');
    expect(calls).toBe(8);
  });

  test('throttled attempts do not use up retry-max-attempts for the other errors', async () => {
    const errors = [throttled, throttled, serverError, throttled, serverError];
    let calls = 0;
    const failure = withRetries(
      async () => {
        const next = errors[calls] ?? serverError;
        calls += 1;
        throw next();
      },
      { ...POLICY, maxAttempts: 2 },
      fakeClock(),
      () => undefined,
    );
    await expect(failure).rejects.toMatchObject({ reason: 'attempts', attempts: 5, failure: { code: 'InternalFailure' } });
  });
});
