import { backoffDelay } from '../shared/retry.js';

/** Every GitHub call: each attempt cut off after attemptTimeoutMs, all of them together after totalBudgetMs. */
export interface GitHubDeadlines {
  attemptTimeoutMs: number;
  totalBudgetMs: number;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const GITHUB_DEADLINES: GitHubDeadlines = {
  attemptTimeoutMs: 10000,
  totalBudgetMs: 30000,
  maxAttempts: 3,
  baseDelayMs: 500,
  maxDelayMs: 4000,
};

/** GitHub's advice for a secondary rate limit that names no time: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

type Headers = Readonly<Record<string, string | number | undefined>>;

export type Verdict =
  | { retry: false }
  /** `askedMs`: the wait GitHub asked for (Retry-After, a rate limit's reset), when it named one. */
  | { retry: true; delayMs: number; askedMs?: number };

const header = (headers: Headers, name: string) => {
  const value = headers[name];
  return value === undefined ? undefined : String(value);
};

/** The wait a rate-limited answer asks for, by GitHub's clock (its `Date`), never the local one. */
function askedWait(status: number, headers: Headers, message: string): number | undefined {
  const retryAfter = header(headers, 'retry-after');
  if (retryAfter !== undefined && /^\d{1,6}$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const reset = header(headers, 'x-ratelimit-reset');
  const serverNow = Date.parse(header(headers, 'date') ?? '');
  if (header(headers, 'x-ratelimit-remaining') === '0' && reset !== undefined && /^\d{1,12}$/.test(reset) && !Number.isNaN(serverNow)) {
    return Math.max(0, Number(reset) * 1000 - serverNow) + 1000;
  }
  if ((status === 403 || status === 429) && /secondary rate limit/i.test(message)) return SECONDARY_LIMIT_WAIT_MS;
  return undefined;
}

/**
 * Whether an HTTP answer can heal by waiting, and how long: 5xx with backoff; 429, and a 403 that
 * is a rate limit (primary or secondary), after the wait GitHub asks for. Anything else is final.
 */
export function verdictForStatus(
  status: number,
  headers: Headers,
  message: string,
  retry: number,
  deadlines: GitHubDeadlines,
  random: () => number,
): Verdict {
  const backoff = backoffDelay(retry, deadlines, random);
  if (status >= 500 && status <= 599) return { retry: true, delayMs: backoff };
  if (status !== 403 && status !== 429) return { retry: false };
  const asked = askedWait(status, headers, message);
  if (asked !== undefined) return { retry: true, delayMs: Math.max(asked, backoff), askedMs: asked };
  return status === 429 ? { retry: true, delayMs: backoff } : { retry: false };
}
