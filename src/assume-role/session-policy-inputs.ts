/** inline-session-policy and managed-session-policies, held to STS's limits before any call. */
import { MANAGED_POLICY_ARN } from '../shared/aws-names.js';
import type { InputParser } from '../shared/input-parser.js';
import { inputRules } from '../shared/messages/inputs.js';

/** STS limits on the plain-text inline session policy and the number of managed session policies. */
const INLINE_POLICY_MAX_CHARS = 2048;
const MANAGED_POLICIES_MAX = 10;

export function parseInlinePolicy(parser: InputParser): string | undefined {
  const value = parser.optional('inline-session-policy');
  if (value === undefined) return undefined;
  let policy: unknown;
  try {
    policy = JSON.parse(value);
  } catch {
    return parser.problem('inline-session-policy', inputRules.policyNotJson);
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    return parser.problem('inline-session-policy', inputRules.policyNotObject);
  }
  const compact = JSON.stringify(policy);
  if (compact.length > INLINE_POLICY_MAX_CHARS) {
    return parser.problem('inline-session-policy', inputRules.policyTooLong(compact.length, INLINE_POLICY_MAX_CHARS));
  }
  return compact;
}

export function parseManagedPolicies(parser: InputParser): string[] {
  const arns = parser.list('managed-session-policies');
  const bad = arns.filter((arn) => !MANAGED_POLICY_ARN.test(arn));
  if (bad.length > 0) parser.problem('managed-session-policies', inputRules.managedPolicyArns(bad.length));
  if (arns.length > MANAGED_POLICIES_MAX)
    parser.problem('managed-session-policies', inputRules.managedPoliciesTooMany(MANAGED_POLICIES_MAX, arns.length));
  return arns;
}
