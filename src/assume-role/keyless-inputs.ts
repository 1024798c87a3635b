import type { Partition, RoleArn } from '../shared/aws-names.js';
import { InputParser, type InputReader, type Parsed } from '../shared/input-parser.js';
import { inputRules } from '../shared/messages/inputs.js';
import { parseRegion } from '../shared/user-key-inputs.js';
import { peerInputRules } from './messages/peer-inputs.js';
import { checkRoleArn, parseRole, parseSharedOptions, type SharedOptions } from './role-inputs.js';
import { refuseKeylessTagging } from './session-tag-inputs.js';

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
  /** web-identity-token-file: the token is this file's (EKS and other self-hosted runners), not GitHub's. */
  webIdentityTokenFile?: string;
}

/** A path as given, later resolved against the workspace: nothing that could break a log line. */
function isPlainPath(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return value.length <= 1024 && !/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value);
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
    parser.problem('aws-secret-access-key', inputRules.keylessSecretWithoutId);
  }
  if (parser.optional('role-external-id') !== undefined) {
    parser.problem('role-external-id', inputRules.keylessExternalId);
  }
  if (parser.boolean('session-tags', false)) {
    parser.problem('session-tags', inputRules.keylessSessionTags);
  }
  if (parser.optional('source-identity') !== undefined) {
    parser.problem('source-identity', inputRules.keylessSourceIdentity);
  }
  if (parser.optional('aws-session-token') !== undefined) {
    parser.problem('aws-session-token', peerInputRules.sessionTokenWithoutKey);
  }
  refuseKeylessTagging(parser);
}

function parseTokenFile(parser: InputParser): string | undefined {
  parser.boolean('role-chaining', false);
  const file = parser.optional('web-identity-token-file');
  if (file !== undefined && !isPlainPath(file)) return parser.problem('web-identity-token-file', peerInputRules.tokenFilePath);
  if (file === undefined && parser.boolean('force-skip-oidc', false)) parser.problem('force-skip-oidc', peerInputRules.forceSkipOidc);
  if (file !== undefined) parser.boolean('force-skip-oidc', false);
  return file;
}

export function parseKeylessInputs(read: InputReader): Parsed<KeylessInputs> {
  const parser = new InputParser(read);
  refuseKeyOnlyInputs(parser);
  const webIdentityTokenFile = parseTokenFile(parser);
  const { region, partition } = parseRegion(parser);
  const role = parseRole(parser);
  if (role?.kind === 'name') {
    parser.problem('role-to-assume', inputRules.keylessRoleArn);
  }
  const audience = parser.pattern('audience', AUDIENCE, inputRules.audience) ?? DEFAULT_AUDIENCE;
  const { accountsReadable, ...shared } = parseSharedOptions(parser);
  if (shared.refreshCredentials && webIdentityTokenFile !== undefined)
    parser.problem('refresh-credentials', inputRules.refreshTemporarySource);
  checkRoleArn(parser, role, { region, partition }, { ...shared, accountsReadable });
  const complete = role?.kind === 'arn' && region !== undefined && partition !== undefined;
  return parser.result(complete ? { ...shared, region, partition, audience, role: role.role, webIdentityTokenFile } : undefined);
}
