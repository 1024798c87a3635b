import type { AssumeRoleCommandInput, STSClient } from '@aws-sdk/client-sts';
import { announceEndpoint } from '../adapters/aws-endpoint.js';
import { assumeRole, callerArn, createStsClient, type AssumedRole, type CallOptions, type UserKeys } from '../adapters/sts.js';
import { accountOfArn, partitionOfRegion, roleArnFor, type RoleArn } from '../shared/aws-names.js';
import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import { assumeRoleContext, assumeRoleRefusals, explainAssumeRoleFailure } from '../shared/messages/assume-role-failures.js';
import { keyHint, redact } from '../shared/redact.js';
import { CallFailed, DEFAULT_RETRY_TIMING } from '../shared/retry.js';
import { logRetry } from '../shared/retry-log.js';
import { runContextFromEnv } from '../shared/run-context.js';
import type { Secrets } from '../shared/secrets.js';
import { runStep, writeSummary } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { SECRET_INPUTS } from '../shared/user-key-inputs.js';
import { randomUUID } from 'node:crypto';
import { maskedProxyVariables, type ProxyVariables } from '../shared/proxy-settings.js';
import type { ProfileStore } from '../adapters/profile-store.js';
import { profileTexts, profileVariableWarning } from '../shared/messages/job-environment.js';
import { EXPORTED_STATE, PROFILE_STATE, environmentFor, outputsFor, summaryFor, whereCredentialsAre } from './credential-exports.js';
import { parseActionInputs } from './action-inputs.js';
import type { KeylessDeps } from './keyless.js';
import type { LaunchServer, RefreshPlan } from './refreshing-exports.js';
import type { KeylessInputs } from './keyless-inputs.js';
import type { RootInputs, SharedOptions } from './role-inputs.js';
import { sessionNameForRun } from './session-name.js';
import { sessionTagRequest } from './session-tags.js';
import { processActionTimer, type ActionTimer } from '../adapters/action-timer.js';
import { withActionTimeout } from './action-timeout.js';
import { prepareEnvironment } from './environment-credentials.js';
import { withStsEndpoint } from './peer-options.js';
import { refuseStsAnswer } from './sts-answer.js';
import { checkSamconfig, DEFAULT_SAMCONFIG_DEPS, type SamconfigDeps } from './samconfig-check.js';

export interface AssumeRoleDeps extends KeylessDeps, SamconfigDeps {
  /** The STS client for the limited user's keys; by default the SDK's, at the endpoint io.env names. */
  stsClient: (keys: UserKeys, env: Io['env'], proxy?: ProxyVariables) => STSClient | Promise<STSClient>;
  /** The shared credentials and config files, for aws-profile; by default the real files. */
  profileStore?: ProfileStore;
  /** A value no other run uses, marking the profile sections this step writes as its own. */
  marker: () => string;
  /** Starts the credentials server (refresh-credentials); by default the real bundle, detached. */
  launchCredentialsServer?: LaunchServer;
  /** action-timeout-s's timer; by default one that ends the process when it fires. */
  actionTimer: ActionTimer;
}

const DEFAULT_DEPS: AssumeRoleDeps = { stsClient: createStsClient, marker: randomUUID, actionTimer: processActionTimer, ...DEFAULT_SAMCONFIG_DEPS };

/** Variables that make the JS SDK v3's default chain prefer a profile over the exported keys. */
const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];

async function writeProfile(io: Io, assumed: AssumedRole, inputs: SharedOptions & { region: string }, secrets: Secrets, deps: AssumeRoleDeps): Promise<void> {
  if (inputs.awsProfile === undefined) return;
  // Loaded only when a run writes a profile (so are keyless mode and the proxy agents: see their call sites).
  const [{ writeAwsProfile }, { fileProfileStore, profilePaths }] = await Promise.all([import('./aws-profile.js'), import('../adapters/profile-store.js')]);
  const result = await writeAwsProfile(deps.profileStore ?? fileProfileStore, profilePaths(io.env), {
    profile: inputs.awsProfile,
    credentials: assumed.credentials,
    region: inputs.region,
    overwrite: inputs.overwriteAwsProfile,
    marker: deps.marker(),
  });
  if (!result.ok) throw new StepFailure(redact(profileTexts.exists(inputs.awsProfile, result.existing.map(({ file }) => file)), secrets.values));
  io.saveState(PROFILE_STATE, JSON.stringify(result.written));
  io.info(redact(profileTexts.written(inputs.awsProfile, result.written.files.map(({ file }) => file)), secrets.values));
}


/** Before anything of an STS answer is printed or exported: its shape, its account, allowed-account-ids. */
function checkAnswer(io: Io, call: string, assumed: AssumedRole, role: RoleArn, inputs: SharedOptions, secrets: Secrets): void {
  const refusal = refuseStsAnswer(call, assumed, role, new Date(io.clock.now()));
  if (refusal) throw new StepFailure(redact(refusal, secrets.values));
  checkAllowedAccount(inputs, assumed.account, assumeRoleRefusals.returnedRole(assumed.assumedRoleArn), secrets);
}

function checkAllowedAccount(inputs: SharedOptions, account: string, what: string, secrets: Secrets): void {
  if (inputs.allowedAccountIds.length > 0 && !inputs.allowedAccountIds.includes(account)) {
    throw new StepFailure(redact(assumeRoleRefusals.accountNotAllowed(what), secrets.values));
  }
}

/** A bare role name needs the keys' account: one GetCallerIdentity, only in that case. */
async function resolveRole(io: Io, inputs: RootInputs, client: STSClient, options: CallOptions, secrets: Secrets): Promise<RoleArn> {
  if (inputs.role.kind === 'arn') return inputs.role.role;
  const account = accountOfArn(await callerArn(client, { ...options, onRetry: logRetry(io, 'STS GetCallerIdentity', secrets) }));
  if (!account) throw new StepFailure(assumeRoleRefusals.callerWithoutAccount);
  if (inputs.maskAccountId) secrets.add(account);
  return roleArnFor(partitionOfRegion(inputs.region), account, inputs.role);
}

function assumeRoleRequest(io: Io, inputs: RootInputs, role: RoleArn): AssumeRoleCommandInput {
  const run = runContextFromEnv(io.env);
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

async function publish(io: Io, assumed: AssumedRole, inputs: SharedOptions & { region: string }, secrets: Secrets, deps: AssumeRoleDeps, plan: RefreshPlan, proxy: ProxyVariables): Promise<void> {
  await writeProfile(io, assumed, inputs, secrets, deps);
  if (inputs.refreshCredentials) {
    // Loaded only when a run asks for it.
    const { publishRefreshing } = await import('./refreshing-exports.js');
    await publishRefreshing(io, assumed, inputs, secrets, plan, proxy, deps.launchCredentialsServer);
  } else if (inputs.outputEnvCredentials) {
    const shadowing = PROFILE_VARIABLES.filter((name) => (io.env[name] ?? '') !== '');
    if (shadowing.length > 0) io.annotate('warning', profileVariableWarning(shadowing));
    for (const [name, value] of environmentFor(assumed, inputs.region)) io.exportVariable(name, value);
    io.saveState(EXPORTED_STATE, 'true');
  }
  for (const [name, value] of outputsFor(assumed, inputs.outputCredentials)) io.setOutput(name, value);
  io.info(actionLog.assumed(assumed.assumedRoleArn, assumed.credentials.expiration));
  await writeSummary(io, summaryFor(assumed, { maskAccountId: inputs.maskAccountId, now: new Date(io.clock.now()), where: whereCredentialsAre({ env: inputs.outputEnvCredentials, profile: inputs.awsProfile }) }), secrets);
}

async function assumeDeployRole(io: Io, inputs: RootInputs, secrets: Secrets, deps: AssumeRoleDeps): Promise<void> {
  io.debug(actionLog.signing(keyHint(inputs.accessKeyId), inputs.region));
  const proxy = maskedProxyVariables(io.env, inputs, (value) => secrets.add(value));
  const client = await deps.stsClient(inputs, withStsEndpoint(io.env, inputs.stsEndpoint), proxy);
  announceEndpoint(client, 'STS', (call, url) => io.info(actionLog.endpoint(call, redact(url, secrets.values), inputs.region)));
  const options: CallOptions = {
    mask: (value) => secrets.add(value),
    policy: { ...DEFAULT_RETRY_TIMING, maxAttempts: inputs.retryMaxAttempts },
    clock: io.clock,
    onRetry: logRetry(io, 'STS AssumeRole', secrets),
  };
  let role: RoleArn | undefined;
  try {
    role = await resolveRole(io, inputs, client, options, secrets);
    checkAllowedAccount(inputs, role.account, assumeRoleRefusals.givenRole(role.arn), secrets);
    const request = assumeRoleRequest(io, inputs, role);
    const assumed = await assumeRole(client, request, options);
    checkAnswer(io, 'STS AssumeRole', assumed, role, inputs, secrets);
    await publish(io, assumed, inputs, secrets, deps, { kind: 'keys', keys: inputs, request }, proxy);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    throw new StepFailure(explainAssumeRoleFailure(error, assumeRoleContext({
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
    })));
  }
}

/** Keyless mode: GitHub's OIDC token for one AssumeRoleWithWebIdentity, then the same exports as with keys. */
async function assumeWithoutKeys(io: Io, inputs: KeylessInputs, secrets: Secrets, deps: AssumeRoleDeps): Promise<void> {
  if (inputs.maskAccountId) secrets.add(inputs.role.account);
  const { assumeKeyless } = await import('./keyless.js');
  const proxy = maskedProxyVariables(io.env, inputs, (value) => secrets.add(value));
  const assumed = await assumeKeyless(io, inputs, proxy, secrets, deps);
  checkAnswer(io, 'STS AssumeRoleWithWebIdentity', assumed, inputs.role, inputs, secrets);
  await publish(io, assumed, inputs, secrets, deps, { kind: 'keyless', inputs }, proxy);
}

/** The root action's main step, in the order the spec gives: masks, inputs, AssumeRole, exports. */
export async function run(io: Io, deps: Partial<AssumeRoleDeps> = {}): Promise<void> {
  const resolved = { ...DEFAULT_DEPS, ...deps };
  await runStep(io, {
    secretInputs: [...SECRET_INPUTS, 'aws-session-token', 'role-external-id'],
    parse: (read, stepIo) => parseActionInputs(read, stepIo.env),
    body: (inputs, secrets) => withActionTimeout(io, inputs.actionTimeoutSeconds, resolved.actionTimer, async (io) => {
      // Local and before any call to AWS: a working-directory that is not a folder fails here, samconfig only warns.
      await checkSamconfig(io, inputs, resolved);
      const roleAccount = inputs.mode === 'keyless' ? inputs.role.account : inputs.role.kind === 'arn' ? inputs.role.role.account : undefined;
      if (inputs.maskAccountId && roleAccount) secrets.add(roleAccount);
      if (await prepareEnvironment(io, { ...inputs, roleAccount }, secrets, resolved.stsClient) === 'done') return;
      if (inputs.mode === 'keyless') return assumeWithoutKeys(io, inputs, secrets, resolved);
      await assumeDeployRole(io, inputs, secrets, resolved);
    }),
  });
}
