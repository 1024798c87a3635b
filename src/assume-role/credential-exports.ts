/** What a successful AssumeRole hands to the following steps: environment, outputs and summary. */
import type { AssumedRole } from './ports.js';

/**
 * Blanked on export: botocore (SAM CLI, the AWS CLI) pairs an AWS_SECURITY_TOKEN left by an
 * earlier step with keys that lack AWS_SESSION_TOKEN. AWS_PROFILE and AWS_DEFAULT_PROFILE are
 * left alone on purpose: GITHUB_ENV cannot unset a variable, and botocore fails on an empty
 * profile name ("The config profile () could not be found"), while a set profile does not
 * shadow environment keys.
 */
const SHADOWING_VARIABLES = ['AWS_SECURITY_TOKEN'];

/** The main step saves this state once it has exported; the post step then blanks the variables. */
export const EXPORTED_STATE = 'exported';

/** The main step saves the profile it wrote (aws-profile.ts's WrittenProfile) here; the post step removes exactly the sections it names. */
export const PROFILE_STATE = 'aws-profile';

/** Every variable the action sets, so the post step can blank exactly these. */
export const EXPORTED_VARIABLES = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  ...SHADOWING_VARIABLES,
];

/** The main step saves the credentials server's pid, port and nonce here (refresh-credentials); the post step stops exactly that server. */
export const SERVER_STATE = 'credentials-server';

/** What the post step blanks after stopping the server: its address and token. */
export const SERVER_VARIABLES = ['AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_CONTAINER_AUTHORIZATION_TOKEN'];

/**
 * refresh-credentials: every SDK's chain takes environment keys before the container provider,
 * so the keys (and what an earlier use of the action exported) are blanked, or they would pin
 * the first session.
 */
export function serverEnvironmentFor(url: string, token: string, region: string): Array<[string, string]> {
  return [
    ['AWS_CONTAINER_CREDENTIALS_FULL_URI', url],
    ['AWS_CONTAINER_AUTHORIZATION_TOKEN', token],
    ['AWS_REGION', region],
    ['AWS_DEFAULT_REGION', region],
    ...EXPORTED_VARIABLES.filter((name) => name !== 'AWS_REGION' && name !== 'AWS_DEFAULT_REGION').map((name): [string, string] => [
      name,
      '',
    ]),
  ];
}

/** AWS_REGION is what the JS SDK reads, AWS_DEFAULT_REGION what SAM CLI and the AWS CLI read. */
export function environmentFor(role: AssumedRole, region: string): Array<[string, string]> {
  const { credentials } = role;
  return [
    ['AWS_ACCESS_KEY_ID', credentials.accessKeyId],
    ['AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey],
    ['AWS_SESSION_TOKEN', credentials.sessionToken],
    ['AWS_CREDENTIAL_EXPIRATION', credentials.expiration.toISOString()],
    ['AWS_REGION', region],
    ['AWS_DEFAULT_REGION', region],
    ...SHADOWING_VARIABLES.map((name): [string, string] => [name, '']),
  ];
}

export function outputsFor(role: AssumedRole, outputCredentials: boolean): Array<[string, string]> {
  const outputs: Array<[string, string]> = [
    ['aws-account-id', role.account],
    ['assumed-role-arn', role.assumedRoleArn],
    ['role-session-name', role.sessionName],
    ['expiration', role.credentials.expiration.toISOString()],
    // aws-actions/configure-aws-credentials' names for the same values.
    ['authenticated-arn', role.assumedRoleArn],
    ['aws-expiration', role.credentials.expiration.toISOString()],
  ];
  if (outputCredentials) {
    outputs.push(
      ['aws-access-key-id', role.credentials.accessKeyId],
      ['aws-secret-access-key', role.credentials.secretAccessKey],
      ['aws-session-token', role.credentials.sessionToken],
    );
  }
  return outputs;
}
