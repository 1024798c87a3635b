import { getOctokit } from '@actions/github';
import type { ReportContext } from '../core/key-age-report.js';
import type { KeyAssessment } from '../core/key-findings.js';
import {
  closingComment,
  duplicateComment,
  issueBody,
  issueTitle,
  planTrackingIssue,
  trackingMarker,
  type OpenIssue,
} from '../core/tracking-issue.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface Repository {
  owner: string;
  repo: string;
}

/**
 * `fetch` replaces the proxy-aware transport of @actions/github; only tests pass one, to answer
 * through nock, which sees the global fetch but not undici's.
 */
export function createGitHubClient(token: string, fetch?: typeof globalThis.fetch): GitHubClient {
  return getOctokit(token, fetch ? { request: { fetch } } : {});
}

async function openTrackingIssues(github: GitHubClient, repository: Repository): Promise<OpenIssue[]> {
  const issues = await github.paginate(github.rest.issues.listForRepo, { ...repository, state: 'open', per_page: 100 });
  return issues
    .filter((issue) => issue.pull_request === undefined)
    .map((issue) => ({ number: issue.number, body: issue.body ?? '' }));
}

async function closeIssue(github: GitHubClient, repository: Repository, number: number, comment: string, reason: 'completed' | 'not_planned'): Promise<void> {
  await github.rest.issues.createComment({ ...repository, issue_number: number, body: comment });
  await github.rest.issues.update({ ...repository, issue_number: number, state: 'closed', state_reason: reason });
}

/** Opens, updates or closes the one tracking issue; returns what it did, in one line for the log. */
export async function syncTrackingIssue(
  github: GitHubClient,
  repository: Repository,
  assessment: KeyAssessment,
  context: ReportContext & { runUrl?: string },
): Promise<string> {
  const marker = trackingMarker(context.userName);
  const plan = planTrackingIssue(assessment, await openTrackingIssues(github, repository), marker);
  if (plan.action === 'none') return 'No tracking issue is open and none is needed.';
  if (plan.action === 'open') {
    const created = await github.rest.issues.create({ ...repository, title: issueTitle(assessment, context.userName), body: issueBody(assessment, { ...context, marker }) });
    return `Opened tracking issue #${Number(created.data.number)}.`;
  }
  for (const duplicate of plan.duplicates) await closeIssue(github, repository, duplicate, duplicateComment(plan.number), 'not_planned');
  if (plan.action === 'update') {
    await github.rest.issues.update({ ...repository, issue_number: plan.number, title: issueTitle(assessment, context.userName), body: issueBody(assessment, { ...context, marker }) });
    return `Updated tracking issue #${plan.number}.`;
  }
  await closeIssue(github, repository, plan.number, closingComment(context), 'completed');
  return `Closed tracking issue #${plan.number}: every key is within the limits.`;
}
