// @ts-check
/** What STS checks of an AssumeRole request beyond its parameters' shapes: trust, the role's longest session, the packed-policy budget. */
import { AwsError } from './errors.js';

/** Stand-in for STS's packed (compressed) session-policy budget; see README. */
const PACKED_POLICY_BUDGET_BYTES = 2048;

/**
 * The trust policy names the caller (enough within one account) or the caller's account root
 * (which then needs the caller's identity policy too, as does any cross-account call).
 * @param {import('./world.js').Role} role
 * @param {import('./world.js').Caller} caller
 */
export function trusts(role, caller) {
  const principal = caller.kind === 'user' ? caller.arn : caller.session.role.arn;
  const allowed = caller.kind === 'user' ? caller.user.canAssume : caller.session.role.canAssume;
  const identityPolicyAllows = allowed.includes('*') || allowed.includes(role.arn);
  if (role.trustedPrincipals.includes(principal)) return caller.account === role.account || identityPolicyAllows;
  return role.trustedPrincipals.includes(`arn:aws:iam::${caller.account}:root`) && identityPolicyAllows;
}

/**
 * @param {import('./world.js').Role} role
 * @param {number} durationSeconds
 */
export function checkMaxSessionDuration(role, durationSeconds) {
  if (durationSeconds > role.maxSessionDuration) {
    throw new AwsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }
}

/**
 * Percentage of the session-policy budget used by the inline policy, managed policy ARNs and tags.
 * @param {string | undefined} policy
 * @param {string[]} policyArns
 * @param {{ key: string, value: string }[]} tags
 */
export function packedPolicyPercent(policy, policyArns, tags) {
  if (policy === undefined && policyArns.length === 0 && tags.length === 0) return undefined;
  const bytes = (policy ?? '').length + policyArns.join('').length + tags.reduce((sum, tag) => sum + tag.key.length + tag.value.length, 0);
  const percent = Math.max(1, Math.ceil((bytes * 100) / PACKED_POLICY_BUDGET_BYTES));
  if (percent > 100) {
    throw new AwsError(
      400,
      'PackedPolicyTooLarge',
      `Packed policy consumes ${percent}% of allotted space, please use smaller policy for this session.`,
    );
  }
  return percent;
}

/** @param {string} text */
export function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
