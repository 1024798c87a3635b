/**
 * src/key-age/messages/tracking-issue.ts: why GitHub refused the tracking issue, explained by its
 * status (and its rate-limit text), each with the fix the user can make.
 */
import { describe, expect, test } from '@jest/globals';
import { explainIssueFailure, ISSUE_FAILURE_STATUSES } from '../../src/key-age/messages/tracking-issue.js';

describe('explainIssueFailure', () => {
  test("a refused issue update is explained by GitHub's status", () => {
    expect(explainIssueFailure({ kind: 'http', status: 403 }, 'Resource not accessible by integration', 'o/r')).toMatch(
      /may not write issues \(403\)\. Give the job permissions: issues: write/,
    );
    expect(explainIssueFailure({ kind: 'http', status: 403 }, 'API rate limit exceeded', 'o/r')).toMatch(
      /GitHub's API rate limit was reached; the next run tries again/,
    );
    expect(explainIssueFailure({ kind: 'http', status: 410 }, 'Issues are disabled for this repo', 'o/r')).toMatch(
      /issues are turned off in o\/r/,
    );
    expect(explainIssueFailure({ kind: 'http', status: 401 }, 'Bad credentials', 'o/r')).toMatch(/did not accept github-token/);
    expect(explainIssueFailure({ kind: 'other' }, 'socket hang up', 'o/r')).toMatch(/the next run tries again/);
  });

  test('no answer and a dropped connection say so, never "HTTP 500"', () => {
    expect(explainIssueFailure({ kind: 'timeout', attempts: 3, elapsedMs: 30000 }, 'no answer within 10 s', 'o/r')).toBe(
      'The key check ran, but the tracking issue in o/r could not be updated: GitHub gave no answer within 10 s (3 attempts in 30.0 s); the next run tries again. ' +
        "Check that this runner can reach GitHub's API (GITHUB_API_URL, HTTPS_PROXY).",
    );
    const reset = explainIssueFailure({ kind: 'network', code: 'ECONNRESET', attempts: 3, elapsedMs: 1200 }, 'read ECONNRESET', 'o/r');
    expect(reset).toMatch(/the connection to GitHub's API was reset or closed before an answer \(ECONNRESET\) \(3 attempts in 1\.2 s\)/);
    expect(reset).not.toContain('HTTP 500');
  });

  test('every status it names gets its own explanation, and every message quotes GitHub', () => {
    const fallback = explainIssueFailure({ kind: 'http', status: 500 }, 'boom', 'o/r');
    expect(fallback).toContain('(HTTP 500)');
    for (const status of ISSUE_FAILURE_STATUSES) {
      const message = explainIssueFailure({ kind: 'http', status }, 'said-text', 'o/r');
      expect(message).not.toContain('the next run tries again');
      expect(message.endsWith('GitHub said: said-text')).toBe(true);
    }
  });
});
