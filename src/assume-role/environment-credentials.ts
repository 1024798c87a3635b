/**
 * What aws-actions/configure-aws-credentials does with credentials already in the environment
 * before it assumes anything: unset-current-credentials blanks them, use-existing-credentials
 * keeps them when STS still accepts them (role-chaining signs with them: credential-source.ts).
 */
import { accountOfArn } from '../shared/aws-names.js';
import type { Io } from '../shared/io.js';
import { awsSaid } from '../shared/messages/aws-failures.js';
import { peerInputLog } from './messages/peer-inputs.js';
import { redact } from '../shared/redact.js';
import { CallFailed } from '../shared/retry.js';
import type { Secrets } from '../shared/secrets.js';
import { EXPORTED_VARIABLES } from './credential-exports.js';
import { exportedCredentialSecrets } from '../shared/exported-credentials.js';
import type { RoleSessions, UserKeys } from './ports.js';
import type { SharedOptions } from './role-inputs.js';

type Options = SharedOptions & { region: string; credentialSource?: 'inputs' | 'environment'; roleAccount?: string };

/** Every variable this action exports, blanked for the following steps (GITHUB_ENV cannot unset one). */
function unsetCurrentCredentials(io: Io): void {
  for (const name of EXPORTED_VARIABLES) io.exportVariable(name, '');
  io.info(peerInputLog.unset(EXPORTED_VARIABLES.join(', ')));
}

/** One GetCallerIdentity with the environment's credentials: 'valid' only for the role's (or an allowed) account. */
async function existingCredentialsValid(io: Io, inputs: Options, secrets: Secrets, sessions: () => RoleSessions): Promise<boolean> {
  const accessKeyId = io.env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = io.env.AWS_SECRET_ACCESS_KEY?.trim();
  if (!accessKeyId || !secretAccessKey) {
    io.annotate('notice', peerInputLog.existingNone);
    return false;
  }
  const keys: UserKeys = {
    accessKeyId,
    secretAccessKey,
    sessionToken: io.env.AWS_SESSION_TOKEN?.trim() || undefined,
    region: inputs.region,
  };
  let arn: string;
  try {
    arn = await sessions().callerIdentity(keys);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    io.annotate('notice', peerInputLog.existingRejected(awsSaid(error.failure, secrets.values)));
    return false;
  }
  const account = accountOfArn(arn) ?? '';
  if (inputs.maskAccountId) secrets.add(account);
  const allowed = inputs.allowedAccountIds.length === 0 || inputs.allowedAccountIds.includes(account);
  if (!allowed || (inputs.roleAccount !== undefined && account !== inputs.roleAccount)) {
    io.annotate('notice', peerInputLog.existingOtherAccount(redact(account, secrets.values)));
    return false;
  }
  io.annotate('notice', peerInputLog.existingValid(redact(arn, secrets.values)));
  return true;
}

/**
 * Before any other AWS call: masks the environment's credentials when this run reads them, then
 * unset-current-credentials or use-existing-credentials. 'done': the existing credentials stay, the step ends.
 */
export async function prepareEnvironment(
  io: Io,
  inputs: Options,
  secrets: Secrets,
  sessions: () => RoleSessions,
): Promise<'done' | 'continue'> {
  if (inputs.credentialSource === 'environment' || inputs.useExistingCredentials)
    exportedCredentialSecrets(io.env).forEach((value) => secrets.add(value));
  if (inputs.credentialSource === 'environment') io.info(peerInputLog.chaining);
  if (inputs.unsetCurrentCredentials && inputs.outputEnvCredentials) unsetCurrentCredentials(io);
  if (inputs.useExistingCredentials && (await existingCredentialsValid(io, inputs, secrets, sessions))) return 'done';
  return 'continue';
}
