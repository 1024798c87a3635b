import type { Io } from '../shared/io.js';
import { DEFAULT_RETRY_TIMING, withRetries, type RetryClock, type RetryNotice, type RetryPolicy } from '../shared/retry.js';
import { logRetry } from '../shared/retry-log.js';
import type { Secrets } from '../shared/secrets.js';

export interface RetryOptions {
  policy: RetryPolicy;
  clock: RetryClock;
  onRetry: (notice: RetryNotice) => void;
}

/** The run's retry policy for one call: the action's timing, its attempts, the step's clock, each retry logged (cleaned). */
export function retryOptionsFor(io: Pick<Io, 'clock' | 'info'>, secrets: Secrets, call: string, maxAttempts: number): RetryOptions {
  return { policy: { ...DEFAULT_RETRY_TIMING, maxAttempts }, clock: io.clock, onRetry: logRetry(io, call, secrets) };
}

/**
 * Sends one AWS SDK request with a deadline. The SDK reports our abort as a bare AbortError;
 * it is turned into a TimeoutError that says how long we waited.
 */
export async function withDeadline<T>(timeoutMs: number, send: (abortSignal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await send(signal);
  } catch (error) {
    if (signal.aborted) {
      const timeout = new Error(`no answer within ${(timeoutMs / 1000).toFixed(1)} s`);
      timeout.name = 'TimeoutError';
      throw timeout;
    }
    throw error;
  }
}

/** An AWS call under the retry policy, each attempt with its own deadline. */
export function sendWithRetries<T>(send: (abortSignal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  return withRetries((timeoutMs) => withDeadline(timeoutMs, send), options.policy, options.clock, options.onRetry);
}
