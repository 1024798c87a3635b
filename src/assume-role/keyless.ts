import type { Io } from '../shared/io.js';
import { awsSaid } from '../shared/messages/aws-failures.js';
import { idTokenRequestFailed, keylessLog, noIdTokenPermission } from './messages/web-identity.js';
import { CallFailed } from '../shared/retry.js';
import type { RunContext } from '../shared/run-context.js';
import type { Secrets } from '../shared/secrets.js';
import { StepFailure } from '../shared/step-failure.js';
import { sessionNameForRun } from './session-name.js';
import type { KeylessInputs } from './keyless-inputs.js';
import { decodeWebIdentityClaims } from './web-identity-claims.js';
import { explainWebIdentityFailure } from './web-identity-failure.js';
import { peerInputLog } from './messages/peer-inputs.js';
import type { AssumedRole, AssumeRoleDeps, IdTokenSource, RoleSessions } from './ports.js';

type KeylessDeps = Pick<AssumeRoleDeps, 'readTokenFile'>;

/** web-identity-token-file: the token (masked before anything else) instead of GitHub's. */
async function tokenFromFile(io: Io, given: string, secrets: Secrets, deps: KeylessDeps): Promise<string> {
  io.info(peerInputLog.tokenFile(given));
  const read = await deps.readTokenFile(given, io.env.GITHUB_WORKSPACE);
  if (!read.ok) throw new StepFailure(read.reason);
  secrets.add(read.token);
  return read.token;
}

/**
 * Before any call: the runner offers a token only to jobs with `id-token: write`. Its request
 * token was masked when the step began (run.ts's secretVariables).
 */
function idTokenSource(io: Io): IdTokenSource {
  if (!io.env.ACTIONS_ID_TOKEN_REQUEST_URL || !io.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN || !io.idToken)
    throw new StepFailure(noIdTokenPermission());
  return io.idToken.bind(io);
}

async function fetchToken(
  io: Io,
  source: IdTokenSource,
  request: KeylessInputs,
  sessions: RoleSessions,
  secrets: Secrets,
): Promise<string> {
  io.info(keylessLog.mode(request.audience));
  try {
    return await sessions.idToken(source, request.audience);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    const status = error.failure.httpStatus;
    const refused = error.reason === 'permanent' && status !== undefined && status >= 400 && status < 500 ? status : undefined;
    throw new StepFailure(
      idTokenRequestFailed(error.attempts, (error.elapsedMs / 1000).toFixed(1), awsSaid(error.failure, secrets.values), refused),
    );
  }
}

/** The token, then one AssumeRoleWithWebIdentity; every failure is one StepFailure that says what to change. */
export async function assumeKeyless(
  io: Io,
  request: KeylessInputs,
  sessions: RoleSessions,
  secrets: Secrets,
  deps: KeylessDeps,
  run: RunContext,
): Promise<AssumedRole> {
  const token =
    request.webIdentityTokenFile !== undefined
      ? await tokenFromFile(io, request.webIdentityTokenFile, secrets, deps)
      : await fetchToken(io, idTokenSource(io), request, sessions, secrets);
  const claims = decodeWebIdentityClaims(token);
  if (claims) io.debug(keylessLog.token(claims.subject));
  const { role } = request;
  try {
    return await sessions.assumeWithWebIdentity({
      RoleArn: role.arn,
      RoleSessionName: request.sessionName ?? sessionNameForRun(run, new Date(io.clock.now())),
      WebIdentityToken: token,
      DurationSeconds: request.durationSeconds,
      Policy: request.inlineSessionPolicy,
      PolicyArns: request.managedSessionPolicies.length > 0 ? request.managedSessionPolicies.map((arn) => ({ arn })) : undefined,
    });
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    throw new StepFailure(
      explainWebIdentityFailure(error, {
        region: request.region,
        partition: request.partition,
        roleArn: role.arn,
        roleName: role.name,
        account: role.account,
        audience: request.webIdentityTokenFile === undefined ? request.audience : (claims?.audiences[0] ?? request.audience),
        claims,
        durationSeconds: request.durationSeconds,
        secrets: secrets.values,
      }),
    );
  }
}
