/**
 * Throttling is the one failure that always heals if the caller waits: it says STS is busy, not
 * that the request is wrong or the service down. A herd of runs (a matrix of deploys) that all
 * retry fast on a small attempt count keeps the bucket empty and gives up together, so throttling
 * gets its own rule: retried until the call's time budget runs out, however many attempts that
 * takes, with waits of its own (below), random so that the herd spreads out instead of retrying in
 * step. A lone run is never throttled, so none of this delays its one call.
 */
import { classifyFailure, type AwsFailure } from './aws-failure.js';

/** The SDK's verdict (AwsFailure.throttling), less the quota errors that classifyFailure calls permanent. */
export function isThrottling(failure: AwsFailure): boolean {
  return failure.throttling && classifyFailure(failure) === 'transient';
}

export interface ThrottleBackoff {
  /** The first retry after throttling is drawn over [floorShare · firstWindowMs, firstWindowMs)… */
  firstWindowMs: number;
  /** …each later one over [floorShare · w, w), w doubling from laterBaseMs up to maxDelayMs. */
  laterBaseMs: number;
  maxDelayMs: number;
  /** No wait is shorter than this share of its window: a retry within a fraction of a second of a refusal finds the bucket still empty. */
  floorShare: number;
}

/**
 * A throttled first call means the bucket is empty and a herd is queued behind it: at 5 AssumeRole
 * a second, the 35 runs of a 40-run matrix that the burst of 5 left out need 7 s between them. So
 * the first retry is spread over a window that long, where exponential backoff from 1 s would
 * retry most of the herd into the same empty bucket 2-3 times (simulating that matrix with its
 * starts spread over 1.5 s: 3.2 AssumeRole per run and p95 7.5 s, with this rule 1.9 and 7.2 s).
 * The few runs whose retry lands on another's slot were unlucky, not late: their herd has thinned,
 * so their next waits start short and double.
 */
export const THROTTLE_BACKOFF: ThrottleBackoff = { firstWindowMs: 6000, laterBaseMs: 1500, maxDelayMs: 4000, floorShare: 0.2 };

/** The wait before the n-th retry after throttling (n from 1), random within its window (see ThrottleBackoff). */
export function throttleDelay(throttledRetry: number, backoff: ThrottleBackoff, random: () => number): number {
  const window =
    throttledRetry <= 1 ? backoff.firstWindowMs : Math.min(backoff.maxDelayMs, backoff.laterBaseMs * 2 ** (throttledRetry - 2));
  return Math.floor(window * (backoff.floorShare + (1 - backoff.floorShare) * random()));
}
