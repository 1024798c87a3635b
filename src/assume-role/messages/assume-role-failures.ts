import { callerArnFromMessage, trustStatement } from '../../shared/iam-policies.js';
import { keyHint, redact } from '../../shared/redact.js';
import type { CallFailed } from '../../shared/retry.js';
import { awsSaid, explainGaveUp, explainKeyFailure, type CallContext } from '../../shared/messages/aws-failures.js';

export interface AssumeRoleContext extends CallContext {
  roleArn: string;
  roleName: string;
  durationSeconds: number;
  sessionTags: boolean;
  sourceIdentity: boolean;
  externalId: boolean;
}

function explainAccessDenied(message: string, context: AssumeRoleContext, said: string): string {
  const namedUser = callerArnFromMessage(message);
  const userArn = namedUser ?? `arn:${context.partition}:iam::ACCOUNT_ID:user/USER_NAME`;
  const caller = namedUser ?? `The IAM user of aws-access-key-id (${keyHint(context.accessKeyId)})`;
  const statement = trustStatement(userArn, { sessionTags: context.sessionTags, sourceIdentity: context.sourceIdentity });
  if (/sts:TagSession/.test(message)) {
    return (
      `The trust policy of ${context.roleArn} lets ${userArn} assume the role but not tag the session. ` +
      `Add "sts:TagSession" to the Action of the statement that trusts the user, or set session-tags: false. AWS said: ${said}`
    );
  }
  if (/sts:SetSourceIdentity/.test(message)) {
    return (
      `The trust policy of ${context.roleArn} lets ${userArn} assume the role but not set a source identity. ` +
      `Add "sts:SetSourceIdentity" to the Action of the statement that trusts the user, or remove source-identity. AWS said: ${said}`
    );
  }
  return (
    `${caller} may not assume ${context.roleArn}. Add this statement to the role's trust policy ` +
    `(IAM console → Roles → ${context.roleName} → Trust relationships)${namedUser ? '' : ", with your user's ARN in place of the placeholder"}: ${statement} ` +
    `If the role is in another account than the user, the user also needs an identity policy allowing sts:AssumeRole on the role. ` +
    `${context.externalId ? "Check that role-external-id matches the role's sts:ExternalId condition. " : 'If the role requires an external id, set role-external-id. '}` +
    `AWS said: ${said}`
  );
}

/** The AWS error codes explainAssumeRoleFailure has its own message for (besides KEY_FAILURE_CODES). */
export const ASSUME_ROLE_FAILURE_CODES = [
  'AccessDenied',
  'AccessDeniedException',
  'RegionDisabledException',
  'MalformedPolicyDocument',
  'MalformedPolicyDocumentException',
  'PackedPolicyTooLarge',
  'PackedPolicyTooLargeException',
  'ValidationError',
] as const;

/** One message that tells the user what to change, for every way AssumeRole can fail. */
export function explainAssumeRoleFailure(failed: CallFailed, context: AssumeRoleContext): string {
  if (failed.reason !== 'permanent') return explainGaveUp(failed, context);
  const { failure } = failed;
  const keyProblem = explainKeyFailure(failure, context);
  if (keyProblem) return keyProblem;
  const said = awsSaid(failure, context.secrets);
  switch (failure.code) {
    case 'AccessDenied':
    case 'AccessDeniedException':
      return explainAccessDenied(failure.message, context, said);
    case 'RegionDisabledException':
      return (
        `STS is not active in ${context.region} for this account. Activate it (IAM console → Account settings → ` +
        `Security Token Service (STS) → Endpoints → ${context.region}), or set aws-region to a region where it is active. AWS said: ${said}`
      );
    case 'MalformedPolicyDocument':
    case 'MalformedPolicyDocumentException':
      return `AWS rejected the session policy: fix inline-session-policy or managed-session-policies. AWS said: ${said}`;
    case 'PackedPolicyTooLarge':
    case 'PackedPolicyTooLargeException':
      return `The session policies and tags are too large once packed: shorten inline-session-policy, use fewer managed-session-policies, or set session-tags: false. AWS said: ${said}`;
    case 'ValidationError':
      if (/DurationSeconds|MaxSessionDuration/i.test(failure.message)) {
        return (
          `role-duration-seconds is ${context.durationSeconds}, more than the MaxSessionDuration of ${context.roleArn}. ` +
          `Ask for less (the role's maximum is 3600 unless raised), or raise it: ` +
          `aws iam update-role --role-name ${context.roleName} --max-session-duration ${context.durationSeconds}. AWS said: ${said}`
        );
      }
      return `AWS rejected the AssumeRole request: check role-to-assume, role-session-name, role-external-id and source-identity. AWS said: ${said}`;
    default:
      return `${context.call} failed and trying again would not help. AWS said: ${said}`;
  }
}

/** What the step knows when a call fails; the message falls back to placeholders for what it does not. */
export interface AssumeRoleFacts extends Omit<AssumeRoleContext, 'call' | 'roleArn' | 'roleName'> {
  /** Known once role-to-assume is an ARN or GetCallerIdentity resolved the bare name. */
  role?: { arn: string; name: string };
  /** The bare role name given, before it was resolved. */
  givenRoleName?: string;
}

/** The context for explainAssumeRoleFailure: AssumeRole once the role is known, else GetCallerIdentity. */
export function assumeRoleContext(facts: AssumeRoleFacts): AssumeRoleContext {
  const { role, givenRoleName, ...rest } = facts;
  return {
    ...rest,
    call: role ? 'STS AssumeRole' : 'STS GetCallerIdentity',
    roleArn: role?.arn ?? 'the role',
    roleName: role?.name ?? givenRoleName ?? 'ROLE_NAME',
  };
}

export const assumeRoleRefusals = {
  /** `what` names the role: `role-to-assume (ARN)` or `The role STS returned credentials for (ARN)`. */
  accountNotAllowed: (what: string) => `${what} is in an account that allowed-account-ids does not list; nothing was exported`,
  givenRole: (arn: string) => `role-to-assume (${arn})`,
  returnedRole: (arn: string) => `The role STS returned credentials for (${arn})`,
};

const ENDPOINT_HINT =
  "Is the endpoint AWS's? Check AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL and endpoint_url in the AWS config file (AWS_CONFIG_FILE, ~/.aws/config).";

/** An AssumeRole answer the action does not trust; `arn` is cleaned here, since it comes from the answer. */
export const stsAnswerRefusals = {
  malformedArn: (call: string, arn: string) =>
    `${call} answered with an assumed-role ARN that is not shaped like one (arn:PARTITION:sts::ACCOUNT_ID:assumed-role/ROLE/SESSION): ` +
    `"${redact(arn)}"; nothing was exported. ${ENDPOINT_HINT}`,
  otherAccount: (call: string, arn: string, account: string, roleAccount: string) =>
    `${call} answered with credentials for account ${account} (${redact(arn)}), but role-to-assume is in account ${roleAccount}; ` +
    `nothing was exported. ${ENDPOINT_HINT}`,
  malformedCredentials: (call: string) =>
    `${call} answered with credentials that are not shaped like AWS's; nothing was exported. ${ENDPOINT_HINT}`,
  impossibleExpiration: (call: string, expiration: Date | undefined) =>
    `${call} answered with credentials that expire at ${expiration ? expiration.toISOString() : 'a time that is not a date'}, ` +
    `which is not between now and 12 hours from now; nothing was exported. Check this runner's clock (NTP on a self-hosted runner). ${ENDPOINT_HINT}`,
};
