/**
 * src/key-age/tracking-issue-plan.ts: which tracking issue to open, update or close, found by our
 * hidden marker only, and the title, body, closing comment and run link it writes.
 */
import { describe, expect, test } from '@jest/globals';
import { closingComment, issueBody, issueTitle, planTrackingIssue, runUrl, trackingMarker } from '../../src/key-age/tracking-issue-plan.js';
import { assessment, FAIL, OK, OTHER_KEY, REPORT_CONTEXT as CONTEXT, WARN, WORKFLOW_KEY } from '../../test/support/key-assessments.js';

describe('tracking issue plan', () => {
  const ACCOUNT = '123456789012';
  const BOT = 'github-actions[bot]';
  const marker = trackingMarker(ACCOUNT, 'sam-cli-user');
  const issue = (number: number, body = `${marker}\nfindings`, author = BOT) => ({ number, body, author });

  test('a body edited on github.com (CRLF line ends) is still the tracking issue', () => {
    expect(planTrackingIssue(WARN, [issue(7, `${marker}\r\nfindings edited by hand`)], marker, BOT)).toEqual({
      action: 'update',
      number: 7,
      duplicates: [],
    });
  });

  test('the marker is a hidden HTML comment per account and user', () => {
    expect(marker).toBe('<!-- assume-deploy-role:key-age account=123456789012 user=sam-cli-user -->');
    expect(trackingMarker(ACCOUNT, undefined)).toBe('<!-- assume-deploy-role:key-age account=123456789012 -->');
  });

  test('opens one while a finding stands, updates the oldest marked one, closes it when ok', () => {
    expect(planTrackingIssue(WARN, [issue(3, 'unrelated')], marker, BOT)).toEqual({ action: 'open' });
    expect(planTrackingIssue(FAIL, [issue(9), issue(4)], marker, BOT)).toEqual({ action: 'update', number: 4, duplicates: [9] });
    expect(planTrackingIssue(OK, [issue(4)], marker, BOT)).toEqual({ action: 'close', number: 4, duplicates: [] });
    expect(planTrackingIssue(OK, [issue(4, trackingMarker(ACCOUNT, 'someone-else'))], marker, BOT)).toEqual({ action: 'none' });
  });

  test('an issue someone else created is never the tracking issue, marker or not', () => {
    expect(planTrackingIssue(WARN, [issue(2, marker, 'mallory')], marker, BOT)).toEqual({ action: 'open' });
    expect(planTrackingIssue(FAIL, [issue(2, marker, 'mallory'), issue(7)], marker, BOT)).toEqual({
      action: 'update',
      number: 7,
      duplicates: [],
    });
    expect(planTrackingIssue(OK, [issue(2, marker, 'mallory')], marker, BOT)).toEqual({ action: 'none' });
  });

  test('the same user name in another account is another issue', () => {
    expect(planTrackingIssue(OK, [issue(4, trackingMarker('210987654321', 'sam-cli-user'))], marker, BOT)).toEqual({ action: 'none' });
  });

  test('notices alone (an inactive key) need no issue', () => {
    const inactiveOnly = assessment([
      [WORKFLOW_KEY, 10, 'Active'],
      [OTHER_KEY, 2, 'Inactive'],
    ]);
    expect(planTrackingIssue(inactiveOnly, [], marker, BOT)).toEqual({ action: 'none' });
  });

  test('title, body and closing comment say what stands and link the run', () => {
    expect(issueTitle(FAIL, 'sam-cli-user', ACCOUNT)).toBe(
      'Access key of IAM user sam-cli-user in account 123456789012 is too old: rotate it',
    );
    expect(issueTitle(WARN, undefined, ACCOUNT)).toBe('Access keys of the deploy user in account 123456789012 need attention');
    const url = runUrl('https://github.com', { repository: 'octo-org/app', runId: '123' });
    expect(url).toBe('https://github.com/octo-org/app/actions/runs/123');
    const body = issueBody(FAIL, { ...CONTEXT, marker, runUrl: url });
    expect(body.startsWith(marker)).toBe(true);
    expect(body).toContain('[this run](https://github.com/octo-org/app/actions/runs/123)');
    expect(body).toContain('- **Error**: Access key …AAAA');
    expect(body).not.toContain(WORKFLOW_KEY);
    expect(closingComment({ ...CONTEXT, runUrl: url })).toContain('found every access key within the limits');
  });

  test('a run URL is built only from well-shaped parts', () => {
    expect(runUrl('javascript:alert(1)', { repository: 'o/r', runId: '1' })).toBeUndefined();
    expect(runUrl('https://github.com', { repository: 'o/r', runId: '1)x' })).toBeUndefined();
    expect(runUrl(undefined, { repository: 'o/r', runId: '1' })).toBeUndefined();
  });
});
