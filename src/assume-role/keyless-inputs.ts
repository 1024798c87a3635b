import type { Partition, RoleArn } from '../shared/aws-names.js';
import { InputParser, type InputReader, type Parsed } from '../shared/input-parser.js';
import { parseRegion } from '../shared/user-key-inputs.js';
import { checkRoleArn, parseRole, parseSharedOptions, type SharedOptions } from './role-inputs.js';

/** The audience GitHub's token is requested for, as aws-actions/configure-aws-credentials names it. */
export const DEFAULT_AUDIENCE = 'sts.amazonaws.com';

/** Printed in messages and in a suggested command line, so no white space, quotes or shell characters. */
const AUDIENCE = /^[\w.:/@+=-]{1,256}$/;

/** Keyless mode: a role ARN (no key could name its account), and no tags, external id or source identity. */
export interface KeylessInputs extends SharedOptions {
  region: string;
  partition: Partition;
  audience: string;
  role: RoleArn;
}

/** Mode by input, never by guess: keyless exactly when aws-access-key-id is empty. */
export function isKeyless(read: InputReader): boolean {
  return read('aws-access-key-id').trim() === '';
}

/**
 * Inputs only the key path can honour are refused, not ignored: AssumeRoleWithWebIdentity has no
 * ExternalId, and takes session tags and the source identity from the token's claims only.
 */
function refuseKeyOnlyInputs(parser: InputParser): void {
  if (parser.optional('aws-secret-access-key') !== undefined) {
    parser.problem('aws-secret-access-key', 'is set but aws-access-key-id is empty: give both (keys), or neither (keyless, with GitHub\'s OIDC token)');
  }
  if (parser.optional('role-external-id') !== undefined) {
    parser.problem('role-external-id', 'applies only with keys: AssumeRoleWithWebIdentity takes no external id; remove it');
  }
  if (parser.boolean('session-tags', false)) {
    parser.problem('session-tags', 'applies only with keys: in keyless mode STS takes session tags from the token\'s claims; remove it or set it to false');
  }
  if (parser.optional('source-identity') !== undefined) {
    parser.problem('source-identity', 'applies only with keys: in keyless mode STS takes the source identity from the token\'s claims; remove it');
  }
}

export function parseKeylessInputs(read: InputReader): Parsed<KeylessInputs> {
  const parser = new InputParser(read);
  refuseKeyOnlyInputs(parser);
  const { region, partition } = parseRegion(parser);
  const role = parseRole(parser);
  if (role?.kind === 'name') {
    parser.problem('role-to-assume', 'must be a role ARN (arn:PARTITION:iam::ACCOUNT_ID:role/[PATH/]NAME) in keyless mode: there is no key whose account a bare role name could be in');
  }
  const audience = parser.pattern('audience', AUDIENCE, 'must be 1 to 256 characters from A-Z a-z 0-9 _ . : / @ + = -, like sts.amazonaws.com') ?? DEFAULT_AUDIENCE;
  const { accountsReadable, ...shared } = parseSharedOptions(parser);
  checkRoleArn(parser, role, { region, partition }, { ...shared, accountsReadable });
  const complete = role?.kind === 'arn' && region !== undefined && partition !== undefined;
  return parser.result(complete ? { ...shared, region, partition, audience, role: role.role } : undefined);
}
