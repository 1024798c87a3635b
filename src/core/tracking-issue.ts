import { findingList, keyTable, type ReportContext } from './key-age-report.js';
import type { KeyAssessment } from './key-findings.js';

/**
 * The one GitHub issue that stands while a key-age finding does. Runs find it again by a hidden
 * HTML comment in its body (titles get edited by people; the marker does not show), so a later run
 * updates it instead of opening another, and closes it once everything is ok.
 */
export interface OpenIssue {
  number: number;
  body: string;
}

export type IssuePlan =
  | { action: 'none' }
  | { action: 'open' }
  | { action: 'update'; number: number; duplicates: number[] }
  | { action: 'close'; number: number; duplicates: number[] };

/** One marker per IAM user, so two workflows that check two users keep two issues. */
export function trackingMarker(userName: string | undefined): string {
  return `<!-- assume-deploy-role:key-age${userName ? ` user=${userName}` : ''} -->`;
}

export function planTrackingIssue(assessment: KeyAssessment, openIssues: readonly OpenIssue[], marker: string): IssuePlan {
  const tracking = openIssues.filter((issue) => issue.body.includes(marker)).map((issue) => issue.number).sort((a, b) => a - b);
  const [oldest, ...duplicates] = tracking;
  if (assessment.status === 'ok') return oldest === undefined ? { action: 'none' } : { action: 'close', number: oldest, duplicates };
  return oldest === undefined ? { action: 'open' } : { action: 'update', number: oldest, duplicates };
}

export function issueTitle(assessment: KeyAssessment, userName: string | undefined): string {
  const who = userName ? `IAM user ${userName}` : 'the deploy user';
  return assessment.status === 'fail' ? `Access key of ${who} is too old: rotate it` : `Access keys of ${who} need attention`;
}

export function issueBody(assessment: KeyAssessment, context: ReportContext & { marker: string; runUrl?: string }): string {
  const seen = context.runUrl ? `[this run](${context.runUrl})` : 'the latest run';
  return [
    context.marker,
    `The scheduled key-age check found this in ${seen} on ${context.now.toISOString()}:`,
    '',
    findingList(assessment.findings),
    '',
    keyTable(assessment),
    '',
    'Each run updates this issue while a finding stands and closes it when every key is within the limits. ' +
      'How to rotate a key without downtime: docs/key-age.md in assume-deploy-role.',
    '',
  ].join('\n');
}

export function closingComment(context: ReportContext & { runUrl?: string }): string {
  const seen = context.runUrl ? `[This run](${context.runUrl})` : 'The latest run';
  return `${seen} found every access key within the limits on ${context.now.toISOString()}; closing.`;
}

export function duplicateComment(number: number): string {
  return `Duplicate of #${number}, which tracks the same access keys; closing this one.`;
}

/** The run's page, for the issue to point at; undefined unless every part has its expected shape. */
export function runUrl(serverUrl: string | undefined, run: { repository?: string; runId?: string }): string | undefined {
  if (!serverUrl || !/^https:\/\/[\w.-]+(:\d+)?$/.test(serverUrl)) return undefined;
  if (!run.repository || !/^[\w.-]+\/[\w.-]+$/.test(run.repository) || !run.runId || !/^\d+$/.test(run.runId)) return undefined;
  return `${serverUrl}/${run.repository}/actions/runs/${run.runId}`;
}

/**
 * Why GitHub refused to read or write the tracking issue, as a warning: the key check itself has
 * already reported, so the issue is a convenience that must not hide or change its result.
 * `said` is GitHub's message, already redacted.
 */
export function explainIssueFailure(status: number | undefined, said: string, repository: string): string {
  const prefix = `The key check ran, but the tracking issue in ${repository} could not be updated`;
  if (/rate limit/i.test(said)) return `${prefix}: GitHub's API rate limit was reached; the next run tries again. GitHub said: ${said}`;
  switch (status) {
    case 401:
      return `${prefix}: GitHub did not accept github-token (401). Pass github-token: \${{ github.token }}, or a token that has not expired. GitHub said: ${said}`;
    case 403:
      return `${prefix}: github-token may not write issues (403). Give the job permissions: issues: write ` +
        `(with contents: read, which checkout needs), or set tracking-issue: false. GitHub said: ${said}`;
    case 404:
      return `${prefix}: GitHub answered 404, so github-token cannot see ${repository} or its issues. ` +
        `Use the workflow's own token (\${{ github.token }}) with permissions: issues: write. GitHub said: ${said}`;
    case 410:
      return `${prefix}: issues are turned off in ${repository}. Turn them on (Settings → General → Features → Issues) or set tracking-issue: false. GitHub said: ${said}`;
    default:
      return `${prefix}${status ? ` (HTTP ${status})` : ''}; the next run tries again. GitHub said: ${said}`;
  }
}
