/**
 * src/shared/messages/tracking-issue.ts: why GitHub refused the tracking issue, explained by its
 * status (and its rate-limit text), each with the fix the user can make.
 */
import { describe, expect, test } from '@jest/globals';
import { explainIssueFailure, ISSUE_FAILURE_STATUSES } from '../../src/shared/messages/tracking-issue.js';

describe('explainIssueFailure', () => {
  test('a refused issue update is explained by GitHub\'s status', () => {
    expect(explainIssueFailure(403, 'Resource not accessible by integration', 'o/r')).toMatch(/may not write issues \(403\)\. Give the job permissions: issues: write/);
    expect(explainIssueFailure(403, 'API rate limit exceeded', 'o/r')).toMatch(/rate limit/);
    expect(explainIssueFailure(404, 'Not Found', 'o/r')).toMatch(/cannot see o\/r or its issues/);
    expect(explainIssueFailure(410, 'Issues are disabled for this repo', 'o/r')).toMatch(/issues are turned off in o\/r/);
    expect(explainIssueFailure(401, 'Bad credentials', 'o/r')).toMatch(/did not accept github-token/);
    expect(explainIssueFailure(undefined, 'socket hang up', 'o/r')).toMatch(/the next run tries again/);
  });

  test('every status it names gets its own explanation, and every message quotes GitHub', () => {
    const fallback = explainIssueFailure(500, 'boom', 'o/r');
    expect(fallback).toContain('(HTTP 500)');
    for (const status of ISSUE_FAILURE_STATUSES) {
      const message = explainIssueFailure(status, 'said-text', 'o/r');
      expect(message).not.toContain('the next run tries again');
      expect(message.endsWith('GitHub said: said-text')).toBe(true);
    }
  });
});
