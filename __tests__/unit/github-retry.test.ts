/**
 * The one retry loop for GitHub decides from GitHub's answer alone: what can heal, and how long
 * GitHub asks to wait, by GitHub's own clock (the answer's Date), never the local one.
 */
import { describe, expect, test } from '@jest/globals';
import { GITHUB_DEADLINES, verdictForStatus } from '../../src/adapters/github-retry.js';

const DATE = 'Sun, 01 Mar 2026 12:00:00 GMT';
const AT = Date.parse(DATE) / 1000;
const verdict = (status: number, headers: Record<string, string> = {}, message = 'x') =>
  verdictForStatus(status, headers, message, 1, GITHUB_DEADLINES, () => 0.5);

describe('verdictForStatus', () => {
  test('5xx heals with backoff; 4xx other than rate limits is final', () => {
    expect(verdict(502)).toEqual({ retry: true, delayMs: 250 });
    for (const status of [401, 403, 404, 422]) expect(verdict(status)).toEqual({ retry: false });
  });

  test("Retry-After is honoured for a secondary limit's 403 and a 429, at least as long as asked", () => {
    expect(verdict(403, { 'retry-after': '30' })).toEqual({ retry: true, delayMs: 30_000, askedMs: 30_000 });
    expect(verdict(429, { 'retry-after': '2' })).toEqual({ retry: true, delayMs: 2000, askedMs: 2000 });
  });

  test("a primary limit waits until its reset by the answer's Date, plus a second", () => {
    expect(verdict(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(AT + 10), date: DATE })).toEqual({
      retry: true,
      delayMs: 11_000,
      askedMs: 11_000,
    });
  });

  test('a secondary limit that names no time waits a minute, as GitHub advises', () => {
    expect(verdict(403, {}, 'You have exceeded a secondary rate limit')).toMatchObject({ retry: true, askedMs: 60_000 });
  });
});
