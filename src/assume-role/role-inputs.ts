import { ACCOUNT_ID, EXTERNAL_ID, PROFILE_NAME, SESSION_NAME, parseBareRoleName, parseRoleArn, type RoleArn } from '../shared/aws-names.js';
import { isProxyUrl } from '../shared/proxy-settings.js';
import { InputParser, type InputReader, type Parsed } from '../shared/input-parser.js';
import { isComplete, type UserKeyInputs } from '../shared/user-key-inputs.js';
import { inputRules } from '../shared/messages/inputs.js';
import type { Io } from '../shared/io.js';
import { parseEnvironmentKeys, parseInputKeys, type SigningKeys } from './credential-source.js';
import { parsePeerOptions, type PeerOptions } from './peer-options.js';
import { peerInputRules } from './messages/peer-inputs.js';
import { parseSessionTagging, type SessionTagging } from './session-tag-inputs.js';
import { parseInlinePolicy, parseManagedPolicies } from './session-policy-inputs.js';

export type RoleInput = { kind: 'arn'; role: RoleArn } | { kind: 'name'; path: string; name: string };

export interface RootInputs extends UserKeyInputs, Omit<PeerOptions, 'retryMaxAttempts'>, Omit<SessionTagging, 'sessionTags'> {
  /** With temporary keys: aws-session-token, or AWS_SESSION_TOKEN with role-chaining. */
  sessionToken?: string;
  /** The inputs' keys, or (role-chaining) the environment's. */
  credentialSource: SigningKeys['credentialSource'];
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
  /** A profile of the shared credentials and config files to write the credentials to. */
  awsProfile?: string;
  overwriteAwsProfile: boolean;
  /** Export to the environment: by default yes, unless aws-profile is set. */
  outputEnvCredentials: boolean;
  /** A job-long credentials server re-assumes the role (src/credentials-server/); the environment names it. */
  refreshCredentials: boolean;
  /** Replaces HTTPS_PROXY / HTTP_PROXY for the STS calls. */
  httpProxy?: string;
  /** Replaces NO_PROXY: hosts (comma-separated) reached directly. */
  noProxy?: string;
  /** Where sam deploy runs, relative to the workspace: the folder whose samconfig is checked. */
  workingDirectory?: string;
  /** The samconfig environment sam deploy reads (its --config-env); `default` when absent. */
  configEnv?: string;
}

/** A samconfig environment name: a TOML bare key, as `sam deploy --guided` writes them. */
const CONFIG_ENV = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRole(parser: InputParser): RoleInput | undefined {
  const value = parser.required('role-to-assume');
  if (value === undefined) return undefined;
  if (value.startsWith('arn:')) {
    const role = parseRoleArn(value);
    if (role) return { kind: 'arn', role };
    return parser.problem('role-to-assume', inputRules.roleArn);
  }
  const bare = parseBareRoleName(value);
  if (bare) return { kind: 'name', ...bare };
  return parser.problem('role-to-assume', inputRules.roleName);
}

/** A folder inside the workspace: relative, no `..` segment, nothing that could break a log line. */
function isWorkspaceFolder(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value) || /^([/\\]|[A-Za-z]:)/.test(value)) return false;
  return value.length <= 1024 && !value.split(/[/\\]/).includes('..');
}

/** The options both modes share, all but the credentials and the role. */
export type SharedOptions = Pick<
  RootInputs,
  | 'sessionName'
  | 'durationSeconds'
  | 'maskAccountId'
  | 'outputCredentials'
  | 'allowedAccountIds'
  | 'awsProfile'
  | 'overwriteAwsProfile'
  | 'outputEnvCredentials'
  | 'refreshCredentials'
  | 'httpProxy'
  | 'noProxy'
  | 'inlineSessionPolicy'
  | 'managedSessionPolicies'
  | 'retryMaxAttempts'
  | 'workingDirectory'
  | 'configEnv'
  | keyof PeerOptions
>;

export function parseSharedOptions(parser: InputParser): SharedOptions & { accountsReadable: boolean } {
  const sessionName = parser.pattern('role-session-name', SESSION_NAME, inputRules.sessionName);
  const durationSeconds = parser.wholeNumber('role-duration-seconds', 3600, 900, 43200);
  const maskAccountId = parser.boolean('mask-aws-account-id', false);
  const outputCredentials = parser.boolean('output-credentials', false);
  const allowedAccountIds = parser.list('allowed-account-ids');
  const accountsReadable = allowedAccountIds.every((id) => ACCOUNT_ID.test(id));
  if (!accountsReadable) parser.problem('allowed-account-ids', inputRules.accountIds);
  const inlineSessionPolicy = parseInlinePolicy(parser);
  const managedSessionPolicies = parseManagedPolicies(parser);
  const peer = parsePeerOptions(parser, parser.wholeNumber('retry-max-attempts', 5, 1, 20));
  const awsProfile = parser.pattern('aws-profile', PROFILE_NAME, inputRules.profileName);
  const overwriteAwsProfile = parser.boolean('overwrite-aws-profile', false);
  const outputEnvCredentials = parser.boolean('output-env-credentials', awsProfile === undefined);
  const refreshCredentials = parser.boolean('refresh-credentials', false);
  if (refreshCredentials && (awsProfile !== undefined || !outputEnvCredentials))
    parser.problem('refresh-credentials', inputRules.refreshWithoutEnvironment);
  const httpProxy = parser.optional('http-proxy');
  if (httpProxy !== undefined && !isProxyUrl(httpProxy)) parser.problem('http-proxy', inputRules.proxyUrl);
  const noProxy = parser.list('no-proxy').join(',') || undefined;
  const workingDirectory = parser.optional('working-directory');
  if (workingDirectory !== undefined && !isWorkspaceFolder(workingDirectory))
    parser.problem('working-directory', inputRules.workingDirectory);
  const configEnv = parser.pattern('config-env', CONFIG_ENV, inputRules.configEnv);
  return {
    sessionName,
    durationSeconds,
    maskAccountId,
    outputCredentials,
    allowedAccountIds,
    inlineSessionPolicy,
    managedSessionPolicies,
    ...peer,
    accountsReadable,
    awsProfile,
    overwriteAwsProfile,
    outputEnvCredentials,
    refreshCredentials,
    httpProxy,
    noProxy,
    workingDirectory,
    configEnv,
  };
}

/** A role ARN must be in the region's partition and, when allowed-account-ids is set, in a listed account. */
export function checkRoleArn(
  parser: InputParser,
  role: RoleInput | undefined,
  where: { region?: string; partition?: string },
  options: SharedOptions & { accountsReadable: boolean },
): void {
  if (role?.kind !== 'arn') return;
  if (where.partition !== undefined && role.role.partition !== where.partition) {
    parser.problem('role-to-assume', inputRules.partitionMismatch(role.role.partition, where.region ?? '', where.partition));
  }
  if (options.accountsReadable && options.allowedAccountIds.length > 0 && !options.allowedAccountIds.includes(role.role.account)) {
    parser.problem('role-to-assume', inputRules.accountNotAllowed);
  }
}

/** With keys: the inputs' (by default), or with role-chaining the credentials in `env`. */
export function parseRootInputs(
  read: InputReader,
  source: { chaining: boolean; env: Io['env'] } = { chaining: false, env: {} },
): Parsed<RootInputs> {
  const parser = new InputParser(read);
  const keys = source.chaining ? parseEnvironmentKeys(parser, source.env) : parseInputKeys(parser);
  parser.boolean('force-skip-oidc', false);
  const role = parseRole(parser);
  const { accountsReadable, ...shared } = parseSharedOptions(parser);
  if (source.chaining && shared.durationSeconds > 3600) parser.problem('role-duration-seconds', peerInputRules.chainingDuration);
  if (shared.refreshCredentials && keys.sessionToken !== undefined)
    parser.problem('refresh-credentials', inputRules.refreshTemporarySource);
  const externalId = parser.pattern('role-external-id', EXTERNAL_ID, inputRules.externalId);
  const { sessionTags, ...tagging } = parseSessionTagging(parser);
  // STS also forbids an `aws:` prefix, which this alphabet (no colon) already excludes.
  const sourceIdentity = parser.pattern('source-identity', SESSION_NAME, inputRules.sessionName);
  checkRoleArn(parser, role, keys, { ...shared, accountsReadable });
  return parser.result(
    role && isComplete(keys) ? { ...keys, role, ...shared, externalId, sessionTags, ...tagging, sourceIdentity } : undefined,
  );
}
