import { accountOfArn, partitionOfRegion, roleArnFor, type RoleArn } from '../shared/aws-names.js';
import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import { assumeRoleContext, assumeRoleRefusals, explainAssumeRoleFailure } from './messages/assume-role-failures.js';
import { callerWithoutAccount } from '../shared/messages/aws-failures.js';
import { keyHint } from '../shared/redact.js';
import { CallFailed } from '../shared/retry.js';
import type { RunContext } from '../shared/run-context.js';
import type { Secrets } from '../shared/secrets.js';
import { runStep } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { SECRET_INPUTS } from '../shared/user-key-inputs.js';
import { maskedProxyVariables, type ProxyVariables } from '../shared/proxy-settings.js';
import { parseActionInputs } from './action-inputs.js';
import { publish } from './publish-credentials.js';
import type { KeylessInputs } from './keyless-inputs.js';
import type { RootInputs, SharedOptions } from './role-inputs.js';
import type { AssumedRole, AssumeRoleDeps, AssumeRoleRequest, RoleSessions } from './ports.js';
import { sessionNameForRun } from './session-name.js';
import { sessionTagRequest } from './session-tags.js';
import { withActionTimeout } from './action-timeout.js';
import { prepareEnvironment } from './environment-credentials.js';
import { withStsEndpoint } from './peer-options.js';
import { refuseStsAnswer } from './sts-answer.js';
import { checkSamconfig } from './samconfig-check.js';

export type { AssumeRoleDeps };

/** The run's STS, opened at its first use (the proxy's variables are checked and masked then). */
type OpenSessions = () => { sessions: RoleSessions; proxy: ProxyVariables };

function sessionsOnDemand(
  io: Io,
  inputs: SharedOptions & { region: string; stsEndpoint?: string },
  secrets: Secrets,
  deps: AssumeRoleDeps,
): OpenSessions {
  let opened: ReturnType<OpenSessions> | undefined;
  return () => {
    if (opened) return opened;
    const proxy = maskedProxyVariables(io.env, inputs, (value) => secrets.add(value));
    const env = withStsEndpoint(io.env, inputs.stsEndpoint);
    opened = { proxy, sessions: deps.sessions({ io, secrets, region: inputs.region, env, proxy, maxAttempts: inputs.retryMaxAttempts }) };
    return opened;
  };
}

/** Before anything of an STS answer is printed or exported: its shape, its account, allowed-account-ids. */
function checkAnswer(io: Io, call: string, assumed: AssumedRole, role: RoleArn, inputs: SharedOptions): void {
  const refusal = refuseStsAnswer(call, assumed, role, new Date(io.clock.now()));
  if (refusal) throw new StepFailure(refusal);
  checkAllowedAccount(inputs, assumed.account, assumeRoleRefusals.returnedRole(assumed.assumedRoleArn));
}

function checkAllowedAccount(inputs: SharedOptions, account: string, what: string): void {
  if (inputs.allowedAccountIds.length > 0 && !inputs.allowedAccountIds.includes(account))
    throw new StepFailure(assumeRoleRefusals.accountNotAllowed(what));
}

/** A bare role name needs the keys' account: one GetCallerIdentity, only in that case. */
async function resolveRole(inputs: RootInputs, sessions: RoleSessions, secrets: Secrets): Promise<RoleArn> {
  if (inputs.role.kind === 'arn') return inputs.role.role;
  const account = accountOfArn(await sessions.callerIdentity(inputs));
  if (!account) throw new StepFailure(callerWithoutAccount);
  if (inputs.maskAccountId) secrets.add(account);
  return roleArnFor(partitionOfRegion(inputs.region), account, inputs.role);
}

function assumeRoleRequest(io: Io, inputs: RootInputs, role: RoleArn, run: RunContext): AssumeRoleRequest {
  return {
    RoleArn: role.arn,
    RoleSessionName: inputs.sessionName ?? sessionNameForRun(run, new Date(io.clock.now())),
    DurationSeconds: inputs.durationSeconds,
    ExternalId: inputs.externalId,
    Policy: inputs.inlineSessionPolicy,
    PolicyArns: inputs.managedSessionPolicies.length > 0 ? inputs.managedSessionPolicies.map((arn) => ({ arn })) : undefined,
    ...sessionTagRequest(run, inputs),
    SourceIdentity: inputs.sourceIdentity,
  };
}

async function assumeDeployRole(
  io: Io,
  inputs: RootInputs,
  secrets: Secrets,
  deps: AssumeRoleDeps,
  open: OpenSessions,
  run: RunContext,
): Promise<void> {
  io.debug(actionLog.signing(keyHint(inputs.accessKeyId), inputs.region));
  const { sessions, proxy } = open();
  let role: RoleArn | undefined;
  try {
    role = await resolveRole(inputs, sessions, secrets);
    checkAllowedAccount(inputs, role.account, assumeRoleRefusals.givenRole(role.arn));
    const request = assumeRoleRequest(io, inputs, role, run);
    const assumed = await sessions.assumeWithKeys(inputs, request);
    checkAnswer(io, 'STS AssumeRole', assumed, role, inputs);
    await publish(io, assumed, inputs, secrets, deps, { kind: 'keys', keys: inputs, request }, proxy);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    throw new StepFailure(
      explainAssumeRoleFailure(
        error,
        assumeRoleContext({
          region: inputs.region,
          partition: inputs.partition,
          accessKeyId: inputs.accessKeyId,
          secrets: secrets.values,
          role,
          givenRoleName: inputs.role.kind === 'name' ? inputs.role.name : undefined,
          durationSeconds: inputs.durationSeconds,
          sessionTags: inputs.sessionTags,
          sourceIdentity: inputs.sourceIdentity !== undefined,
          externalId: inputs.externalId !== undefined,
        }),
      ),
    );
  }
}

/** Keyless mode: GitHub's OIDC token for one AssumeRoleWithWebIdentity, then the same exports as with keys. */
async function assumeWithoutKeys(
  io: Io,
  inputs: KeylessInputs,
  secrets: Secrets,
  deps: AssumeRoleDeps,
  open: OpenSessions,
  run: RunContext,
): Promise<void> {
  const { assumeKeyless } = await import('./keyless.js');
  const { sessions, proxy } = open();
  const assumed = await assumeKeyless(io, inputs, sessions, secrets, deps, run);
  checkAnswer(io, 'STS AssumeRoleWithWebIdentity', assumed, inputs.role, inputs);
  await publish(io, assumed, inputs, secrets, deps, { kind: 'keyless', inputs }, proxy);
}

/** The root action's main step, in the order the spec gives: masks, inputs, AssumeRole, exports. */
export async function run(io: Io, resolved: AssumeRoleDeps): Promise<void> {
  await runStep(io, {
    secretInputs: [...SECRET_INPUTS, 'aws-session-token', 'role-external-id'],
    // Keyless mode's token request credential; masked in every run, whatever its mode.
    secretVariables: ['ACTIONS_ID_TOKEN_REQUEST_TOKEN'],
    parse: (read, stepIo) => parseActionInputs(read, stepIo.env),
    body: (inputs, secrets, run) =>
      withActionTimeout(io, inputs.actionTimeoutSeconds, resolved.actionTimer, async (io) => {
        // Local and before any call to AWS: a working-directory that is not a folder fails here, samconfig only warns.
        await checkSamconfig(io, inputs, resolved);
        const roleAccount =
          inputs.mode === 'keyless' ? inputs.role.account : inputs.role.kind === 'arn' ? inputs.role.role.account : undefined;
        if (inputs.maskAccountId && roleAccount) secrets.add(roleAccount);
        const open = sessionsOnDemand(io, inputs, secrets, resolved);
        if ((await prepareEnvironment(io, { ...inputs, roleAccount }, secrets, () => open().sessions)) === 'done') return;
        if (inputs.mode === 'keyless') return assumeWithoutKeys(io, inputs, secrets, resolved, open, run);
        await assumeDeployRole(io, inputs, secrets, resolved, open, run);
      }),
  });
}
