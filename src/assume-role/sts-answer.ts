import type { AssumedRole } from './ports.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, type RoleArn } from '../shared/aws-names.js';
import { stsAnswerRefusals } from './messages/assume-role-failures.js';

/**
 * What an AssumeRole or AssumeRoleWithWebIdentity answer (`call` names it) must be before anything of it is exported or printed: a fake or
 * redirected endpoint (an `endpoint_url` in an AWS config file) can answer anything. The
 * assumed-role ARN is `arn:PARTITION:sts::ACCOUNT:assumed-role/ROLE_NAME/SESSION_NAME`, in the
 * requested role's partition and account; the credentials have AWS's shapes; the expiry is after
 * now and at most 12 hours (STS's longest session) from now, with a few minutes for clock difference.
 */
const ASSUMED_ROLE_ARN = /^arn:([a-z-]+):sts::(\d{12}):assumed-role\/[\w+=,.@-]{1,64}\/[\w+=,.@-]{2,64}$/;
const SESSION_TOKEN = /^[A-Za-z0-9/+=]{16,}$/;
const LONGEST_SESSION_MS = 12 * 60 * 60 * 1000;
const CLOCK_DIFFERENCE_MS = 5 * 60 * 1000;

/** Undefined when the answer can be used, else the one refusal to fail the step with. */
export function refuseStsAnswer(call: string, assumed: AssumedRole, role: RoleArn, now: Date): string | undefined {
  const { credentials } = assumed;
  const arn = ASSUMED_ROLE_ARN.exec(assumed.assumedRoleArn);
  if (!arn) return stsAnswerRefusals.malformedArn(call, assumed.assumedRoleArn);
  const [, partition, account = ''] = arn;
  if (partition !== role.partition || account !== role.account)
    return stsAnswerRefusals.otherAccount(call, assumed.assumedRoleArn, account, role.account);
  if (
    !ACCESS_KEY_ID.test(credentials.accessKeyId) ||
    !SECRET_ACCESS_KEY.test(credentials.secretAccessKey) ||
    !SESSION_TOKEN.test(credentials.sessionToken)
  ) {
    return stsAnswerRefusals.malformedCredentials(call);
  }
  const expires = credentials.expiration.getTime();
  if (Number.isNaN(expires)) return stsAnswerRefusals.impossibleExpiration(call, undefined);
  if (expires <= now.getTime() || expires > now.getTime() + LONGEST_SESSION_MS + CLOCK_DIFFERENCE_MS) {
    return stsAnswerRefusals.impossibleExpiration(call, credentials.expiration);
  }
  return undefined;
}
