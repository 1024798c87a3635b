/**
 * RoleSessions for one run of the root action: the STS clients built once per set of keys, each
 * with the endpoint notice and the proxy; every call under the run's retry policy and deadlines,
 * its retries logged, its answer's credentials masked, its failure a CallFailed (shared/retry.ts).
 */
import type { STSClient } from '@aws-sdk/client-sts';
import type { OpenRoleSessions, SessionSettings, UserKeys } from '../assume-role/ports.js';
import { retryOptionsFor } from './aws-call.js';
import { announceEndpoint } from './aws-endpoint.js';
import { assumeRole, callerArn, createStsClient, type CallOptions } from './sts.js';

function announced(client: STSClient, settings: SessionSettings): STSClient {
  const { io, secrets, region } = settings;
  announceEndpoint(client, 'STS', io, secrets, region);
  return client;
}

export const openRoleSessions: OpenRoleSessions = (settings) => {
  const { io, secrets } = settings;
  const clients = new Map<UserKeys, Promise<STSClient>>();
  const signingWith = (keys: UserKeys) => {
    let client = clients.get(keys);
    if (!client) {
      client = createStsClient(keys, settings.env, settings.proxy).then((created) => announced(created, settings));
      clients.set(keys, client);
    }
    return client;
  };
  const options = (call: string): CallOptions => ({
    ...retryOptionsFor(io, secrets, call, settings.maxAttempts),
    mask: (value) => secrets.add(value),
  });
  return {
    callerIdentity: async (keys) => callerArn(await signingWith(keys), options('STS GetCallerIdentity')),
    assumeWithKeys: async (keys, request) => assumeRole(await signingWith(keys), request, options('STS AssumeRole')),
    // Keyless mode's modules are loaded only by a keyless run.
    idToken: async (source, audience) =>
      (await import('./sts-web-identity.js')).requestIdToken(source, audience, options('GitHub ID token request')),
    assumeWithWebIdentity: async (request) => {
      const { assumeRoleWithWebIdentity, createWebIdentityStsClient } = await import('./sts-web-identity.js');
      const client = announced(await createWebIdentityStsClient(settings.region, settings.env, settings.proxy), settings);
      return assumeRoleWithWebIdentity(client, request, options('STS AssumeRoleWithWebIdentity'));
    },
  };
};
