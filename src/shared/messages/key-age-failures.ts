import { callerArnFromMessage, selfKeyReadPolicy } from '../iam-policies.js';
import type { CallFailed } from '../retry.js';
import { awsSaid, explainCommonFailure, type CallContext } from './aws-failures.js';

/** The user's name and path from `arn:aws:iam::123456789012:user/path/name`. */
function userOfArn(arn: string | undefined): { name: string; path: string } | undefined {
  const match = /^arn:[a-z-]+:iam::\d{12}:user(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn ?? '');
  return match ? { path: match[1] ?? '/', name: match[2] ?? '' } : undefined;
}

function explainAccessDenied(message: string, context: CallContext, said: string): string {
  const callerArn = callerArnFromMessage(message);
  const user = userOfArn(callerArn);
  if (callerArn && !user) {
    return `${context.call} was denied to ${callerArn}, which is not an IAM user: the key-age check needs the limited IAM user's own long-lived keys. AWS said: ${said}`;
  }
  const who = user ? `IAM user ${user.name}` : 'The IAM user of aws-access-key-id';
  return `${who} may not read its own access keys. Attach this policy to the user ` +
    `(IAM console → Users → ${user?.name ?? 'USER_NAME'} → Permissions → Add permissions → Create inline policy → JSON), ` +
    `or deploy iam/deploy-access.yml, which includes it: ${selfKeyReadPolicy(context.partition, user?.path)} ` +
    `It allows iam:ListAccessKeys and iam:GetAccessKeyLastUsed on the user itself only. AWS said: ${said}`;
}

/** One message that tells the user what to change, for every way the key-age IAM calls can fail. */
export function explainKeyAgeFailure(failed: CallFailed, context: CallContext): string {
  const common = explainCommonFailure(failed, context);
  if (common) return common;
  const said = awsSaid(failed.failure, context.secrets);
  if (failed.failure.code === 'AccessDenied' || failed.failure.code === 'AccessDeniedException') {
    return explainAccessDenied(failed.failure.message, context, said);
  }
  return `${context.call} failed and trying again would not help. AWS said: ${said}`;
}
