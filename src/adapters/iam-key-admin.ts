import {
  CreateAccessKeyCommand,
  DeleteAccessKeyCommand,
  GetAccessKeyLastUsedCommand,
  IAMClient,
  ListAccessKeysCommand,
  ListUserTagsCommand,
  PutRolePolicyCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateAccessKeyCommand,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { ACCESS_KEY_ID, accountOfArn, partitionOfRegion, SECRET_ACCESS_KEY } from '../shared/aws-names.js';
import { iamSigningRegion } from '../shared/iam-region.js';
import type { Io } from '../shared/io.js';
import { incompleteAnswer, pagesNeverEnded } from '../shared/messages/aws-failures.js';
import type { Secrets } from '../shared/secrets.js';
import type { KeyAdmin, KeyState, NewAccessKey } from '../rotation/ports.js';
import { endpointFromEnv } from './aws-endpoint.js';
import { retryOptionsFor, sendWithRetries, type RetryOptions } from './aws-call.js';

/**
 * IAM and STS for the rotation tool, signed with the caller's own credentials from the SDK's
 * default chain (environment, profiles, SSO, instance roles): never the limited user's.
 */
const MAX_PAGES = 50;

const options = (io: Io, secrets: Secrets, call: string, maxAttempts = 3): RetryOptions => retryOptionsFor(io, secrets, call, maxAttempts);

/** `credentials` replaces the default chain (tests only). */
export function createKeyAdmin(
  io: Io,
  secrets: Secrets,
  region: string,
  credentials?: { accessKeyId: string; secretAccessKey: string },
): KeyAdmin {
  const iamEndpoint = endpointFromEnv(io.env, 'IAM');
  const stsEndpoint = endpointFromEnv(io.env, 'STS');
  const chain = credentials ? { credentials } : {};
  const iam = new IAMClient({
    region: iamSigningRegion(partitionOfRegion(region)),
    maxAttempts: 1,
    ...chain,
    ...(iamEndpoint ? { endpoint: iamEndpoint } : {}),
  });
  const sts = new STSClient({ region, maxAttempts: 1, ...chain, ...(stsEndpoint ? { endpoint: stsEndpoint } : {}) });
  // AWS's clock: every answer's `Date` against the local time it came at (STS's and IAM's alike).
  let offsetMs = 0;
  const noteDate = (response: unknown) => {
    const date = (response as { headers?: Record<string, string | undefined> } | undefined)?.headers?.date;
    const at = Date.parse(date ?? '');
    if (!Number.isNaN(at)) offsetMs = at - io.clock.now();
  };
  const watched = async <R extends { response: unknown }>(answer: () => Promise<R>): Promise<R> => {
    try {
      const result = await answer();
      noteDate(result.response);
      return result;
    } catch (error) {
      noteDate((error as { $response?: unknown }).$response);
      throw error;
    }
  };
  iam.middlewareStack.add((next) => (args) => watched(() => next(args)), { step: 'deserialize', name: 'serverDateOfAnswer' });
  sts.middlewareStack.add((next) => (args) => watched(() => next(args)), { step: 'deserialize', name: 'serverDateOfAnswer' });
  const now = () => new Date(io.clock.now() + offsetMs);
  const send = <T>(call: string, run: (signal: AbortSignal) => Promise<T>, maxAttempts?: number) =>
    sendWithRetries(run, options(io, secrets, call, maxAttempts));
  const callerArn = async () => {
    const answer = await send('STS GetCallerIdentity', (abortSignal) => sts.send(new GetCallerIdentityCommand({}), { abortSignal }));
    if (!answer.Arn || !accountOfArn(answer.Arn)) throw new Error(incompleteAnswer('STS GetCallerIdentity', 'an ARN'));
    return answer.Arn;
  };

  async function lastUse(key: KeyState): Promise<KeyState> {
    const answer = await send('IAM GetAccessKeyLastUsed', (abortSignal) =>
      iam.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: key.accessKeyId }), { abortSignal }),
    );
    const used = answer.AccessKeyLastUsed;
    const known = (value: string | undefined) => (value && value !== 'N/A' && /^[\w.-]{1,64}$/.test(value) ? value : undefined);
    return { ...key, lastUsed: used?.LastUsedDate, lastUsedService: known(used?.ServiceName), lastUsedRegion: known(used?.Region) };
  }

  return {
    now,
    callerArn,
    accountOfCaller: async () => accountOfArn(await callerArn()) ?? '',
    listKeys: async (userName, { lastUse: withLastUse = true } = {}) => {
      const keys: KeyState[] = [];
      let marker: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await send('IAM ListAccessKeys', (abortSignal) =>
          iam.send(new ListAccessKeysCommand({ UserName: userName, Marker: marker }), { abortSignal }),
        );
        for (const key of answer.AccessKeyMetadata ?? []) {
          if (!key.AccessKeyId || !ACCESS_KEY_ID.test(key.AccessKeyId) || !key.CreateDate) continue;
          keys.push({ accessKeyId: key.AccessKeyId, status: key.Status === 'Active' ? 'Active' : 'Inactive', createDate: key.CreateDate });
        }
        marker = answer.IsTruncated ? answer.Marker : undefined;
        if (!marker) return withLastUse ? Promise.all(keys.map(lastUse)) : keys;
      }
      throw new Error(pagesNeverEnded('IAM ListAccessKeys', MAX_PAGES));
    },
    userTags: async (userName) => {
      const tags = new Map<string, string>();
      let marker: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = await send('IAM ListUserTags', (abortSignal) =>
          iam.send(new ListUserTagsCommand({ UserName: userName, Marker: marker }), { abortSignal }),
        );
        for (const tag of answer.Tags ?? []) if (tag.Key !== undefined) tags.set(tag.Key, tag.Value ?? '');
        marker = answer.IsTruncated ? answer.Marker : undefined;
        if (!marker) return tags;
      }
      throw new Error(pagesNeverEnded('IAM ListUserTags', MAX_PAGES));
    },
    // One attempt only: a retry after a lost answer would create a second key.
    createKey: async (userName): Promise<NewAccessKey> => {
      const answer = await send(
        'IAM CreateAccessKey',
        (abortSignal) => iam.send(new CreateAccessKeyCommand({ UserName: userName }), { abortSignal }),
        1,
      );
      const key = answer.AccessKey;
      if (key?.SecretAccessKey) secrets.add(key.SecretAccessKey);
      if (
        !key?.AccessKeyId ||
        !ACCESS_KEY_ID.test(key.AccessKeyId) ||
        !key.SecretAccessKey ||
        !SECRET_ACCESS_KEY.test(key.SecretAccessKey)
      ) {
        throw new Error(incompleteAnswer('IAM CreateAccessKey', 'a well-formed access key'));
      }
      return { accessKeyId: key.AccessKeyId, secretAccessKey: key.SecretAccessKey, createDate: key.CreateDate ?? now() };
    },
    setKeyStatus: async (userName, accessKeyId, status) => {
      await send('IAM UpdateAccessKey', (abortSignal) =>
        iam.send(new UpdateAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId, Status: status }), { abortSignal }),
      );
    },
    deleteKey: async (userName, accessKeyId) => {
      await send('IAM DeleteAccessKey', (abortSignal) =>
        iam.send(new DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }), { abortSignal }),
      );
    },
    tagUser: async (userName, tags) => {
      await send('IAM TagUser', (abortSignal) =>
        iam.send(new TagUserCommand({ UserName: userName, Tags: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) }), {
          abortSignal,
        }),
      );
    },
    untagUser: async (userName, keys) => {
      await send('IAM UntagUser', (abortSignal) => iam.send(new UntagUserCommand({ UserName: userName, TagKeys: keys }), { abortSignal }));
    },
    putRolePolicy: async (roleName, policyName, document) => {
      await send('IAM PutRolePolicy', (abortSignal) =>
        iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: policyName, PolicyDocument: document }), { abortSignal }),
      );
    },
  };
}
