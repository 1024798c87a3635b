import { classifyFailure, toAwsFailure, type AwsFailure } from './aws-failure.js';
import { StepFailure } from './step-failure.js';
import type { Clock } from './io.js';
import { isThrottling, throttleDelay, THROTTLE_BACKOFF } from './throttling.js';

export interface RetryPolicy {
  maxAttempts: number;
  /** Full jitter: the wait before retry n is random in [0, min(maxDelayMs, baseDelayMs * 2^(n-1))). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Each attempt is cut off after this long… */
  attemptTimeoutMs: number;
  /** …and all attempts and waits together after this long, so a dead endpoint fails in well under a minute. */
  totalBudgetMs: number;
}

export const DEFAULT_RETRY_TIMING: Omit<RetryPolicy, 'maxAttempts'> = {
  baseDelayMs: 300,
  maxDelayMs: 5000,
  attemptTimeoutMs: 10000,
  totalBudgetMs: 30000,
};

/** An attempt with less time than this left is not worth starting. */
const MIN_ATTEMPT_MS = 500;

/** The retries' clock is the port's. */
export type RetryClock = Clock;

export interface RetryNotice {
  attempt: number;
  maxAttempts: number;
  failure: AwsFailure;
  /** Throttled: retried until the time budget runs out, outside maxAttempts. */
  throttled: boolean;
  delayMs: number;
}

/** Why the call failed for good: an error that cannot heal, or one that did not heal in time. */
export class CallFailed extends Error {
  constructor(
    readonly failure: AwsFailure,
    readonly attempts: number,
    readonly reason: 'permanent' | 'attempts' | 'time',
    readonly elapsedMs: number,
  ) {
    super(failure.message);
    this.name = 'CallFailed';
  }
}

export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * Runs `call` until it succeeds, fails permanently, runs out of attempts or out of time.
 * Throttling counts against the time budget only, with its own backoff (throttling.ts).
 * `call` gets the time it may take; the caller turns that into a timeout on the request.
 */
export async function withRetries<T>(
  call: (timeoutMs: number) => Promise<T>,
  policy: RetryPolicy,
  clock: RetryClock,
  onRetry: (notice: RetryNotice) => void,
): Promise<T> {
  const start = clock.now();
  const remaining = () => policy.totalBudgetMs - (clock.now() - start);
  let throttledRetries = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call(Math.max(1, Math.min(policy.attemptTimeoutMs, remaining())));
    } catch (error) {
      // Ours and already explained (a proxy that would not tunnel to the endpoint): not retried, not re-explained.
      if (error instanceof StepFailure) throw error;
      const failure = toAwsFailure(error);
      const elapsed = () => clock.now() - start;
      if (classifyFailure(failure) === 'permanent') throw new CallFailed(failure, attempt, 'permanent', elapsed());
      const throttled = isThrottling(failure);
      if (throttled) throttledRetries += 1;
      const otherRetries = attempt - throttledRetries;
      if (!throttled && otherRetries >= policy.maxAttempts) throw new CallFailed(failure, attempt, 'attempts', elapsed());
      const delayMs = throttled
        ? throttleDelay(throttledRetries, THROTTLE_BACKOFF, clock.random)
        : backoffDelay(otherRetries, policy, clock.random);
      if (remaining() - delayMs < MIN_ATTEMPT_MS) throw new CallFailed(failure, attempt, 'time', elapsed());
      onRetry({ attempt, maxAttempts: policy.maxAttempts, failure, delayMs, throttled });
      await clock.sleep(delayMs);
    }
  }
}
