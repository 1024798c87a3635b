/**
 * Throttling is the one failure that always heals if the caller waits: it says STS is busy, not
 * that the request is wrong or the service down. A herd of runs (a matrix of deploys) that all
 * retry fast on a small attempt count keeps the bucket empty and gives up together, so throttling
 * gets its own rule: retried until the call's time budget runs out, however many attempts that
 * takes, with a longer base delay than other transient errors, full jitter (so the herd spreads
 * out instead of retrying in step), capped so that no wait overshoots the budget by much.
 */
import { classifyFailure, type AwsFailure } from './aws-failure.js';

/** The SDK's verdict (AwsFailure.throttling), less the quota errors that classifyFailure calls permanent. */
export function isThrottling(failure: AwsFailure): boolean {
  return failure.throttling && classifyFailure(failure) === 'transient';
}

export interface ThrottleBackoff {
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * STS refills its bucket every second: waits of about that and more let the earlier callers through.
 * The cap is what a herd's last runs wait at most between tries: with 8 s, 40 runs against
 * 5 AssumeRole/s ended at p95 10-11 s; with 4 s at 7.8-8.0 s, for about 3.2 requests a run either way.
 */
export const THROTTLE_BACKOFF: ThrottleBackoff = { baseDelayMs: 1000, maxDelayMs: 4000 };

/** Full jitter: the wait before the n-th retry after throttling is random in [0, min(max, base · 2^(n-1))). */
export function throttleDelay(throttledRetry: number, backoff: ThrottleBackoff, random: () => number): number {
  const ceiling = Math.min(backoff.maxDelayMs, backoff.baseDelayMs * 2 ** (Math.max(1, throttledRetry) - 1));
  return Math.floor(random() * ceiling);
}
