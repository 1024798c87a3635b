import * as core from '@actions/core';
import type { AssumeRoleCommandInput, STSClient } from '@aws-sdk/client-sts';
import { explainAssumeRoleFailure } from '../core/assume-role-messages.js';
import { accountOfArn, partitionOfRegion, roleArnFor, type RoleArn } from '../core/aws-names.js';
import { EXPORTED_STATE, environmentFor, outputsFor, summaryFor, type AssumedRole } from '../core/credential-exports.js';
import { keyHint } from '../core/failure-messages.js';
import { describeInputProblems } from '../core/input-problems.js';
import { SECRET_INPUTS, masksFor } from '../core/key-inputs.js';
import { redact } from '../core/redact.js';
import { CallFailed, DEFAULT_RETRY_TIMING } from '../core/retry.js';
import { parseRootInputs, type RootInputs } from '../core/root-inputs.js';
import { runContextFromEnv, type RunContext } from '../core/run-context.js';
import { sessionNameForRun } from '../core/session-name.js';
import { sessionTagsForRun } from '../core/session-tags.js';
import { systemClock } from './retry-clock.js';
import { logRetry } from './retry-log.js';
import { Secrets } from './secrets.js';
import { assumeRole, callerArn, createStsClient, type CallOptions } from './sts.js';

/** A refusal of ours, after STS answered: its message is final. */
class Refused extends Error {}

const readRaw = (name: string) => core.getInput(name, { trimWhitespace: false });

function checkAllowedAccount(inputs: RootInputs, account: string, what: string): void {
  if (inputs.allowedAccountIds.length > 0 && !inputs.allowedAccountIds.includes(account)) {
    throw new Refused(`${what} is in an account that allowed-account-ids does not list; nothing was exported`);
  }
}

/** A bare role name needs the keys' account: one GetCallerIdentity, only in that case. */
async function resolveRole(inputs: RootInputs, client: STSClient, options: CallOptions, secrets: Secrets): Promise<RoleArn> {
  if (inputs.role.kind === 'arn') return inputs.role.role;
  const account = accountOfArn(await callerArn(client, { ...options, onRetry: logRetry('STS GetCallerIdentity', secrets) }));
  if (!account) throw new Refused('STS GetCallerIdentity answered with an ARN that names no account');
  if (inputs.maskAccountId) secrets.add(account);
  return roleArnFor(partitionOfRegion(inputs.region), account, inputs.role);
}

function assumeRoleRequest(inputs: RootInputs, role: RoleArn, run: RunContext): AssumeRoleCommandInput {
  return {
    RoleArn: role.arn,
    RoleSessionName: inputs.sessionName ?? sessionNameForRun(run, new Date()),
    DurationSeconds: inputs.durationSeconds,
    ExternalId: inputs.externalId,
    Policy: inputs.inlineSessionPolicy,
    PolicyArns: inputs.managedSessionPolicies.length > 0 ? inputs.managedSessionPolicies.map((arn) => ({ arn })) : undefined,
    Tags: inputs.sessionTags ? sessionTagsForRun(run) : undefined,
    SourceIdentity: inputs.sourceIdentity,
  };
}

async function publish(assumed: AssumedRole, inputs: RootInputs, secrets: Secrets): Promise<void> {
  for (const [name, value] of environmentFor(assumed, inputs.region)) core.exportVariable(name, value);
  core.saveState(EXPORTED_STATE, 'true');
  for (const [name, value] of outputsFor(assumed, inputs.outputCredentials)) core.setOutput(name, value);
  core.info(`Assumed ${assumed.assumedRoleArn}; the credentials expire at ${assumed.credentials.expiration.toISOString()}`);
  try {
    await core.summary.addRaw(summaryFor(assumed, { maskAccountId: inputs.maskAccountId, now: new Date() })).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${redact(String(error), secrets.values)}`);
  }
}

async function assumeDeployRole(inputs: RootInputs, secrets: Secrets): Promise<void> {
  const client = createStsClient(inputs);
  const options: CallOptions = {
    mask: (value) => secrets.add(value),
    policy: { ...DEFAULT_RETRY_TIMING, maxAttempts: inputs.retryMaxAttempts },
    clock: systemClock,
    onRetry: logRetry('STS AssumeRole', secrets),
  };
  let role: RoleArn | undefined;
  try {
    role = await resolveRole(inputs, client, options, secrets);
    checkAllowedAccount(inputs, role.account, `role-to-assume (${role.arn})`);
    const assumed = await assumeRole(client, assumeRoleRequest(inputs, role, runContextFromEnv(process.env)), options);
    checkAllowedAccount(inputs, assumed.account, `The role STS returned credentials for (${assumed.assumedRoleArn})`);
    await publish(assumed, inputs, secrets);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    core.setFailed(explainAssumeRoleFailure(error, {
      call: role ? 'STS AssumeRole' : 'STS GetCallerIdentity',
      region: inputs.region,
      partition: inputs.partition,
      accessKeyId: inputs.accessKeyId,
      secrets: secrets.values,
      roleArn: role?.arn ?? 'the role',
      roleName: role?.name ?? (inputs.role.kind === 'name' ? inputs.role.name : 'ROLE_NAME'),
      durationSeconds: inputs.durationSeconds,
      sessionTags: inputs.sessionTags,
      sourceIdentity: inputs.sourceIdentity !== undefined,
      externalId: inputs.externalId !== undefined,
    }));
  }
}

/** The root action's main step, in the order the spec gives: masks, inputs, AssumeRole, exports. */
export async function run(): Promise<void> {
  const secrets = new Secrets();
  try {
    for (const name of [...SECRET_INPUTS, 'role-external-id']) masksFor(readRaw(name)).forEach((value) => secrets.add(value));
    const parsed = parseRootInputs(readRaw);
    for (const warning of parsed.warnings) core.warning(warning);
    if (!parsed.ok) {
      core.setFailed(describeInputProblems(parsed.problems));
      return;
    }
    const inputs = parsed.value;
    if (inputs.maskAccountId && inputs.role.kind === 'arn') secrets.add(inputs.role.role.account);
    core.debug(`Signing with access key ${keyHint(inputs.accessKeyId)} for ${inputs.region}`);
    await assumeDeployRole(inputs, secrets);
  } catch (error) {
    core.setFailed(redact(error instanceof Error ? error.message : String(error), secrets.values));
  }
}
