import * as core from '@actions/core';
import { awsSaid } from '../core/failure-messages.js';
import type { RetryNotice } from '../core/retry.js';
import type { Secrets } from './secrets.js';

/** One log line per retry, with AWS's words cleaned of every secret. */
export function logRetry(call: string, secrets: Secrets) {
  return ({ attempt, maxAttempts, failure, delayMs }: RetryNotice) =>
    core.info(`${call}: attempt ${attempt} of ${maxAttempts} failed (${awsSaid(failure, secrets.values)}); trying again in ${(delayMs / 1000).toFixed(1)} s`);
}
