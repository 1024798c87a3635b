/**
 * KeyReader for one run of the key-age action: one IAM client for the partition (with the endpoint
 * notice and the proxy), STS loaded only when GetCallerIdentity is asked; every call under the
 * run's retry policy and deadlines, its retries logged, its failure a CallFailed (shared/retry.ts).
 */
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KeyReader, KeyReadSettings, OpenKeyReader, SigningKeys } from '../key-age/ports.js';
import { retryOptionsFor, type RetryOptions } from './aws-call.js';
import { announceEndpoint } from './aws-endpoint.js';
import { accessKeyLastUse, createIamClient, listOwnAccessKeys } from './iam.js';

export const openKeyReader: OpenKeyReader = (keys: SigningKeys, settings: KeyReadSettings): KeyReader => {
  const options = (call: string): RetryOptions => retryOptionsFor(settings.io, settings.secrets, call, settings.maxAttempts);
  let iam: Promise<IAMClient> | undefined;
  const client = () =>
    (iam ??= createIamClient(keys, settings.env, settings.proxy).then((created) => {
      announceEndpoint(created, 'IAM', settings.io, settings.secrets, `partition ${keys.partition}`);
      return created;
    }));
  return {
    ownKeys: async (userName) => listOwnAccessKeys(await client(), options('IAM ListAccessKeys'), userName),
    lastUse: async (accessKeyId) => accessKeyLastUse(await client(), accessKeyId, options('IAM GetAccessKeyLastUsed')),
    callerArn: async () => {
      const { callerArn, createStsClient } = await import('./sts.js');
      const sts = await createStsClient(keys, settings.env, settings.proxy);
      announceEndpoint(sts, 'STS', settings.io, settings.secrets, keys.region);
      // GetCallerIdentity answers no secret: nothing to mask.
      return callerArn(sts, { ...options('STS GetCallerIdentity'), mask: () => undefined });
    },
  };
};
