import type { IssueTracker } from './ports.js';
import { trackingIssueTexts } from './messages/tracking-issue.js';
import type { ReportContext } from './key-age-report.js';
import type { KeyAssessment } from './key-findings.js';
import { closingComment, duplicateComment, issueBody, issueTitle, planTrackingIssue, trackingMarker } from './tracking-issue-plan.js';

async function closeIssue(issues: IssueTracker, number: number, comment: string, reason: 'completed' | 'not_planned'): Promise<void> {
  await issues.comment(number, comment);
  await issues.close(number, reason);
}

/** Opens, updates or closes the one tracking issue; returns what it did, in one line for the log. */
export async function syncTrackingIssue(
  issues: IssueTracker,
  assessment: KeyAssessment,
  context: ReportContext & { runUrl?: string; account: string },
): Promise<string> {
  const marker = trackingMarker(context.account, context.userName);
  const ownLogin = await issues.viewerLogin();
  const plan = planTrackingIssue(assessment, await issues.listOpenBy(ownLogin), marker, ownLogin);
  if (plan.action === 'none') return trackingIssueTexts.none;
  const title = issueTitle(assessment, context.userName, context.account);
  if (plan.action === 'open') return trackingIssueTexts.opened(await issues.create(title, issueBody(assessment, { ...context, marker })));
  for (const duplicate of plan.duplicates) await closeIssue(issues, duplicate, duplicateComment(plan.number), 'not_planned');
  if (plan.action === 'update') {
    await issues.update(plan.number, title, issueBody(assessment, { ...context, marker }));
    return trackingIssueTexts.updated(plan.number);
  }
  await closeIssue(issues, plan.number, closingComment(context), 'completed');
  return trackingIssueTexts.closed(plan.number);
}
