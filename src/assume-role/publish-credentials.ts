/**
 * Once STS's answer passed its checks: where the credentials go (the aws-profile files, the
 * credentials server, or the step's environment), the outputs, the log line and the job summary.
 */
import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import { profileTexts, profileVariableWarning } from '../shared/messages/job-environment.js';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import { redact } from '../shared/redact.js';
import type { Secrets } from '../shared/secrets.js';
import { writeSummary } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { EXPORTED_STATE, PROFILE_STATE, environmentFor, outputsFor } from './credential-exports.js';
import { summaryFor, whereCredentialsAre } from './messages/summary.js';
import type { AssumedRole, AssumeRoleDeps } from './ports.js';
import type { RefreshPlan } from './refreshing-exports.js';
import type { SharedOptions } from './role-inputs.js';

/** Variables that make the JS SDK v3's default chain prefer a profile over the exported keys. */
const PROFILE_VARIABLES = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'];

async function writeProfile(
  io: Io,
  assumed: AssumedRole,
  inputs: SharedOptions & { region: string },
  secrets: Secrets,
  deps: AssumeRoleDeps,
): Promise<void> {
  if (inputs.awsProfile === undefined) return;
  // Loaded only when a run writes a profile (so are keyless mode and the proxy agents: see their call sites).
  const [{ writeAwsProfile }, files] = await Promise.all([import('./aws-profile.js'), deps.profileFiles()]);
  const result = await writeAwsProfile(files.store, files.paths(io.env), {
    profile: inputs.awsProfile,
    credentials: assumed.credentials,
    region: inputs.region,
    overwrite: inputs.overwriteAwsProfile,
    marker: deps.marker(),
  });
  if (!result.ok)
    throw new StepFailure(
      profileTexts.exists(
        inputs.awsProfile,
        result.existing.map(({ file }) => file),
      ),
    );
  io.saveState(PROFILE_STATE, JSON.stringify(result.written));
  io.info(
    redact(
      profileTexts.written(
        inputs.awsProfile,
        result.written.files.map(({ file }) => file),
      ),
      secrets.values,
    ),
  );
}

export async function publish(
  io: Io,
  assumed: AssumedRole,
  inputs: SharedOptions & { region: string },
  secrets: Secrets,
  deps: AssumeRoleDeps,
  plan: RefreshPlan,
  proxy: ProxyVariables,
): Promise<void> {
  await writeProfile(io, assumed, inputs, secrets, deps);
  if (inputs.refreshCredentials) {
    // Loaded only when a run asks for it.
    const { publishRefreshing } = await import('./refreshing-exports.js');
    await publishRefreshing(io, assumed, inputs, secrets, plan, proxy, deps);
  } else if (inputs.outputEnvCredentials) {
    const shadowing = PROFILE_VARIABLES.filter((name) => (io.env[name] ?? '') !== '');
    if (shadowing.length > 0) io.annotate('warning', profileVariableWarning(shadowing));
    for (const [name, value] of environmentFor(assumed, inputs.region)) io.exportVariable(name, value);
    io.saveState(EXPORTED_STATE, 'true');
  }
  for (const [name, value] of outputsFor(assumed, inputs.outputCredentials)) io.setOutput(name, value);
  io.info(actionLog.assumed(assumed.assumedRoleArn, assumed.credentials.expiration));
  await writeSummary(
    io,
    summaryFor(assumed, {
      maskAccountId: inputs.maskAccountId,
      now: new Date(io.clock.now()),
      where: whereCredentialsAre({ env: inputs.outputEnvCredentials, profile: inputs.awsProfile }),
    }),
    secrets,
  );
}
