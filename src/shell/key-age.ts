import * as core from '@actions/core';
import type { IAMClient } from '@aws-sdk/client-iam';
import { keyHint } from '../core/failure-messages.js';
import { describeInputProblems } from '../core/input-problems.js';
import { parseKeyAgeInputs, type KeyAgeInputs } from '../core/key-age-inputs.js';
import { explainKeyAgeFailure } from '../core/key-age-messages.js';
import { keyAgeOutputs, keyAgeSummary, safeUserName, type ReportContext } from '../core/key-age-report.js';
import { assessKeys, type KeyAssessment, type LastUse, type Severity } from '../core/key-findings.js';
import { SECRET_INPUTS, masksFor } from '../core/key-inputs.js';
import { redact } from '../core/redact.js';
import { CallFailed, DEFAULT_RETRY_TIMING } from '../core/retry.js';
import { runContextFromEnv } from '../core/run-context.js';
import { explainIssueFailure, runUrl } from '../core/tracking-issue.js';
import { accessKeyLastUse, createIamClient, listOwnAccessKeys, type IamCallOptions, type OwnAccessKeys } from './iam.js';
import { systemClock } from './retry-clock.js';
import { logRetry } from './retry-log.js';
import { Secrets } from './secrets.js';
import { createGitHubClient, syncTrackingIssue } from './tracking-issue.js';

const readRaw = (name: string) => core.getInput(name, { trimWhitespace: false });

const ANNOTATE: Record<Severity, (message: string, properties: core.AnnotationProperties) => void> = {
  error: core.error,
  warning: core.warning,
  notice: core.notice,
};

const TITLES: Record<Severity, string> = { error: 'Access key too old', warning: 'Access key check', notice: 'Inactive access key' };

interface KeyFacts extends OwnAccessKeys {
  lastUse: Map<string, LastUse>;
}

/** A failed IAM call, already explained: its message is final. */
class IamRefused extends Error {}

async function readKeyFacts(client: IAMClient, inputs: KeyAgeInputs, secrets: Secrets): Promise<KeyFacts> {
  const iamCall = async <T>(call: string, send: (options: IamCallOptions) => Promise<T>): Promise<T> => {
    try {
      return await send({ policy: { ...DEFAULT_RETRY_TIMING, maxAttempts: inputs.retryMaxAttempts }, clock: systemClock, onRetry: logRetry(call, secrets) });
    } catch (error) {
      if (!(error instanceof CallFailed)) throw error;
      throw new IamRefused(explainKeyAgeFailure(error, { call, region: inputs.region, partition: inputs.partition, accessKeyId: inputs.accessKeyId, secrets: secrets.values }));
    }
  };
  const own = await iamCall('IAM ListAccessKeys', (options) => listOwnAccessKeys(client, options));
  const lastUse = new Map<string, LastUse>();
  for (const key of own.keys) {
    lastUse.set(key.accessKeyId, await iamCall('IAM GetAccessKeyLastUsed', (options) => accessKeyLastUse(client, key.accessKeyId, options)));
  }
  return { ...own, lastUse };
}

async function report(assessment: KeyAssessment, context: ReportContext, secrets: Secrets): Promise<void> {
  for (const finding of assessment.findings) ANNOTATE[finding.severity](finding.message, { title: TITLES[finding.severity] });
  for (const [name, value] of keyAgeOutputs(assessment, context)) core.setOutput(name, value);
  core.info(`Checked ${assessment.keys.length} access key${assessment.keys.length === 1 ? '' : 's'}: ${assessment.status}, the oldest active key is ${assessment.oldestKeyAgeDays} days old.`);
  try {
    await core.summary.addRaw(keyAgeSummary(assessment, context)).write();
  } catch (error) {
    core.warning(`Could not write the job summary: ${redact(String(error), secrets.values)}`);
  }
}

async function updateTrackingIssue(tracking: NonNullable<KeyAgeInputs['trackingIssue']>, assessment: KeyAssessment, context: ReportContext, secrets: Secrets): Promise<void> {
  const run = runContextFromEnv(process.env);
  const { owner, repo } = tracking.repository;
  try {
    const github = createGitHubClient(tracking.token);
    core.info(await syncTrackingIssue(github, tracking.repository, assessment, { ...context, runUrl: runUrl(process.env.GITHUB_SERVER_URL, run) }));
  } catch (error) {
    const status = typeof error === 'object' && error !== null && typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : undefined;
    const said = redact(error instanceof Error ? error.message : String(error), secrets.values);
    core.warning(explainIssueFailure(status, said, `${owner}/${repo}`));
  }
}

async function checkKeys(inputs: KeyAgeInputs, secrets: Secrets): Promise<void> {
  const facts = await readKeyFacts(createIamClient(inputs), inputs, secrets);
  const now = new Date();
  const context: ReportContext = { userName: safeUserName(facts.userName), thresholds: inputs.thresholds, now };
  const assessment = assessKeys({ keys: facts.keys, lastUse: facts.lastUse, now, thresholds: inputs.thresholds, workflowKeyId: inputs.accessKeyId });
  await report(assessment, context, secrets);
  if (inputs.trackingIssue) await updateTrackingIssue(inputs.trackingIssue, assessment, context, secrets);
  if (assessment.status === 'fail') {
    // The error annotations above already say which key and what to do; a setFailed would repeat them.
    process.exitCode = core.ExitCode.Failure;
  }
}

/** The key-age action: masks, inputs, the IAM reads, then findings, report and tracking issue. */
export async function run(): Promise<void> {
  const secrets = new Secrets();
  try {
    for (const name of [...SECRET_INPUTS, 'github-token']) masksFor(readRaw(name)).forEach((value) => secrets.add(value));
    const parsed = parseKeyAgeInputs(readRaw, process.env.GITHUB_REPOSITORY);
    for (const warning of parsed.warnings) core.warning(warning);
    if (!parsed.ok) {
      core.setFailed(describeInputProblems(parsed.problems));
      return;
    }
    const inputs = parsed.value;
    core.debug(`Reading the access keys of the user of ${keyHint(inputs.accessKeyId)} from IAM in partition ${inputs.partition}`);
    await checkKeys(inputs, secrets);
  } catch (error) {
    core.setFailed(error instanceof IamRefused ? error.message : redact(error instanceof Error ? error.message : String(error), secrets.values));
  }
}
