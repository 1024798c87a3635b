import {
  ACCOUNT_ID,
  EXTERNAL_ID,
  MANAGED_POLICY_ARN,
  SESSION_NAME,
  parseBareRoleName,
  parseRoleArn,
  type RoleArn,
} from '../shared/aws-names.js';
import { InputParser, type InputReader, type Parsed } from '../shared/input-parser.js';
import { isComplete, parseUserKeyInputs, type UserKeyInputs } from '../shared/user-key-inputs.js';

export type RoleInput = { kind: 'arn'; role: RoleArn } | { kind: 'name'; path: string; name: string };

export interface RootInputs extends UserKeyInputs {
  role: RoleInput;
  sessionName?: string;
  durationSeconds: number;
  externalId?: string;
  maskAccountId: boolean;
  outputCredentials: boolean;
  allowedAccountIds: string[];
  inlineSessionPolicy?: string;
  managedSessionPolicies: string[];
  retryMaxAttempts: number;
  sessionTags: boolean;
  sourceIdentity?: string;
}

/** STS limits on the plain-text inline session policy and the number of managed session policies. */
const INLINE_POLICY_MAX_CHARS = 2048;
const MANAGED_POLICIES_MAX = 10;

function parseRole(parser: InputParser): RoleInput | undefined {
  const value = parser.required('role-to-assume');
  if (value === undefined) return undefined;
  if (value.startsWith('arn:')) {
    const role = parseRoleArn(value);
    if (role) return { kind: 'arn', role };
    return parser.problem('role-to-assume', 'must be an IAM role ARN (arn:PARTITION:iam::ACCOUNT_ID:role/[PATH/]NAME) or a bare role name in the keys\' own account');
  }
  const bare = parseBareRoleName(value);
  if (bare) return { kind: 'name', ...bare };
  return parser.problem('role-to-assume', 'must be a role name of 1 to 64 characters from A-Z a-z 0-9 + = , . @ _ - (optionally after a path), or a role ARN');
}

function parseInlinePolicy(parser: InputParser): string | undefined {
  const value = parser.optional('inline-session-policy');
  if (value === undefined) return undefined;
  let policy: unknown;
  try {
    policy = JSON.parse(value);
  } catch {
    return parser.problem('inline-session-policy', 'must be a JSON policy document; it does not parse as JSON');
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    return parser.problem('inline-session-policy', 'must be a JSON object (a policy document with Version and Statement)');
  }
  const compact = JSON.stringify(policy);
  if (compact.length > INLINE_POLICY_MAX_CHARS) {
    return parser.problem('inline-session-policy', `is ${compact.length} characters without white space; STS accepts at most ${INLINE_POLICY_MAX_CHARS}`);
  }
  return compact;
}

function parseManagedPolicies(parser: InputParser): string[] {
  const arns = parser.list('managed-session-policies');
  const bad = arns.filter((arn) => !MANAGED_POLICY_ARN.test(arn));
  if (bad.length > 0) parser.problem('managed-session-policies', `each entry must be an IAM managed policy ARN (arn:PARTITION:iam::ACCOUNT_ID|aws:policy/NAME); ${bad.length} entr${bad.length === 1 ? 'y is' : 'ies are'} not`);
  if (arns.length > MANAGED_POLICIES_MAX) parser.problem('managed-session-policies', `STS accepts at most ${MANAGED_POLICIES_MAX} policies, got ${arns.length}`);
  return arns;
}

export function parseRootInputs(read: InputReader): Parsed<RootInputs> {
  const parser = new InputParser(read);
  const keys = parseUserKeyInputs(parser);
  const role = parseRole(parser);
  const sessionName = parser.pattern('role-session-name', SESSION_NAME, 'must be 2 to 64 characters from A-Z a-z 0-9 + = , . @ _ -');
  const durationSeconds = parser.wholeNumber('role-duration-seconds', 3600, 900, 43200);
  const externalId = parser.pattern('role-external-id', EXTERNAL_ID, 'must be 2 to 1224 characters from A-Z a-z 0-9 + = , . @ : / _ -');
  const maskAccountId = parser.boolean('mask-aws-account-id', false);
  const outputCredentials = parser.boolean('output-credentials', false);
  const allowedAccountIds = parser.list('allowed-account-ids');
  const accountsReadable = allowedAccountIds.every((id) => ACCOUNT_ID.test(id));
  if (!accountsReadable) parser.problem('allowed-account-ids', 'must be 12-digit AWS account ids separated by commas');
  const inlineSessionPolicy = parseInlinePolicy(parser);
  const managedSessionPolicies = parseManagedPolicies(parser);
  const retryMaxAttempts = parser.wholeNumber('retry-max-attempts', 5, 1, 20);
  const sessionTags = parser.boolean('session-tags', false);
  // STS also forbids an `aws:` prefix, which this alphabet (no colon) already excludes.
  const sourceIdentity = parser.pattern('source-identity', SESSION_NAME, 'must be 2 to 64 characters from A-Z a-z 0-9 + = , . @ _ -');

  if (role?.kind === 'arn' && keys.partition !== undefined && role.role.partition !== keys.partition) {
    parser.problem('role-to-assume', `is in partition ${role.role.partition}, but aws-region ${keys.region} is in partition ${keys.partition}`);
  }
  if (role?.kind === 'arn' && accountsReadable && allowedAccountIds.length > 0 && !allowedAccountIds.includes(role.role.account)) {
    parser.problem('role-to-assume', 'is in an account that allowed-account-ids does not list');
  }

  return parser.result(role && isComplete(keys) ? {
    ...keys,
    role,
    sessionName,
    durationSeconds,
    externalId,
    maskAccountId,
    outputCredentials,
    allowedAccountIds,
    inlineSessionPolicy,
    managedSessionPolicies,
    retryMaxAttempts,
    sessionTags,
    sourceIdentity,
  } : undefined);
}
