import { callerArnFromMessage, selfKeyReadPolicy } from '../../shared/iam-policies.js';
import type { CallFailed } from '../../shared/retry.js';
import { awsSaid, explainCommonFailure, type CallContext } from '../../shared/messages/aws-failures.js';

/** The user's name and path from `arn:aws:iam::123456789012:user/path/name`. */
function userOfArn(arn: string | undefined): { name: string; path: string } | undefined {
  const match = /^arn:[a-z-]+:iam::\d{12}:user(\/(?:[^/]+\/)*)([^/]+)$/.exec(arn ?? '');
  return match ? { path: match[1] ?? '/', name: match[2] ?? '' } : undefined;
}

/** Read with a role session's credentials (user-name): the role's policy must name the user. */
function explainWatcherDenied(message: string, context: KeyAgeCallContext, userName: string, said: string): string {
  const callerArn = callerArnFromMessage(message) ?? 'the credentials from the environment';
  return (
    `${context.call} was denied to ${callerArn}, which may not read the access keys of IAM user ${userName}: ` +
    'assume the key-age watcher role in the step before (role-to-assume: ${{ vars.AWS_KEY_AGE_ROLE_ARN }}; iam/deploy-access.yml creates it with KeyAgeWatcherRepository ' +
    'and allows it iam:ListAccessKeys and iam:GetAccessKeyLastUsed on its user only), and check that user-name is that user ' +
    `(the template's UserName). AWS said: ${said}`
  );
}

function explainAccessDenied(message: string, context: KeyAgeCallContext, said: string): string {
  if (context.userName !== undefined) return explainWatcherDenied(message, context, context.userName, said);
  const callerArn = callerArnFromMessage(message);
  const user = userOfArn(callerArn);
  if (callerArn && !user) {
    return `${context.call} was denied to ${callerArn}, which is not an IAM user: the key-age check needs the limited IAM user's own long-lived keys. AWS said: ${said}`;
  }
  const who = user ? `IAM user ${user.name}` : 'The IAM user of aws-access-key-id';
  return (
    `${who} may not read its own access keys. Attach this policy to the user ` +
    `(IAM console → Users → ${user?.name ?? 'USER_NAME'} → Permissions → Add permissions → Create inline policy → JSON), ` +
    `or deploy iam/deploy-access.yml, which includes it: ${selfKeyReadPolicy(context.partition, user?.path)} ` +
    `It allows iam:ListAccessKeys and iam:GetAccessKeyLastUsed on the user itself only. AWS said: ${said}`
  );
}

/** `userName`: the user named in the calls, when a role session's credentials from the environment sign them. */
export type KeyAgeCallContext = CallContext & { userName?: string };

/** One message that tells the user what to change, for every way the key-age IAM calls can fail. */
export function explainKeyAgeFailure(failed: CallFailed, context: KeyAgeCallContext): string {
  const common = explainCommonFailure(failed, context);
  if (common) return common;
  const said = awsSaid(failed.failure, context.secrets);
  if (failed.failure.code === 'AccessDenied' || failed.failure.code === 'AccessDeniedException') {
    return explainAccessDenied(failed.failure.message, context, said);
  }
  return `${context.call} failed and trying again would not help. AWS said: ${said}`;
}
