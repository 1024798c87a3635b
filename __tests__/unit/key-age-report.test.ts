/**
 * What the key-age check shows and sends: job summary, JSON report, tracking-issue plan and texts,
 * and the failure messages (the self-scoped policy to attach, per partition and user path).
 */
import { describe, expect, test } from '@jest/globals';
import { toAwsFailure } from '../../src/shared/aws-failure.js';
import { DEFAULT_THRESHOLDS } from '../../src/key-age/key-age-inputs.js';
import { selfKeyReadPolicy } from '../../src/shared/iam-policies.js';
import { explainKeyAgeFailure } from '../../src/shared/messages/key-age-failures.js';
import { explainIssueFailure } from '../../src/shared/messages/tracking-issue.js';
import { keyAgeOutputs, keyAgeSummary, reportJson, safeUserName } from '../../src/key-age/key-age-report.js';
import { assessKeys, type KeyAssessment } from '../../src/key-age/key-findings.js';
import { CallFailed } from '../../src/shared/retry.js';
import {
  closingComment,
  issueBody,
  issueTitle,
  planTrackingIssue,
  runUrl,
  trackingMarker,
} from '../../src/key-age/tracking-issue-plan.js';
import { FIXED_NOW as NOW } from '../../test/support/fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const WORKFLOW_KEY = 'AKIAWORKFLOWKEY0AAAA';
const OTHER_KEY = 'AKIAOTHERKEY0000BBBB';
const CONTEXT = { userName: 'sam-cli-user', thresholds: DEFAULT_THRESHOLDS, now: NOW };

function assessment(ages: Array<[string, number, 'Active' | 'Inactive']>): KeyAssessment {
  return assessKeys({
    keys: ages.map(([accessKeyId, age, status]) => ({ accessKeyId, status, createDate: new Date(NOW.getTime() - age * DAY) })),
    lastUse: new Map([[WORKFLOW_KEY, { date: new Date(NOW.getTime() - DAY), service: 'sts', region: 'eu-west-1' }]]),
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
    workflowKeyId: WORKFLOW_KEY,
  });
}

const OK = assessment([[WORKFLOW_KEY, 10, 'Active']]);
const WARN = assessment([[WORKFLOW_KEY, 85, 'Active'], [OTHER_KEY, 2, 'Inactive']]);
const FAIL = assessment([[WORKFLOW_KEY, 95, 'Active']]);

describe('job summary', () => {
  test('a table of keys by last four characters, the findings and the limits', () => {
    const summary = keyAgeSummary(WARN, CONTEXT);
    expect(summary).toContain('### Access keys of IAM user `sam-cli-user`: attention needed');
    expect(summary).toContain('| Key | Status | Created | Age (days) | Last used | Service |');
    expect(summary).toContain('| …AAAA (this workflow) | Active | 2025-12-06 | 85 | 2026-02-28 (eu-west-1) | sts |');
    expect(summary).toContain('| …BBBB | Inactive | 2026-02-27 | 2 | never | — |');
    expect(summary).toContain('- **Warning**: Access key …AAAA (the key this workflow uses) is 85 days old');
    expect(summary).toContain('- Notice: Access key …BBBB is inactive');
    expect(summary).toContain('Limits: max-age-days 90, warn-age-days 80, max-unused-days 45.');
    expect(summary).not.toContain(WORKFLOW_KEY);
    expect(summary).not.toContain(OTHER_KEY);
  });

  test('leaves out a user name IAM did not write in its own alphabet', () => {
    expect(safeUserName('sam-cli-user')).toBe('sam-cli-user');
    expect(safeUserName('x` <img>')).toBeUndefined();
    expect(keyAgeSummary(OK, { ...CONTEXT, userName: undefined })).toContain('### Access keys: all keys are within the limits');
  });
});

describe('outputs', () => {
  test('status, oldest age and a JSON report with key ids as their last four characters only', () => {
    const outputs = Object.fromEntries(keyAgeOutputs(WARN, CONTEXT));
    expect(outputs.status).toBe('warn');
    expect(outputs['oldest-key-age-days']).toBe('85');
    const report = JSON.parse(outputs.report ?? '');
    expect(report).toMatchObject({
      status: 'warn',
      oldestKeyAgeDays: 85,
      checkedAt: NOW.toISOString(),
      userName: 'sam-cli-user',
      thresholds: { maxAgeDays: 90, warnAgeDays: 80, maxUnusedDays: 45 },
      keys: [
        { key: 'AAAA', status: 'Active', ageDays: 85, lastUsed: '2026-02-28T12:00:00.000Z', service: 'sts', region: 'eu-west-1', usedByThisWorkflow: true },
        { key: 'BBBB', status: 'Inactive', ageDays: 2, lastUsed: null, service: null, region: null, usedByThisWorkflow: false },
      ],
      findings: [{ severity: 'warning', key: 'AAAA' }, { severity: 'notice', key: 'BBBB' }],
    });
    expect(reportJson(WARN, CONTEXT)).not.toMatch(/AKIA/);
  });
});

describe('tracking issue', () => {
  const ACCOUNT = '123456789012';
  const BOT = 'github-actions[bot]';
  const marker = trackingMarker(ACCOUNT, 'sam-cli-user');
  const issue = (number: number, body = `${marker}\nfindings`, author = BOT) => ({ number, body, author });

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
    expect(planTrackingIssue(FAIL, [issue(2, marker, 'mallory'), issue(7)], marker, BOT)).toEqual({ action: 'update', number: 7, duplicates: [] });
    expect(planTrackingIssue(OK, [issue(2, marker, 'mallory')], marker, BOT)).toEqual({ action: 'none' });
  });

  test('the same user name in another account is another issue', () => {
    expect(planTrackingIssue(OK, [issue(4, trackingMarker('210987654321', 'sam-cli-user'))], marker, BOT)).toEqual({ action: 'none' });
  });

  test('notices alone (an inactive key) need no issue', () => {
    const inactiveOnly = assessment([[WORKFLOW_KEY, 10, 'Active'], [OTHER_KEY, 2, 'Inactive']]);
    expect(planTrackingIssue(inactiveOnly, [], marker, BOT)).toEqual({ action: 'none' });
  });

  test('title, body and closing comment say what stands and link the run', () => {
    expect(issueTitle(FAIL, 'sam-cli-user', ACCOUNT)).toBe('Access key of IAM user sam-cli-user in account 123456789012 is too old: rotate it');
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

  test('a refused issue update is explained by GitHub\'s status', () => {
    expect(explainIssueFailure({ kind: 'http', status: 403 }, 'Resource not accessible by integration', 'o/r')).toMatch(/may not write issues \(403\)\. Give the job permissions: issues: write/);
    expect(explainIssueFailure({ kind: 'http', status: 403 }, 'API rate limit exceeded', 'o/r')).toMatch(/rate limit/);
    expect(explainIssueFailure({ kind: 'http', status: 410 }, 'Issues are disabled for this repo', 'o/r')).toMatch(/issues are turned off in o\/r/);
    expect(explainIssueFailure({ kind: 'http', status: 401 }, 'Bad credentials', 'o/r')).toMatch(/did not accept github-token/);
    expect(explainIssueFailure({ kind: 'other' }, 'socket hang up', 'o/r')).toMatch(/the next run tries again/);
  });

  test('no answer and a dropped connection say so, never "HTTP 500"', () => {
    expect(explainIssueFailure({ kind: 'timeout', attempts: 3, elapsedMs: 30000 }, 'no answer within 10 s', 'o/r'))
      .toBe('The key check ran, but the tracking issue in o/r could not be updated: GitHub gave no answer within 10 s (3 attempts in 30.0 s); the next run tries again. ' +
        'Check that this runner can reach GitHub\'s API (GITHUB_API_URL, HTTPS_PROXY).');
    const reset = explainIssueFailure({ kind: 'network', code: 'ECONNRESET', attempts: 3, elapsedMs: 1200 }, 'read ECONNRESET', 'o/r');
    expect(reset).toMatch(/the connection to GitHub's API was reset or closed before an answer \(ECONNRESET\) \(3 attempts in 1\.2 s\)/);
    expect(reset).not.toContain('HTTP 500');
  });
});

describe('failure messages', () => {
  const context = { call: 'IAM ListAccessKeys', region: 'eu-west-1', partition: 'aws', accessKeyId: WORKFLOW_KEY, secrets: ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'] };
  const failed = (code: string, message: string, reason: CallFailed['reason'] = 'permanent') =>
    new CallFailed(toAwsFailure(Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode: 403 } })), 1, reason, 10);

  test('the self-scoped policy, compact, per partition and user path', () => {
    expect(selfKeyReadPolicy('aws')).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"ReadOwnAccessKeyMetadata","Effect":"Allow","Action":["iam:ListAccessKeys","iam:GetAccessKeyLastUsed"],"Resource":"arn:aws:iam::*:user/${aws:username}"}]}',
    );
    expect(selfKeyReadPolicy('aws-cn', '/ci/')).toContain('"Resource":"arn:aws-cn:iam::*:user/ci/${aws:username}"');
  });

  test('AccessDenied prints the policy to attach, for the user AWS named', () => {
    const message = explainKeyAgeFailure(failed('AccessDenied', 'User: arn:aws:iam::111122223333:user/sam-cli-user is not authorized to perform: iam:ListAccessKeys on resource: user sam-cli-user because no identity-based policy allows the iam:ListAccessKeys action'), context);
    expect(message).toMatch(/^IAM user sam-cli-user may not read its own access keys\. Attach this policy to the user/);
    expect(message).toContain(selfKeyReadPolicy('aws'));
    expect(message).toContain('AWS said: AccessDenied: User: arn:aws:iam::111122223333:user/sam-cli-user is not authorized');
  });

  test('AccessDenied with the user in a path asks for the policy on that path', () => {
    const message = explainKeyAgeFailure(failed('AccessDenied', 'User: arn:aws:iam::111122223333:user/ci/deployer is not authorized to perform: iam:ListAccessKeys on resource: user deployer'), context);
    expect(message).toContain('"Resource":"arn:aws:iam::*:user/ci/${aws:username}"');
  });

  test('a deleted key and a wrong secret say so; AWS text is redacted', () => {
    expect(explainKeyAgeFailure(failed('InvalidClientTokenId', 'The security token included in the request is invalid.'), context)).toMatch(/AWS does not know the access key id in aws-access-key-id \(AKIA…AAAA\): the key was deleted or deactivated/);
    expect(explainKeyAgeFailure(failed('SignatureDoesNotMatch', 'signature'), context)).toMatch(/does not belong to the access key id AKIA…AAAA/);
    expect(explainKeyAgeFailure(failed('ValidationError', `bad ${context.secrets[0]} and ${WORKFLOW_KEY}`), context)).toBe(
      'IAM ListAccessKeys failed and trying again would not help. AWS said: ValidationError: bad *** and AKIA…AAAA',
    );
  });

  test('a transient error that did not heal says so and names the IAM endpoint variable', () => {
    const message = explainKeyAgeFailure(failed('Throttling', 'Rate exceeded', 'attempts'), context);
    expect(message).toMatch(/^IAM ListAccessKeys failed 1 time in 0\.0 s/);
  });
});
