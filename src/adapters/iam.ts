import { GetAccessKeyLastUsedCommand, IAMClient, ListAccessKeysCommand } from '@aws-sdk/client-iam';
import { iamSigningRegion } from '../shared/iam-region.js';
import type { AccessKeyRecord, LastUseRecord, OwnAccessKeys, SigningKeys } from '../key-age/ports.js';
import type { Io } from '../shared/io.js';
import { ACCESS_KEY_ID } from '../shared/aws-names.js';
import { incompleteAnswer, pagesNeverEnded } from '../shared/messages/aws-failures.js';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import { endpointFromEnv } from './aws-endpoint.js';
import { proxyRequestHandler } from './proxy-handler.js';
import { sendWithRetries, type RetryOptions } from './aws-call.js';

export type IamCallOptions = RetryOptions;
export type { AccessKeyRecord, LastUseRecord, OwnAccessKeys };

/**
 * One client for the run, signing with the limited user's keys (or a role session's, with its token)
 * for the partition's IAM region.
 * The SDK's own retries are off: withRetries decides what to retry. AWS_ENDPOINT_URL_IAM or
 * AWS_ENDPOINT_URL in the step's environment replace IAM's own endpoint; through the proxy that
 * `proxy` names for it, if any (the proxy agents are loaded only then).
 */
export async function createIamClient(
  keys: Pick<SigningKeys, 'accessKeyId' | 'secretAccessKey' | 'partition' | 'sessionToken'>,
  env: Io['env'],
  proxy?: ProxyVariables,
): Promise<IAMClient> {
  const endpoint = endpointFromEnv(env, 'IAM');
  const requestHandler = await proxyRequestHandler(proxy);
  return new IAMClient({
    region: iamSigningRegion(keys.partition),
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    },
    maxAttempts: 1,
    ...(endpoint ? { endpoint } : {}),
    ...(requestHandler ? { requestHandler } : {}),
  });
}

/** IAM holds at most two keys per user; the bound only guards against a Marker that never ends. */
const MAX_PAGES = 50;

/**
 * A user's keys, every page: without `userName`, IAM lists the keys of the user who signs (a role
 * session has no user of its own and must name one).
 */
export async function listOwnAccessKeys(client: IAMClient, options: IamCallOptions, userName?: string): Promise<OwnAccessKeys> {
  const keys: AccessKeyRecord[] = [];
  let answeredName: string | undefined;
  let marker: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await sendWithRetries(
      (abortSignal) => client.send(new ListAccessKeysCommand({ UserName: userName, Marker: marker }), { abortSignal }),
      options,
    );
    for (const key of answer.AccessKeyMetadata ?? []) {
      if (!key.AccessKeyId || !key.CreateDate) continue;
      // Key ids reach annotations and the summary (their last four characters) and dates are printed: check their shapes.
      if (!ACCESS_KEY_ID.test(key.AccessKeyId) || Number.isNaN(key.CreateDate.getTime()))
        throw new Error(incompleteAnswer('IAM ListAccessKeys', "access key ids and dates shaped like AWS's"));
      keys.push({ accessKeyId: key.AccessKeyId, status: key.Status === 'Active' ? 'Active' : 'Inactive', createDate: key.CreateDate });
      answeredName ??= key.UserName;
    }
    marker = answer.IsTruncated ? answer.Marker : undefined;
    if (!marker) return { keys, userName: answeredName ?? userName };
  }
  throw new Error(pagesNeverEnded('IAM ListAccessKeys', MAX_PAGES));
}

export async function accessKeyLastUse(client: IAMClient, accessKeyId: string, options: IamCallOptions): Promise<LastUseRecord> {
  const answer = await sendWithRetries(
    (abortSignal) => client.send(new GetAccessKeyLastUsedCommand({ AccessKeyId: accessKeyId }), { abortSignal }),
    options,
  );
  const used = answer.AccessKeyLastUsed;
  const date = used?.LastUsedDate && !Number.isNaN(used.LastUsedDate.getTime()) ? used.LastUsedDate : undefined;
  return { date, service: used?.ServiceName, region: used?.Region };
}
