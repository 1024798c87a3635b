import { accountOfArn } from '../shared/aws-names.js';
import { exportedCredentialSecrets } from '../shared/exported-credentials.js';
import { GitHubCallFailed } from '../shared/github-failure.js';
import type { Io } from '../shared/io.js';
import { maskedProxyVariables } from '../shared/proxy-settings.js';
import { actionLog } from '../shared/messages/action-log.js';
import { callerWithoutAccount } from '../shared/messages/aws-failures.js';
import { keyHint, redact } from '../shared/redact.js';
import { CallFailed } from '../shared/retry.js';
import type { RunContext } from '../shared/run-context.js';
import type { Secrets } from '../shared/secrets.js';
import { errorText, runStep, writeSummary } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { SECRET_INPUTS } from '../shared/user-key-inputs.js';
import { parseKeyAgeInputs, type KeyAgeInputs } from './key-age-inputs.js';
import { keyAgeOutputs, keyAgeSummary, safeUserName, type ReportContext } from './key-age-report.js';
import { assessKeys, lastUseOf, type KeyAssessment, type LastUse, type Severity } from './key-findings.js';
import { explainKeyAgeFailure, type KeyAgeCallContext } from './messages/key-age-failures.js';
import { findingTexts, rotateCommandFor } from './messages/key-findings.js';
import { accountUnknown, explainIssueFailure, type IssueFailure } from './messages/tracking-issue.js';
import type { KeyAgeDeps, KeyReader, OwnAccessKeys } from './ports.js';
import { runUrl } from './tracking-issue-plan.js';
import { syncTrackingIssue } from './tracking-issue-sync.js';

export type { KeyAgeDeps };

const TITLES: Record<Severity, string> = { error: 'Access key too old', warning: 'Access key check', notice: 'Inactive access key' };

interface KeyFacts extends OwnAccessKeys {
  lastUse: Map<string, LastUse>;
}

/** A reader's call, its CallFailed explained for this run. */
async function explained<T>(
  call: string,
  read: () => Promise<T>,
  context: Omit<KeyAgeCallContext, 'call'>,
  Failure: new (message: string) => Error,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    throw new Failure(explainKeyAgeFailure(error, { ...context, call }));
  }
}

const callContext = (inputs: KeyAgeInputs, secrets: Secrets): Omit<KeyAgeCallContext, 'call'> => ({
  region: inputs.region,
  partition: inputs.partition,
  accessKeyId: inputs.accessKeyId,
  secrets: secrets.values,
});

async function readKeyFacts(reader: KeyReader, inputs: KeyAgeInputs, secrets: Secrets): Promise<KeyFacts> {
  const context = { ...callContext(inputs, secrets), userName: inputs.userName };
  const own = await explained('IAM ListAccessKeys', () => reader.ownKeys(inputs.userName), context, StepFailure);
  const lastUse = new Map<string, LastUse>();
  for (const key of own.keys) {
    lastUse.set(
      key.accessKeyId,
      lastUseOf(await explained('IAM GetAccessKeyLastUsed', () => reader.lastUse(key.accessKeyId), context, StepFailure)),
    );
  }
  return { ...own, lastUse };
}

async function report(io: Io, assessment: KeyAssessment, context: ReportContext, secrets: Secrets): Promise<void> {
  if (context.workflowKeyUnknown) io.annotate('notice', context.workflowKeyUnknown, 'Checked without a key');
  for (const finding of assessment.findings) io.annotate(finding.severity, finding.message, TITLES[finding.severity]);
  for (const [name, value] of keyAgeOutputs(assessment, context)) io.setOutput(name, value);
  io.info(findingTexts.checked(assessment.keys.length, assessment.status, assessment.oldestKeyAgeDays));
  await writeSummary(io, keyAgeSummary(assessment, context), secrets);
}

function issueFailureOf(error: unknown): IssueFailure {
  if (error instanceof GitHubCallFailed)
    return { kind: error.kind, status: error.status, code: error.code, attempts: error.attempts, elapsedMs: error.elapsedMs };
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? { kind: 'http', status } : { kind: 'other' };
}

/** GetCallerIdentity failed: its message is already explained and cleaned. */
class AccountUnknown extends Error {}

/** The keys' account, which the tracking issue belongs to; GetCallerIdentity needs no permission. */
async function keysAccount(reader: KeyReader, inputs: KeyAgeInputs, secrets: Secrets): Promise<string> {
  const account = accountOfArn(
    await explained('STS GetCallerIdentity', () => reader.callerArn(), callContext(inputs, secrets), AccountUnknown),
  );
  if (!account) throw new AccountUnknown(callerWithoutAccount);
  return account;
}

interface CheckRun {
  io: Io;
  inputs: KeyAgeInputs;
  secrets: Secrets;
  deps: KeyAgeDeps;
  run: RunContext;
}

async function updateTrackingIssue(
  { io, inputs, secrets, deps, run }: CheckRun,
  reader: KeyReader,
  assessment: KeyAssessment,
  context: ReportContext,
): Promise<void> {
  const tracking = inputs.trackingIssue;
  if (!tracking) return;
  const { owner, repo } = tracking.repository;
  try {
    const account = await keysAccount(reader, inputs, secrets);
    const issues = await deps.issueTracker(tracking.token, tracking.repository, io.env);
    const url = runUrl(io.env.GITHUB_SERVER_URL, run);
    io.info(await syncTrackingIssue(issues, assessment, { ...context, runUrl: url, account }));
  } catch (error) {
    if (error instanceof AccountUnknown) return io.annotate('warning', accountUnknown(`${owner}/${repo}`, error.message));
    io.annotate('warning', explainIssueFailure(issueFailureOf(error), redact(errorText(error), secrets.values), `${owner}/${repo}`));
  }
}

async function checkKeys(check: CheckRun): Promise<void> {
  const { io, inputs, secrets, deps } = check;
  // A role session's credentials from the environment: masked before any call, as the inputs are.
  if (inputs.userName !== undefined) exportedCredentialSecrets(io.env).forEach((value) => secrets.add(value));
  io.debug(actionLog.readingKeys(keyHint(inputs.accessKeyId), inputs.partition));
  // The runner's proxy variables (key-age has no proxy inputs), their passwords masked first.
  const proxy = maskedProxyVariables(io.env, {}, (value) => secrets.add(value));
  const reader = deps.keyReader(inputs, { io, secrets, env: io.env, proxy, maxAttempts: inputs.retryMaxAttempts });
  const facts = await readKeyFacts(reader, inputs, secrets);
  const now = new Date(io.clock.now());
  const context: ReportContext = {
    userName: safeUserName(facts.userName),
    thresholds: inputs.thresholds,
    now,
    ...(inputs.userName !== undefined ? { workflowKeyUnknown: findingTexts.workflowKeyUnknown(inputs.userName) } : {}),
  };
  const repository = io.env.GITHUB_REPOSITORY ?? '';
  const rotateCommand =
    context.userName && /^[\w.-]+\/[\w.-]+$/.test(repository)
      ? rotateCommandFor(context.userName, repository, inputs.region, inputs.secretsEnvironment)
      : undefined;
  const assessment = assessKeys({
    keys: facts.keys,
    lastUse: facts.lastUse,
    now,
    thresholds: inputs.thresholds,
    workflowKeyId: inputs.userName === undefined ? inputs.accessKeyId : undefined,
    rotateCommand,
  });
  await report(io, assessment, context, secrets);
  await updateTrackingIssue(check, reader, assessment, context);
  // The error annotations above already say which key and what to do; another error line would repeat them.
  if (assessment.status === 'fail') io.failQuietly();
}

/** The key-age action: masks, inputs, the IAM reads, then findings, report and tracking issue. */
export async function run(io: Io, deps: KeyAgeDeps): Promise<void> {
  await runStep(io, {
    secretInputs: [...SECRET_INPUTS, 'github-token'],
    parse: (read) => parseKeyAgeInputs(read, io.env.GITHUB_REPOSITORY, io.env),
    body: (inputs, secrets, run) => checkKeys({ io, inputs, secrets, deps, run }),
  });
}
