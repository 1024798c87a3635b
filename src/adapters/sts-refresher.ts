import type { STSClient } from '@aws-sdk/client-sts';
import { requestRunnerIdToken } from './github-id-token.js';
import { assumeRole, createStsClient, type AssumedRole } from './sts.js';
import { assumeRoleWithWebIdentity, createWebIdentityStsClient, requestIdToken, type WebIdentityCallOptions } from './sts-web-identity.js';
import { incompleteAnswer, retryLine } from '../shared/messages/aws-failures.js';
import { usesProxy } from '../shared/proxy-settings.js';
import { DEFAULT_RETRY_TIMING } from '../shared/retry.js';
import type { OpenRefresher, ServedSession } from '../credentials-server/ports.js';

/**
 * One re-assume of the role as the main step did it, under the action's retry policy: with the
 * limited user's key (AssumeRole), or (keyless) a fresh ID token from the runner's token service
 * and AssumeRoleWithWebIdentity. One STS client for the server's life.
 */
export const refresherFor: OpenRefresher = (config, ports) => {
  const policy = { ...DEFAULT_RETRY_TIMING, maxAttempts: config.retryMaxAttempts };
  const options = (call: string): WebIdentityCallOptions => ({
    mask: ports.mask,
    policy,
    clock: ports.clock,
    onRetry: (notice) => ports.log(retryLine(call, notice, ports.secrets)),
  });
  const proxy = usesProxy(config.proxy) ? config.proxy : undefined;
  const { source } = config;
  let client: Promise<STSClient> | undefined;
  const checked = (assumed: AssumedRole): ServedSession => {
    if (assumed.credentials.expiration.getTime() <= ports.clock.now())
      throw new Error(incompleteAnswer('STS', 'a session that has not expired'));
    return assumed.credentials;
  };
  if (source.kind === 'keys') {
    return async () => {
      client ??= createStsClient(
        { accessKeyId: source.accessKeyId, secretAccessKey: source.secretAccessKey, region: config.region },
        config.stsEndpoint,
        proxy,
      );
      return checked(await assumeRole(await client, source.request, options('STS AssumeRole')));
    };
  }
  // The token service is asked as the main step asked it; the proxy variables in their lower-case names.
  const tokenEnv = {
    ACTIONS_ID_TOKEN_REQUEST_URL: source.idTokenRequestUrl,
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: source.idTokenRequestToken,
    ...config.proxy,
  };
  return async () => {
    const token = await requestIdToken(
      (audience, timeoutMs) => requestRunnerIdToken(tokenEnv, audience, timeoutMs, ports.mask),
      source.audience,
      options('GitHub ID token request'),
    );
    client ??= createWebIdentityStsClient(config.region, config.stsEndpoint, proxy);
    return checked(
      await assumeRoleWithWebIdentity(
        await client,
        { ...source.request, WebIdentityToken: token },
        options('STS AssumeRoleWithWebIdentity'),
      ),
    );
  };
};
