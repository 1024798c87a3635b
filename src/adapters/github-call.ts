import type { getOctokit } from '@actions/github';
import { backoffDelay } from '../shared/retry.js';

type Octokit = ReturnType<typeof getOctokit>;

/** Every GitHub call: each attempt cut off after attemptTimeoutMs, all of them together after totalBudgetMs. */
export interface GitHubDeadlines {
  attemptTimeoutMs: number;
  totalBudgetMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const GITHUB_DEADLINES: GitHubDeadlines = { attemptTimeoutMs: 10000, totalBudgetMs: 30000, maxAttempts: 3, baseDelayMs: 500, maxDelayMs: 4000 };

/** How a GitHub call failed for good: no answer in time, no connection, or an HTTP status. */
export class GitHubCallFailed extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'http',
    message: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly status?: number,
    /** ECONNRESET, UND_ERR_SOCKET… for `network`. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'GitHubCallFailed';
  }
}

const RETRIED_STATUS = new Set([500, 502, 503, 504]);

function field(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

/** The first Node or undici error code along the `cause` chain (fetch wraps them in TypeError). */
function networkCode(error: unknown): string | undefined {
  for (let cause = error, depth = 0; cause !== undefined && depth < 5; cause = field(cause, 'cause'), depth++) {
    const code = field(cause, 'code');
    if (typeof code === 'string') return code;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  const message = field(error, 'message');
  return typeof message === 'string' ? message : String(error);
}

/**
 * Puts every request of `github` (REST, pagination and GraphQL alike) under the deadlines, with
 * bounded retries for what can heal (no answer, a dropped connection, HTTP 5xx). Octokit reports a
 * reset or a timeout as "HTTP 500"; here they keep their own names. The total budget starts with
 * the first request and is shared by every later one, so GitHub can never hold the step longer.
 */
export function withDeadlines(github: Octokit, deadlines: GitHubDeadlines = GITHUB_DEADLINES): Octokit {
  let startedAt: number | undefined;
  github.hook.wrap('request', async (request, options) => {
    startedAt ??= Date.now();
    const elapsed = () => Date.now() - (startedAt ?? Date.now());
    const timeLeft = () => deadlines.totalBudgetMs - elapsed();
    for (let attempt = 1; ; attempt++) {
      // One timer per attempt, never past the total budget.
      const attemptAbort = new AbortController();
      const timer = setTimeout(() => attemptAbort.abort(), Math.max(1, Math.min(deadlines.attemptTimeoutMs, timeLeft())));
      try {
        // The inner hook (the token's) merges the options it was bound to, this same object, and
        // drops any new object passed to `request`: so the attempt's signal goes into this one.
        options.request = { ...options.request, signal: attemptAbort.signal };
        const answer = await request(options);
        // Octokit swallows an abort while it reads the body (a trickled answer) and returns no data.
        if (attemptAbort.signal.aborted) throw new Error('the answer was cut off at the deadline');
        return answer;
      } catch (error) {
        const status = field(field(error, 'response'), 'status');
        let failure: GitHubCallFailed;
        if (attemptAbort.signal.aborted) {
          failure = new GitHubCallFailed('timeout', `no answer within ${(Math.min(deadlines.attemptTimeoutMs, elapsed()) / 1000).toFixed(0)} s`, attempt, elapsed());
        } else if (typeof status === 'number') {
          if (!RETRIED_STATUS.has(status)) throw error;
          failure = new GitHubCallFailed('http', messageOf(error), attempt, elapsed(), status);
        } else {
          failure = new GitHubCallFailed('network', messageOf(error), attempt, elapsed(), undefined, networkCode(error));
        }
        const delayMs = backoffDelay(attempt, { ...deadlines, maxAttempts: deadlines.maxAttempts }, Math.random);
        if (attempt >= deadlines.maxAttempts || timeLeft() - delayMs < 500) throw failure;
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      } finally {
        clearTimeout(timer);
      }
    }
  });
  return github;
}
