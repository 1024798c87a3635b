import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import { announceEndpoint } from '../adapters/aws-endpoint.js';
import { GitHubCallFailed } from '../adapters/github-call.js';
import type { IssueApi, Repository } from '../adapters/github-issues.js';
import type { UserKeys } from '../adapters/sts.js';
import { accountOfArn } from '../shared/aws-names.js';
import { accessKeyLastUse, createIamClient, listOwnAccessKeys, type IamCallOptions, type OwnAccessKeys } from '../adapters/iam.js';
import type { Io } from '../shared/io.js';
import { maskedProxyVariables, type ProxyVariables } from '../shared/proxy-settings.js';
import { actionLog } from '../shared/messages/action-log.js';
import { assumeRoleRefusals } from '../shared/messages/assume-role-failures.js';
import { explainKeyAgeFailure } from '../shared/messages/key-age-failures.js';
import { findingTexts, rotateCommandFor } from '../shared/messages/key-findings.js';
import { accountUnknown, explainIssueFailure, type IssueFailure } from '../shared/messages/tracking-issue.js';
import { keyHint, redact } from '../shared/redact.js';
import { CallFailed, DEFAULT_RETRY_TIMING } from '../shared/retry.js';
import { logRetry } from '../shared/retry-log.js';
import { runContextFromEnv } from '../shared/run-context.js';
import type { Secrets } from '../shared/secrets.js';
import { errorText, runStep, writeSummary } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { SECRET_INPUTS, type UserKeyInputs } from '../shared/user-key-inputs.js';
import { parseKeyAgeInputs, type KeyAgeInputs } from './key-age-inputs.js';
import { keyAgeOutputs, keyAgeSummary, safeUserName, type ReportContext } from './key-age-report.js';
import { assessKeys, lastUseOf, type KeyAssessment, type LastUse, type Severity } from './key-findings.js';
import { runUrl } from './tracking-issue-plan.js';
import { syncTrackingIssue } from './tracking-issue-sync.js';

export interface KeyAgeDeps {
  iamClient: (keys: UserKeyInputs & { sessionToken?: string }, env: Io['env'], proxy?: ProxyVariables) => IAMClient | Promise<IAMClient>;
  /** For GetCallerIdentity (no permission needed): the account the tracking issue belongs to. */
  stsClient: (keys: UserKeys, env: Io['env'], proxy?: ProxyVariables) => STSClient | Promise<STSClient>;
  /** Loaded only when a tracking issue is written, so a run without one never loads the GitHub client. */
  issueApi: (token: string, repository: Repository, env: Io['env']) => Promise<IssueApi>;
}

const DEFAULT_DEPS: KeyAgeDeps = {
  iamClient: createIamClient,
  // Only a run that writes a tracking issue asks STS whose keys these are: the client is loaded then.
  stsClient: async (keys, env, proxy) => (await import('../adapters/sts.js')).createStsClient(keys, env, proxy),
  issueApi: async (token, repository) => (await import('../adapters/github-issues.js')).createIssueApi(token, repository),
};

const TITLES: Record<Severity, string> = { error: 'Access key too old', warning: 'Access key check', notice: 'Inactive access key' };

interface KeyFacts extends OwnAccessKeys {
  lastUse: Map<string, LastUse>;
}

async function readKeyFacts(io: Io, client: IAMClient, inputs: KeyAgeInputs, secrets: Secrets): Promise<KeyFacts> {
  const iamCall = async <T>(call: string, send: (options: IamCallOptions) => Promise<T>): Promise<T> => {
    try {
      return await send({ policy: { ...DEFAULT_RETRY_TIMING, maxAttempts: inputs.retryMaxAttempts }, clock: io.clock, onRetry: logRetry(io, call, secrets) });
    } catch (error) {
      if (!(error instanceof CallFailed)) throw error;
      throw new StepFailure(explainKeyAgeFailure(error, { call, region: inputs.region, partition: inputs.partition, accessKeyId: inputs.accessKeyId, secrets: secrets.values, userName: inputs.userName }));
    }
  };
  const own = await iamCall('IAM ListAccessKeys', (options) => listOwnAccessKeys(client, options, inputs.userName));
  const lastUse = new Map<string, LastUse>();
  for (const key of own.keys) {
    lastUse.set(key.accessKeyId, lastUseOf(await iamCall('IAM GetAccessKeyLastUsed', (options) => accessKeyLastUse(client, key.accessKeyId, options))));
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
  if (error instanceof GitHubCallFailed) return { kind: error.kind, status: error.status, code: error.code, attempts: error.attempts, elapsedMs: error.elapsedMs };
  const status = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof status === 'number' ? { kind: 'http', status } : { kind: 'other' };
}

/** The keys' account, which the tracking issue belongs to; GetCallerIdentity needs no permission. */
async function keysAccount(io: Io, inputs: KeyAgeInputs, proxy: ProxyVariables, secrets: Secrets, deps: KeyAgeDeps): Promise<string> {
  const client = await deps.stsClient(inputs, io.env, proxy);
  const { callerArn } = await import('../adapters/sts.js');
  announceEndpoint(client, 'STS', (call, url) => io.info(actionLog.endpoint(call, redact(url, secrets.values), inputs.region)));
  const options = { policy: { ...DEFAULT_RETRY_TIMING, maxAttempts: inputs.retryMaxAttempts }, clock: io.clock, onRetry: logRetry(io, 'STS GetCallerIdentity', secrets), mask: () => undefined };
  try {
    const account = accountOfArn(await callerArn(client, options));
    if (account) return account;
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    throw new AccountUnknown(explainKeyAgeFailure(error, { call: 'STS GetCallerIdentity', region: inputs.region, partition: inputs.partition, accessKeyId: inputs.accessKeyId, secrets: secrets.values }));
  }
  throw new AccountUnknown(assumeRoleRefusals.callerWithoutAccount);
}

/** GetCallerIdentity failed: its message is already explained and cleaned. */
class AccountUnknown extends Error {}

async function updateTrackingIssue(io: Io, inputs: KeyAgeInputs, proxy: ProxyVariables, assessment: KeyAssessment, context: ReportContext, secrets: Secrets, deps: KeyAgeDeps): Promise<void> {
  const tracking = inputs.trackingIssue;
  if (!tracking) return;
  const { owner, repo } = tracking.repository;
  try {
    const account = await keysAccount(io, inputs, proxy, secrets, deps);
    const issues = await deps.issueApi(tracking.token, tracking.repository, io.env);
    const url = runUrl(io.env.GITHUB_SERVER_URL, runContextFromEnv(io.env));
    io.info(await syncTrackingIssue(issues, assessment, { ...context, runUrl: url, account }));
  } catch (error) {
    if (error instanceof AccountUnknown) return io.annotate('warning', accountUnknown(`${owner}/${repo}`, error.message));
    io.annotate('warning', explainIssueFailure(issueFailureOf(error), redact(errorText(error), secrets.values), `${owner}/${repo}`));
  }
}

async function checkKeys(io: Io, inputs: KeyAgeInputs, secrets: Secrets, deps: KeyAgeDeps): Promise<void> {
  // A role session's credentials from the environment: masked before any call, as the inputs are.
  if (inputs.userName !== undefined) [inputs.accessKeyId, inputs.secretAccessKey, inputs.sessionToken].forEach((value) => value && secrets.add(value));
  io.debug(actionLog.readingKeys(keyHint(inputs.accessKeyId), inputs.partition));
  // The runner's proxy variables (key-age has no proxy inputs), their passwords masked first.
  const proxy = maskedProxyVariables(io.env, {}, (value) => secrets.add(value));
  const iam = await deps.iamClient(inputs, io.env, proxy);
  announceEndpoint(iam, 'IAM', (call, url) => io.info(actionLog.endpoint(call, redact(url, secrets.values), `partition ${inputs.partition}`)));
  const facts = await readKeyFacts(io, iam, inputs, secrets);
  const now = new Date(io.clock.now());
  const context: ReportContext = {
    userName: safeUserName(facts.userName), thresholds: inputs.thresholds, now,
    ...(inputs.userName !== undefined ? { workflowKeyUnknown: findingTexts.workflowKeyUnknown(inputs.userName) } : {}),
  };
  const repository = io.env.GITHUB_REPOSITORY ?? '';
  const rotateCommand = context.userName && /^[\w.-]+\/[\w.-]+$/.test(repository)
    ? rotateCommandFor(context.userName, repository, inputs.region, inputs.secretsEnvironment)
    : undefined;
  const assessment = assessKeys({ keys: facts.keys, lastUse: facts.lastUse, now, thresholds: inputs.thresholds, workflowKeyId: inputs.userName === undefined ? inputs.accessKeyId : undefined, rotateCommand });
  await report(io, assessment, context, secrets);
  await updateTrackingIssue(io, inputs, proxy, assessment, context, secrets, deps);
  // The error annotations above already say which key and what to do; another error line would repeat them.
  if (assessment.status === 'fail') io.failQuietly();
}

/** The key-age action: masks, inputs, the IAM reads, then findings, report and tracking issue. */
export async function run(io: Io, deps: Partial<KeyAgeDeps> = {}): Promise<void> {
  const resolved = { ...DEFAULT_DEPS, ...deps };
  await runStep(io, {
    secretInputs: [...SECRET_INPUTS, 'github-token'],
    parse: (read) => parseKeyAgeInputs(read, io.env.GITHUB_REPOSITORY, io.env),
    body: (inputs, secrets) => checkKeys(io, inputs, secrets, resolved),
  });
}
