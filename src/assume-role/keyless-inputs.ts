import type { InputParser } from '../core/input-parser.js';

/** The audience GitHub's token is requested for, as aws-actions/configure-aws-credentials names it. */
export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';

/** Printed in messages and in a suggested command line, so no white space, quotes or shell characters. */
const AUDIENCE = /^[\w.:/@+=-]{1,256}$/;

/** Mode by input, never by guess: keyless exactly when aws-access-key-id is empty. */
export function isKeyless(read: (name: string) => string): boolean {
  return read('aws-access-key-id').trim() === '';
}

/**
 * What keyless mode reads besides the options both modes share: the audience, and refusals of
 * inputs that only the key path can honour (AssumeRoleWithWebIdentity has no ExternalId, and takes
 * session tags and the source identity from the token's claims, never from the request).
 */
export function parseKeylessOnly(parser: InputParser): string {
  if (parser.optional('aws-secret-access-key') !== undefined) {
    parser.problem('aws-secret-access-key', 'is set but aws-access-key-id is empty: give both (keys), or neither (keyless, with GitHub\'s OIDC token)');
  }
  const audience = parser.pattern('audience', AUDIENCE, 'must be 1 to 256 characters from A-Z a-z 0-9 _ . : / @ + = -, like sts.amazonaws.com');
  if (parser.optional('role-external-id') !== undefined) {
    parser.problem('role-external-id', 'applies only with keys: AssumeRoleWithWebIdentity takes no external id; remove it');
  }
  return audience ?? DEFAULT_AUDIENCE;
}

/** Keyless mode has no key whose account a bare role name could be looked up in. */
export const KEYLESS_ROLE_RULE = 'must be a role ARN (arn:PARTITION:iam::ACCOUNT_ID:role/[PATH/]NAME) in keyless mode: there is no key whose account a bare role name could be in';
export const KEYLESS_SESSION_TAGS_RULE = 'applies only with keys: in keyless mode STS takes session tags from the token\'s claims; remove it or set it to false';
export const KEYLESS_SOURCE_IDENTITY_RULE = 'applies only with keys: in keyless mode STS takes the source identity from the token\'s claims; remove it';
