import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from '../shared/aws-names.js';
import type { InputParser } from '../shared/input-parser.js';
import type { Io } from '../shared/io.js';
import { peerInputRules } from '../shared/messages/peer-inputs.js';
import { parseRegion, parseUserKeyInputs, type UserKeyInputs } from '../shared/user-key-inputs.js';

/** The keys AssumeRole is signed with, and where they came from. */
export interface SigningKeys extends Partial<UserKeyInputs> {
  /** With temporary keys (ASIA…): aws-session-token, or AWS_SESSION_TOKEN for role-chaining. */
  sessionToken?: string;
  credentialSource: 'inputs' | 'environment';
}

/** STS session tokens are long base64; no white space. */
const SESSION_TOKEN = /^[A-Za-z0-9/+=]{16,8192}$/;

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
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim() ?? '';
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim() ?? '';
  const sessionToken = env.AWS_SESSION_TOKEN?.trim() || undefined;
  if (accessKeyId === '' || secretAccessKey === '') {
    parser.problem('role-chaining', peerInputRules.environmentKeysMissing);
    return { ...region, credentialSource: 'environment' };
  }
  const shapes: Array<[string, boolean]> = [
    ['AWS_ACCESS_KEY_ID', ACCESS_KEY_ID.test(accessKeyId)],
    ['AWS_SECRET_ACCESS_KEY', SECRET_ACCESS_KEY.test(secretAccessKey)],
    ['AWS_SESSION_TOKEN', sessionToken === undefined || SESSION_TOKEN.test(sessionToken)],
  ];
  const bad = shapes.find(([, ok]) => !ok);
  if (bad) {
    parser.problem('role-chaining', peerInputRules.environmentKeyShape(bad[0]));
    return { ...region, credentialSource: 'environment' };
  }
  return { accessKeyId, secretAccessKey, sessionToken, ...region, credentialSource: 'environment' };
}

/** What to register as masks for the environment's credentials, before any call. */
export function environmentSecrets(env: Io['env']): string[] {
  return [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN].flatMap((value) => (value?.trim() ? [value.trim()] : []));
}
