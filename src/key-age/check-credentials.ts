import { IAM_USER_NAME } from '../shared/aws-names.js';
import { readExportedCredentials } from '../shared/exported-credentials.js';
import type { InputParser } from '../shared/input-parser.js';
import type { Io } from '../shared/io.js';
import { inputRules } from '../shared/messages/inputs.js';
import { parseRegion, type UserKeyInputs } from '../shared/user-key-inputs.js';

/** What signs the IAM reads: the user's own key (inputs), or a role session an earlier step exported. */
export interface CheckCredentials extends Partial<UserKeyInputs> {
  sessionToken?: string;
  /** With credentials from the environment: the user whose keys are read (a role session has no user of its own). */
  userName?: string;
}

/** No key given, but user-name (or an earlier step's credentials): the environment's credentials are meant. */
export function checksWithEnvironment(parser: InputParser, env: Io['env']): boolean {
  if (parser.optional('aws-access-key-id') !== undefined) return false;
  return parser.optional('user-name') !== undefined || (env.AWS_ACCESS_KEY_ID ?? '').trim() !== '';
}

/**
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN as an earlier step exported them
 * (assume-deploy-role keyless with the key-age watcher role). Only those variables: no profile, no
 * instance metadata. user-name is required: ListAccessKeys must name the user for a role session.
 */
export function parseEnvironmentCredentials(parser: InputParser, env: Io['env']): CheckCredentials {
  if (parser.optional('aws-secret-access-key') !== undefined) parser.problem('aws-secret-access-key', inputRules.secretWithoutKeyUser);
  const userName =
    parser.optional('user-name') === undefined
      ? parser.problem('user-name', inputRules.userNameRequired)
      : parser.pattern('user-name', IAM_USER_NAME, inputRules.userName);
  const region = parseRegion(parser);
  if (userName === undefined) return region;
  const read = readExportedCredentials(env);
  if (!read.ok) {
    parser.problem(
      'user-name',
      read.problem === 'missing' ? inputRules.environmentCredentialsMissing : inputRules.environmentCredentialShape(read.variable),
    );
    return region;
  }
  return { ...read.credentials, userName, ...region };
}
