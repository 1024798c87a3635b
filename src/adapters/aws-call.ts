import { withRetries, type RetryClock, type RetryNotice, type RetryPolicy } from '../shared/retry.js';

export interface RetryOptions {
  policy: RetryPolicy;
  clock: RetryClock;
  onRetry: (notice: RetryNotice) => void;
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
