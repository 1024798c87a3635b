import type { STSClient } from '@aws-sdk/client-sts';
import {
  assumeRoleWithWebIdentity,
  createWebIdentityStsClient,
  requestIdToken,
  type IdTokenSource,
  type WebIdentityCallOptions,
} from '../adapters/sts-web-identity.js';
import type { AssumedRole } from '../adapters/sts.js';
import { announceEndpoint } from '../adapters/aws-endpoint.js';
import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import { redact } from '../shared/redact.js';
import { awsSaid } from '../shared/messages/aws-failures.js';
import { idTokenRequestFailed, keylessLog, noIdTokenPermission } from '../shared/messages/web-identity.js';
import { CallFailed, DEFAULT_RETRY_TIMING } from '../shared/retry.js';
import { logRetry } from '../shared/retry-log.js';
import { runContextFromEnv } from '../shared/run-context.js';
import type { Secrets } from '../shared/secrets.js';
import { StepFailure } from '../shared/step-failure.js';
import { sessionNameForRun } from './session-name.js';
import type { KeylessInputs } from './keyless-inputs.js';
import { decodeWebIdentityClaims } from './web-identity-claims.js';
import { explainWebIdentityFailure } from './web-identity-failure.js';
import { readTokenFile, type TokenFileResult } from '../adapters/token-file.js';
import { peerInputLog } from '../shared/messages/peer-inputs.js';
import { withStsEndpoint } from './peer-options.js';

export interface KeylessDeps {
  /** The unsigned STS client; by default the SDK's, at the endpoint io.env names. */
  webIdentityClient?: (region: string, env: Io['env'], proxy?: ProxyVariables) => STSClient | Promise<STSClient>;
  /** web-identity-token-file's reader; by default the file system's, confined to the workspace. */
  readTokenFile?: (given: string, workspace: string | undefined) => Promise<TokenFileResult>;
}

/** web-identity-token-file: the token (masked before anything else) instead of GitHub's. */
async function tokenFromFile(io: Io, given: string, secrets: Secrets, deps: KeylessDeps): Promise<string> {
  io.info(peerInputLog.tokenFile(given));
  const read = await (deps.readTokenFile ?? readTokenFile)(given, io.env.GITHUB_WORKSPACE);
  if (!read.ok) throw new StepFailure(read.reason);
  secrets.add(read.token);
  return read.token;
}

/**
 * Before any call: the runner offers a token only to jobs with `id-token: write`. Its request
 * token is masked first, whatever follows.
 */
export function idTokenSource(io: Io, secrets: Secrets): IdTokenSource {
  const requestToken = io.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (requestToken) secrets.add(requestToken);
  if (!io.env.ACTIONS_ID_TOKEN_REQUEST_URL || !requestToken || !io.idToken) throw new StepFailure(noIdTokenPermission());
  return io.idToken.bind(io);
}

async function fetchToken(io: Io, source: IdTokenSource, request: KeylessInputs, options: WebIdentityCallOptions, secrets: Secrets): Promise<string> {
  io.info(keylessLog.mode(request.audience));
  try {
    return await requestIdToken(source, request.audience, { ...options, onRetry: logRetry(io, 'GitHub ID token request', secrets) });
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    const status = error.failure.httpStatus;
    const refused = error.reason === 'permanent' && status !== undefined && status >= 400 && status < 500 ? status : undefined;
    throw new StepFailure(idTokenRequestFailed(error.attempts, (error.elapsedMs / 1000).toFixed(1), awsSaid(error.failure, secrets.values), refused));
  }
}

/** The token, then one AssumeRoleWithWebIdentity; every failure is one StepFailure that says what to change. */
export async function assumeKeyless(io: Io, request: KeylessInputs, proxy: ProxyVariables, secrets: Secrets, deps: KeylessDeps): Promise<AssumedRole> {
  const options: WebIdentityCallOptions = {
    mask: (value) => secrets.add(value),
    policy: { ...DEFAULT_RETRY_TIMING, maxAttempts: request.retryMaxAttempts },
    clock: io.clock,
    onRetry: logRetry(io, 'STS AssumeRoleWithWebIdentity', secrets),
  };
  const token = request.webIdentityTokenFile !== undefined
    ? await tokenFromFile(io, request.webIdentityTokenFile, secrets, deps)
    : await fetchToken(io, idTokenSource(io, secrets), request, options, secrets);
  const claims = decodeWebIdentityClaims(token);
  if (claims) io.debug(keylessLog.token(claims.subject));
  const { role } = request;
  const client = await (deps.webIdentityClient ?? createWebIdentityStsClient)(request.region, withStsEndpoint(io.env, request.stsEndpoint), proxy);
  announceEndpoint(client, 'STS', (call, url) => io.info(actionLog.endpoint(call, redact(url, secrets.values), request.region)));
  try {
    return await assumeRoleWithWebIdentity(client, {
      RoleArn: role.arn,
      RoleSessionName: request.sessionName ?? sessionNameForRun(runContextFromEnv(io.env), new Date(io.clock.now())),
      WebIdentityToken: token,
      DurationSeconds: request.durationSeconds,
      Policy: request.inlineSessionPolicy,
      PolicyArns: request.managedSessionPolicies.length > 0 ? request.managedSessionPolicies.map((arn) => ({ arn })) : undefined,
    }, options);
  } catch (error) {
    if (!(error instanceof CallFailed)) throw error;
    throw new StepFailure(explainWebIdentityFailure(error, {
      region: request.region,
      partition: request.partition,
      roleArn: role.arn,
      roleName: role.name,
      account: role.account,
      audience: request.webIdentityTokenFile === undefined ? request.audience : claims?.audiences[0] ?? request.audience,
      claims,
      durationSeconds: request.durationSeconds,
      secrets: secrets.values,
    }));
  }
}
