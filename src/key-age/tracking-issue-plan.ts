import { trackingIssueTexts } from './messages/tracking-issue.js';
import type { OwnedIssue } from './ports.js';
import { findingList, keyTable, type ReportContext } from './key-age-report.js';
import type { KeyAssessment } from './key-findings.js';

/**
 * The one GitHub issue that stands while a key-age finding does. Runs find it again by a hidden
 * HTML comment in its body (titles get edited by people; the marker does not show), so a later run
 * updates it instead of opening another, and closes it once everything is ok. Anyone can type the
 * marker, so only an issue the token's own identity created can be the tracking issue; the marker
 * names the account and the user, so the same user name in two accounts keeps two issues.
 */
export type IssuePlan =
  | { action: 'none' }
  | { action: 'open' }
  | { action: 'update'; number: number; duplicates: number[] }
  | { action: 'close'; number: number; duplicates: number[] };

/** One marker per IAM user in one account, so two workflows that check two users keep two issues. */
export function trackingMarker(account: string, userName: string | undefined): string {
  return `<!-- assume-deploy-role:key-age account=${account}${userName ? ` user=${userName}` : ''} -->`;
}

/** `ownLogin` is the token's identity: an issue anyone else created is never adopted, edited or closed. */
export function planTrackingIssue(
  assessment: KeyAssessment,
  openIssues: readonly OwnedIssue[],
  marker: string,
  ownLogin: string,
): IssuePlan {
  const tracking = openIssues
    .filter((issue) => issue.author === ownLogin && issue.body.split(/\r?\n/, 1)[0] === marker)
    .map((issue) => issue.number)
    .sort((a, b) => a - b);
  const [oldest, ...duplicates] = tracking;
  if (assessment.status === 'ok') return oldest === undefined ? { action: 'none' } : { action: 'close', number: oldest, duplicates };
  return oldest === undefined ? { action: 'open' } : { action: 'update', number: oldest, duplicates };
}

export function issueTitle(assessment: KeyAssessment, userName: string | undefined, account: string): string {
  return trackingIssueTexts.title(assessment.status === 'fail' ? 'fail' : 'warn', userName, account);
}

export function issueBody(assessment: KeyAssessment, context: ReportContext & { marker: string; runUrl?: string }): string {
  return [
    context.marker,
    trackingIssueTexts.bodyIntro(context.runUrl, context.now),
    '',
    findingList(assessment.findings),
    '',
    keyTable(assessment),
    '',
    trackingIssueTexts.bodyFooter,
    '',
  ].join('\n');
}

export function closingComment(context: ReportContext & { runUrl?: string }): string {
  return trackingIssueTexts.closingComment(context.runUrl, context.now);
}

export const duplicateComment = trackingIssueTexts.duplicateComment;

/** The run's page, for the issue to point at; undefined unless every part has its expected shape. */
export function runUrl(serverUrl: string | undefined, run: { repository?: string; runId?: string }): string | undefined {
  if (!serverUrl || !/^https:\/\/[\w.-]+(:\d+)?$/.test(serverUrl)) return undefined;
  if (!run.repository || !/^[\w.-]+\/[\w.-]+$/.test(run.repository) || !run.runId || !/^\d+$/.test(run.runId)) return undefined;
  return `${serverUrl}/${run.repository}/actions/runs/${run.runId}`;
}
