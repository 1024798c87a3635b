import type { getOctokit } from '@actions/github';
import type { Clock } from '../shared/io.js';
import { GitHubCallFailed } from '../shared/github-failure.js';
import { proxyForDisplay, proxyVariables } from '../shared/proxy-settings.js';
import { backoffDelay } from '../shared/retry.js';
import { gitHubCallTexts } from '../shared/messages/github-calls.js';
import { GITHUB_DEADLINES, verdictForStatus, type GitHubDeadlines } from './github-retry.js';
import { proxyFor } from './proxy-for-url.js';
import { systemClock } from './system-clock.js';

export { GitHubCallFailed, GITHUB_DEADLINES, type GitHubDeadlines };

type Octokit = ReturnType<typeof getOctokit>;

export interface GitHubCallOptions {
  /** The port's clock for budgets and waits (the system's by default). */
  clock?: Clock;
  /** `shared` (default): one budget for every request of this client, from its first; `per-request`: each its own. */
  budget?: 'shared' | 'per-request';
  /** Every answer's `Date` beside the local time it came at, to judge times by GitHub's clock. */
  onServerDate?: (serverMs: number, localMs: number) => void;
}

/** A redirect is followed only for a read to GitHub's own origin, never for a write and never elsewhere. */
const MAX_REDIRECTS = 3;

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
 * A connection's failure in the words of every link of its `cause` chain: fetch says only "fetch
 * failed", the reason (a proxy's refusal, a certificate) is in undici's error beneath it.
 */
function networkMessageOf(error: unknown): string {
  const messages: string[] = [];
  for (let cause = error, depth = 0; cause !== undefined && depth < 5; cause = field(cause, 'cause'), depth++) {
    const message = messageOf(cause);
    if (message !== '' && !messages.includes(message)) messages.push(message);
  }
  return messages.join(': ');
}

const headersOf = (value: unknown) => (field(value, 'headers') ?? {}) as Record<string, string | number | undefined>;

/**
 * The proxy GitHub's transport would send a plain http request to `base` through, if any:
 * @actions/github's undici ProxyAgent reads http_proxy / HTTP_PROXY and no_proxy from the process.
 */
function proxyForPlainHttp(base: string): string | undefined {
  if (new URL(base).protocol !== 'http:') return undefined;
  const proxy = proxyFor(base, { ...proxyVariables(process.env, {}), https_proxy: '', all_proxy: '' });
  return proxy === '' ? undefined : proxy;
}

function targetOf(location: string | undefined, base: string): URL | undefined {
  try {
    return location ? new URL(location, base) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Puts every request of `github` (REST, pagination and GraphQL alike) under the one retry loop for
 * GitHub: per-attempt and total deadlines on the Clock port, bounded retries for what can heal (no
 * answer, a dropped connection, 5xx), and the waits GitHub asks for (Retry-After, a rate limit's
 * reset, a secondary limit) when they fit in the budget. Octokit reports a reset or a timeout as
 * "HTTP 500"; here they keep their own names. (@octokit/plugin-retry and plugin-throttling were
 * weighed: they wait on timers and the local clock outside the Clock port, have no per-attempt
 * deadline, follow redirects and cannot say whether a failed write may have been carried out.)
 */
export function withDeadlines(github: Octokit, deadlines: GitHubDeadlines = GITHUB_DEADLINES, options: GitHubCallOptions = {}): Octokit {
  const clock = options.clock ?? systemClock;
  let startedAt: number | undefined;
  github.hook.wrap('request', async (request, requestOptions) => {
    const start = options.budget === 'per-request' ? clock.now() : (startedAt ??= clock.now());
    const elapsed = () => clock.now() - start;
    const timeLeft = () => deadlines.totalBudgetMs - elapsed();
    const method = String(requestOptions.method ?? 'GET').toUpperCase();
    const base = String(requestOptions.baseUrl ?? 'https://api.github.com');
    const origin = new URL(base).origin;
    // Through a proxy, only an answer over a TLS session verified for GitHub's host counts.
    const proxy = proxyForPlainHttp(base);
    if (proxy !== undefined)
      throw new GitHubCallFailed('refused', gitHubCallTexts.plainHttpThroughProxy(origin, proxyForDisplay(proxy)), 0, 0);
    const noteDate = (headers: Record<string, string | number | undefined>) => {
      const at = Date.parse(String(headers.date ?? ''));
      if (!Number.isNaN(at)) options.onServerDate?.(at, clock.now());
    };
    let outcomeUnknown = false;
    let redirects = 0;
    for (let attempt = 1; ; attempt++) {
      // One timer per attempt, never past the total budget.
      const attemptAbort = new AbortController();
      const timer = setTimeout(() => attemptAbort.abort(), Math.max(1, Math.min(deadlines.attemptTimeoutMs, timeLeft())));
      try {
        // The inner hook (the token's) merges the options it was bound to, this same object, and
        // drops any new object passed to `request`: so the attempt's signal goes into this one.
        requestOptions.request = { ...requestOptions.request, signal: attemptAbort.signal, redirect: 'manual' };
        const answer = await request(requestOptions);
        // Octokit swallows an abort while it reads the body (a trickled answer) and returns no data.
        if (attemptAbort.signal.aborted) throw new Error('the answer was cut off at the deadline');
        noteDate(answer.headers);
        if (answer.status >= 300 && answer.status < 400) {
          const target = targetOf(answer.headers.location === undefined ? undefined : String(answer.headers.location), base);
          if (method === 'GET' && target?.origin === origin && redirects++ < MAX_REDIRECTS) {
            requestOptions.url = target.href;
            attempt--;
            continue;
          }
          throw new GitHubCallFailed(
            'http',
            gitHubCallTexts.redirectRefused(answer.status, method, target?.origin),
            attempt,
            elapsed(),
            answer.status,
            undefined,
            outcomeUnknown,
          );
        }
        return answer;
      } catch (error) {
        if (error instanceof GitHubCallFailed) throw error;
        const response = field(error, 'response');
        const status = field(response, 'status');
        if (response !== undefined) noteDate(headersOf(response));
        let failure: GitHubCallFailed;
        let delayMs: number;
        const write = method !== 'GET' && method !== 'HEAD';
        if (attemptAbort.signal.aborted || typeof status !== 'number') {
          outcomeUnknown ||= write;
          failure = attemptAbort.signal.aborted
            ? new GitHubCallFailed(
                'timeout',
                gitHubCallTexts.noAnswer(Math.min(deadlines.attemptTimeoutMs, elapsed())),
                attempt,
                elapsed(),
                undefined,
                undefined,
                outcomeUnknown,
              )
            : new GitHubCallFailed('network', networkMessageOf(error), attempt, elapsed(), undefined, networkCode(error), outcomeUnknown);
          delayMs = backoffDelay(attempt, deadlines, clock.random);
        } else {
          const verdict = verdictForStatus(status, headersOf(response), messageOf(error), attempt, deadlines, clock.random);
          if (!verdict.retry) {
            if (!outcomeUnknown) throw error;
            throw new GitHubCallFailed('http', messageOf(error), attempt, elapsed(), status, undefined, true);
          }
          if (status >= 500) outcomeUnknown ||= write;
          const said =
            verdict.askedMs !== undefined && verdict.askedMs > timeLeft()
              ? gitHubCallTexts.waitTooLong(messageOf(error), verdict.askedMs)
              : messageOf(error);
          failure = new GitHubCallFailed('http', said, attempt, elapsed(), status, undefined, outcomeUnknown);
          delayMs = verdict.delayMs;
        }
        if (attempt >= deadlines.maxAttempts || timeLeft() - delayMs < 500) throw failure;
        await clock.sleep(delayMs);
      } finally {
        clearTimeout(timer);
      }
    }
  });
  return github;
}
