/**
 * The tracking issue's texts: title, body sentences, comments, the log line of what was done, and
 * the warning when GitHub refused. `said` is always GitHub's message, already redacted.
 */

export const trackingIssueTexts = {
  title: (status: 'warn' | 'fail', userName: string | undefined, account: string) => {
    const who = `${userName ? `IAM user ${userName}` : 'the deploy user'} in account ${account}`;
    return status === 'fail' ? `Access key of ${who} is too old: rotate it` : `Access keys of ${who} need attention`;
  },
  bodyIntro: (runUrl: string | undefined, when: Date) =>
    `The scheduled key-age check found this in ${runUrl ? `[this run](${runUrl})` : 'the latest run'} on ${when.toISOString()}:`,
  bodyFooter:
    'Each run updates this issue while a finding stands and closes it when every key is within the limits. ' +
    'How to rotate a key without downtime: the `assume-deploy-role rotate` command named above (docs/rotation.md in assume-deploy-role).',
  closingComment: (runUrl: string | undefined, when: Date) =>
    `${runUrl ? `[This run](${runUrl})` : 'The latest run'} found every access key within the limits on ${when.toISOString()}; closing.`,
  duplicateComment: (number: number) => `Duplicate of #${number}, which tracks the same access keys; closing this one.`,
  none: 'No tracking issue is open and none is needed.',
  opened: (number: number) => `Opened tracking issue #${number}.`,
  updated: (number: number) => `Updated tracking issue #${number}.`,
  closed: (number: number) => `Closed tracking issue #${number}: every key is within the limits.`,
};

export const ISSUE_FAILURE_STATUSES = [401, 403, 404, 410] as const;

/** GetCallerIdentity failed, so the issue's account is unknown; `why` is the AWS failure, explained and cleaned. */
export function accountUnknown(repository: string, why: string): string {
  return `The key check ran, but the tracking issue in ${repository} could not be updated: STS GetCallerIdentity, which names the keys' account, failed. ${why}`;
}

export interface IssueFailure {
  /** `timeout`: no answer in time; `network`: the connection failed or was dropped; `http`: GitHub answered with `status`; `refused`: not sent, `said` says why. */
  kind: 'timeout' | 'network' | 'http' | 'refused' | 'other';
  status?: number;
  /** ECONNRESET, UND_ERR_SOCKET…, for `network`. */
  code?: string;
  attempts?: number;
  elapsedMs?: number;
}

function tries(failure: IssueFailure): string {
  const seconds = failure.elapsedMs === undefined ? '' : ` in ${(failure.elapsedMs / 1000).toFixed(1)} s`;
  return failure.attempts === undefined ? '' : ` (${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}${seconds})`;
}

/**
 * Why GitHub refused to read or write the tracking issue, as a warning: the key check itself has
 * already reported, so the issue is a convenience that must not hide or change its result.
 */
export function explainIssueFailure(failure: IssueFailure, said: string, repository: string): string {
  const prefix = `The key check ran, but the tracking issue in ${repository} could not be updated`;
  const { status } = failure;
  if (failure.kind === 'refused') return `${prefix}: ${said}`;
  if (failure.kind === 'timeout') {
    return `${prefix}: GitHub gave ${said}${tries(failure)}; the next run tries again. Check that this runner can reach GitHub's API (GITHUB_API_URL, HTTPS_PROXY).`;
  }
  if (failure.kind === 'network') {
    return (
      `${prefix}: the connection to GitHub's API was reset or closed before an answer${failure.code ? ` (${failure.code})` : ''}${tries(failure)}; ` +
      `the next run tries again. Check that this runner can reach GitHub's API (GITHUB_API_URL, HTTPS_PROXY). GitHub's client said: ${said}`
    );
  }
  if (/rate limit/i.test(said)) return `${prefix}: GitHub's API rate limit was reached; the next run tries again. GitHub said: ${said}`;
  switch (status) {
    case 401:
      return `${prefix}: GitHub did not accept github-token (401). Pass github-token: \${{ github.token }}, or a token that has not expired. GitHub said: ${said}`;
    case 403:
      return (
        `${prefix}: github-token may not write issues (403). Give the job permissions: issues: write ` +
        `(with contents: read, which checkout needs), or set tracking-issue: false. GitHub said: ${said}`
      );
    case 404:
      return (
        `${prefix}: GitHub answered 404, so github-token cannot see ${repository} or its issues. ` +
        `Use the workflow's own token (\${{ github.token }}) with permissions: issues: write. GitHub said: ${said}`
      );
    case 410:
      return `${prefix}: issues are turned off in ${repository}. Turn them on (Settings → General → Features → Issues) or set tracking-issue: false. GitHub said: ${said}`;
    default:
      return `${prefix}${status ? ` (HTTP ${status})` : ''}${tries(failure)}; the next run tries again. GitHub said: ${said}`;
  }
}
