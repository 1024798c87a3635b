import path from 'node:path';
import type { RefreshSource } from '../shared/credentials-server-config.js';
import type { Io } from '../shared/io.js';
import { credentialsServerTexts } from '../shared/messages/credentials-server.js';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import { redact } from '../shared/redact.js';
import type { Secrets } from '../shared/secrets.js';
import { errorText } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { EXPORTED_STATE, SERVER_STATE, serverEnvironmentFor } from './credential-exports.js';
import type { KeylessInputs } from './keyless-inputs.js';
import { withStsEndpoint } from './peer-options.js';
import type { AssumedRole, AssumeRoleDeps, AssumeRoleRequest, LaunchedServer, UserKeys } from './ports.js';
import type { SharedOptions } from './role-inputs.js';

/** How the server re-assumes: the main step's own AssumeRole request with the key, or keyless mode's inputs. */
export type RefreshPlan = { kind: 'keys'; keys: UserKeys; request: AssumeRoleRequest } | { kind: 'keyless'; inputs: KeylessInputs };

/** The longest a job runs: 6 hours on GitHub-hosted runners, 5 days on self-hosted ones. */
const jobLimitMs = (env: Io['env']) => (env.RUNNER_ENVIRONMENT === 'self-hosted' ? 5 * 24 : 6) * 60 * 60 * 1000;
const START_TIMEOUT_MS = 10_000;

function sourceFor(io: Io, assumed: AssumedRole, plan: RefreshPlan): RefreshSource {
  if (plan.kind === 'keys')
    return { kind: 'keys', accessKeyId: plan.keys.accessKeyId, secretAccessKey: plan.keys.secretAccessKey, request: plan.request };
  const { inputs } = plan;
  return {
    kind: 'keyless',
    // keyless.ts checked both before the first token request.
    idTokenRequestUrl: io.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '',
    idTokenRequestToken: io.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '',
    audience: inputs.audience,
    request: {
      RoleArn: inputs.role.arn,
      RoleSessionName: assumed.sessionName,
      DurationSeconds: inputs.durationSeconds,
      Policy: inputs.inlineSessionPolicy,
      PolicyArns: inputs.managedSessionPolicies.length > 0 ? inputs.managedSessionPolicies.map((arn) => ({ arn })) : undefined,
    },
  };
}

/**
 * refresh-credentials: true. Starts the credentials server with the first session, then exports
 * where it listens and its token (a secret before anything could print it) instead of the keys.
 */
export async function publishRefreshing(
  io: Io,
  assumed: AssumedRole,
  inputs: SharedOptions & { region: string },
  secrets: Secrets,
  plan: RefreshPlan,
  proxy: ProxyVariables,
  deps: Pick<AssumeRoleDeps, 'launchCredentialsServer' | 'marker' | 'secretToken'>,
): Promise<void> {
  const token = deps.secretToken();
  secrets.add(token);
  const nonce = deps.marker();
  const pathId = deps.marker();
  const credentialsPath = `/credentials/${pathId}`;
  const logFile = path.join(io.env.RUNNER_TEMP || io.env.TMPDIR || '/tmp', `assume-deploy-role-credentials-${pathId.slice(0, 8)}.log`);
  // The endpoint the first session came from (sts-endpoint replaces AWS_ENDPOINT_URL_STS), so every refresh goes there too.
  const endpointEnv = withStsEndpoint(io.env, inputs.stsEndpoint);
  const stsEndpoint = Object.fromEntries(
    ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'].flatMap((name) => (endpointEnv[name] ? [[name, endpointEnv[name] ?? '']] : [])),
  );
  const { credentials } = assumed;
  let server: LaunchedServer;
  try {
    server = await deps.launchCredentialsServer(
      {
        region: inputs.region,
        stsEndpoint,
        proxy,
        retryMaxAttempts: inputs.retryMaxAttempts,
        token,
        nonce,
        path: credentialsPath,
        lifetimeMs: jobLimitMs(io.env),
        session: { ...credentials, expiration: credentials.expiration.toISOString() },
        source: sourceFor(io, assumed, plan),
        secrets: secrets.values,
      },
      { env: io.env, logFile, timeoutMs: START_TIMEOUT_MS },
    );
  } catch (error) {
    throw new StepFailure(credentialsServerTexts.notStarted(redact(errorText(error), secrets.values)));
  }
  io.saveState(SERVER_STATE, JSON.stringify({ pid: server.pid, port: server.port, nonce }));
  for (const [name, value] of serverEnvironmentFor(`http://127.0.0.1:${server.port}${credentialsPath}`, token, inputs.region))
    io.exportVariable(name, value);
  io.saveState(EXPORTED_STATE, 'true');
  io.info(redact(credentialsServerTexts.started(server.port, server.logFile), secrets.values));
}
