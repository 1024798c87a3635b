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
