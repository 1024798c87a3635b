import type { Io } from './io.js';
import { retryLine } from './messages/aws-failures.js';
import type { RetryNotice } from './retry.js';
import type { Secrets } from './secrets.js';

/** One log line per retry, with AWS's words cleaned of every secret. */
export function logRetry(io: Pick<Io, 'info'>, call: string, secrets: Secrets) {
  return (notice: RetryNotice) => io.info(retryLine(call, notice, secrets.values));
}
