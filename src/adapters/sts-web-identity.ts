import { AssumeRoleWithWebIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { IdTokenSource, WebIdentityRequest } from '../assume-role/ports.js';
import type { Io } from '../shared/io.js';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import { errorText } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { endpointFromEnv } from './aws-endpoint.js';
import { proxyRequestHandler } from './proxy-handler.js';
import { assumedRoleFrom, type AssumedRole } from './sts.js';
import { withRetries } from '../shared/retry.js';
import { sendWithRetries, type RetryOptions } from './aws-call.js';

/**
 * STS reads AssumeRoleWithWebIdentity unsigned: the token is the proof. The SDK models the call as
 * noAuth, so it never asks for credentials; the provider below makes sure that if a future SDK
 * did, the call fails loudly instead of reaching the default chain (which the bundles leave out)
 * or keys that an earlier step left in the environment.
 */
const noCredentials = async (): Promise<never> => {
  throw new Error('keyless mode signs nothing: AssumeRoleWithWebIdentity must be sent unsigned');
};

/**
 * The regional endpoint of `region`, unless AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL in the step's
 * environment says otherwise; through the proxy that `proxy` names for it, if any (the proxy
 * agents are loaded only then).
 */
export async function createWebIdentityStsClient(region: string, env: Io['env'], proxy?: ProxyVariables): Promise<STSClient> {
  const endpoint = endpointFromEnv(env, 'STS');
  const requestHandler = await proxyRequestHandler(proxy);
  return new STSClient({
    region,
    credentials: noCredentials,
    maxAttempts: 1,
    ...(endpoint ? { endpoint } : {}),
    ...(requestHandler ? { requestHandler } : {}),
  });
}

export interface WebIdentityCallOptions extends RetryOptions {
  /** Registers a value as a secret; called on every credential in the answer before anything else. */
  mask: (value: string) => void;
}

/** The one STS call of keyless mode, under the retry policy with a deadline per attempt. */
export async function assumeRoleWithWebIdentity(
  client: STSClient,
  request: WebIdentityRequest,
  options: WebIdentityCallOptions,
): Promise<AssumedRole> {
  const answer = await sendWithRetries(
    (abortSignal) => client.send(new AssumeRoleWithWebIdentityCommand(request), { abortSignal }),
    options,
  );
  return assumedRoleFrom(
    answer,
    'STS AssumeRoleWithWebIdentity',
    { roleArn: request.RoleArn, sessionName: request.RoleSessionName },
    options.mask,
  );
}

export type { IdTokenSource, WebIdentityRequest };

/**
 * The token request's failure as the retry policy reads failures. The runner adapter's errors
 * already carry an HTTP status, a Node network code or the TimeoutError name; a source that only
 * has text (`core.getIDToken` folds the status into its message) is read back from the message.
 */
export function tokenRequestFailure(error: unknown): unknown {
  const readable =
    error instanceof StepFailure ||
    (typeof error === 'object' &&
      error !== null &&
      ('$metadata' in error ||
        (error as { name?: unknown }).name === 'TimeoutError' ||
        typeof (error as { code?: unknown }).code === 'string'));
  if (readable) return error;
  const message = errorText(error);
  const failure = new Error(message) as Error & { code?: string; $metadata?: { httpStatusCode: number } };
  failure.name = 'IdTokenRequestError';
  const network = /\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ECONNABORTED|EHOSTUNREACH|ENETUNREACH)\b/.exec(
    message,
  )?.[1];
  const status = /Error Code\s*:\s*(\d{3})\b/.exec(message)?.[1];
  if (network) failure.code = network;
  else if (/socket hang up|timed? ?out/i.test(message)) failure.code = 'ECONNRESET';
  // Without a status or a network code, assume the service failed (5xx): retried within the policy's bounds.
  if (!network) failure.$metadata = { httpStatusCode: status ? Number(status) : 500 };
  return failure;
}

/**
 * The ID token, requested under its own retry policy and deadlines. `mask` runs on the token
 * before this returns, so nothing can print it unmasked.
 */
export async function requestIdToken(source: IdTokenSource, audience: string, options: WebIdentityCallOptions): Promise<string> {
  const token = await withRetries(
    async (timeoutMs) => {
      try {
        return await source(audience, timeoutMs);
      } catch (error) {
        throw tokenRequestFailure(error);
      }
    },
    options.policy,
    options.clock,
    options.onRetry,
  );
  options.mask(token);
  return token;
}
