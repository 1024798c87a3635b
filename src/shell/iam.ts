import { GetAccessKeyLastUsedCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import type { Partition } from '../core/aws-names.js';
import { iamSigningRegion } from '../core/iam-region.js';
import { lastUseOf, type AccessKeyRecord, type LastUse } from '../core/key-findings.js';
import { sendWithRetries, type RetryOptions } from './aws-call.js';
import type { UserKeys } from './sts.js';

export type IamCallOptions = RetryOptions;

/**
 * One client for the run, signing with the limited user's keys for the partition's IAM region.
 * The SDK's own retries are off: withRetries decides what to retry.
 */
export function createIamClient(keys: Omit<UserKeys, 'region'> & { partition: Partition }): IAMClient {
  return new IAMClient({
    region: iamSigningRegion(keys.partition),
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    maxAttempts: 1,
  });
}

export interface OwnAccessKeys {
  keys: AccessKeyRecord[];
  userName?: string;
}

/** IAM holds at most two keys per user; the bound only guards against a Marker that never ends. */
const MAX_PAGES = 50;

/** The caller's own keys, every page: without UserName, IAM lists the keys of the user who signs. */
export async function listOwnAccessKeys(client: IAMClient, options: IamCallOptions): Promise<OwnAccessKeys> {
  const keys: AccessKeyRecord[] = [];
  let userName: string | undefined;
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await sendWithRetries((abortSignal) => client.send(new ListAccessKeysCommand({ Marker: marker }), { abortSignal }), options);
    for (const key of answer.AccessKeyMetadata ?? []) {
      if (!key.AccessKeyId || !key.CreateDate) continue;
      keys.push({ accessKeyId: key.AccessKeyId, status: key.Status === 'Active' ? 'Active' : 'Inactive', createDate: key.CreateDate });
      userName ??= key.UserName;
    }
    marker = answer.IsTruncated ? answer.Marker : undefined;
    if (!marker) return { keys, userName };
  }
  throw new Error(`IAM ListAccessKeys was still not done after ${MAX_PAGES} pages`);
}

export async function accessKeyLastUse(client: IAMClient, accessKeyId: string, options: IamCallOptions): Promise<LastUse> {
  const answer = await sendWithRetries((abortSignal) => client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }), { abortSignal }), options);
  const used = answer.AccessKeyLastUsed;
  return lastUseOf(used?.LastUsedDate, used?.ServiceName, used?.Region);
}
