import { SESSION_TOKEN } from '../shared/aws-names.js';
import { readExportedCredentials } from '../shared/exported-credentials.js';
import type { InputParser } from '../shared/input-parser.js';
import type { Io } from '../shared/io.js';
import { peerInputRules } from './messages/peer-inputs.js';
import { parseRegion, parseUserKeyInputs, type UserKeyInputs } from '../shared/user-key-inputs.js';

/** The keys AssumeRole is signed with, and where they came from. */
export interface SigningKeys extends Partial<UserKeyInputs> {
  /** With temporary keys (ASIA…): aws-session-token, or AWS_SESSION_TOKEN for role-chaining. */
  sessionToken?: string;
  credentialSource: 'inputs' | 'environment';
}

/**
 * Mode by input: role-chaining: true (any case) without aws-access-key-id chains from the
 * environment's credentials. With the key, the key signs, as in aws-actions/configure-aws-credentials
 * (which exports the given keys to the environment first and chains from them).
 */
export function isChaining(read: (name: string) => string): boolean {
  return read('role-chaining').trim().toLowerCase() === 'true' && read('aws-access-key-id').trim() === '';
}

/** The limited user's keys (or temporary keys with aws-session-token) from the inputs. */
export function parseInputKeys(parser: InputParser): SigningKeys {
  parser.boolean('role-chaining', false);
  if (parser.optional('web-identity-token-file') !== undefined) parser.problem('web-identity-token-file', peerInputRules.tokenFileWithKeys);
  const sessionToken = parser.pattern('aws-session-token', SESSION_TOKEN, peerInputRules.sessionToken);
  const keys = parseUserKeyInputs(parser, { temporary: parser.optional('aws-session-token') !== undefined });
  return { ...keys, sessionToken, credentialSource: 'inputs' };
}

/**
 * role-chaining: the credentials an earlier step exported (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN) sign AssumeRole. Only those variables: no profile, no instance metadata.
 */
export function parseEnvironmentKeys(parser: InputParser, env: Io['env']): SigningKeys {
  if (['aws-secret-access-key', 'aws-session-token'].some((name) => parser.optional(name) !== undefined)) {
    parser.problem('role-chaining', peerInputRules.chainingWithKeys);
  }
  if (parser.optional('web-identity-token-file') !== undefined) parser.problem('role-chaining', peerInputRules.chainingWithTokenFile);
  if (parser.boolean('unset-current-credentials', false)) parser.problem('unset-current-credentials', peerInputRules.chainingWithUnset);
  const region = parseRegion(parser);
  const read = readExportedCredentials(env);
  if (!read.ok) {
    parser.problem(
      'role-chaining',
      read.problem === 'missing' ? peerInputRules.environmentKeysMissing : peerInputRules.environmentKeyShape(read.variable),
    );
    return { ...region, credentialSource: 'environment' };
  }
  return { ...read.credentials, ...region, credentialSource: 'environment' };
}
