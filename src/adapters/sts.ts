import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient, type AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import { accountOfArn } from '../shared/aws-names.js';
import type { Io } from '../shared/io.js';
import { incompleteAnswer } from '../shared/messages/aws-failures.js';
import type { AssumedRole, TemporaryCredentials, UserKeys } from '../assume-role/ports.js';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import { endpointFromEnv } from './aws-endpoint.js';
import { proxyRequestHandler } from './proxy-handler.js';
import { sendWithRetries, type RetryOptions } from './aws-call.js';

export type { AssumedRole, TemporaryCredentials, UserKeys };

/**
 * One client for the run, signing with the limited user's keys. The SDK's own retries are off:
 * withRetries decides what to retry, and the deadlines are ours, so the retry mode, the defaults
 * mode (timeouts) and the request handler are given, not looked up in the environment and the AWS
 * config file. The endpoint is the regional one for `region`, unless AWS_ENDPOINT_URL_STS or
 * AWS_ENDPOINT_URL in the step's environment says otherwise; through the proxy that `proxy` names
 * for it, if any (the proxy agents are loaded only then).
 */
export async function createStsClient(keys: UserKeys, env: Io['env'], proxy?: ProxyVariables): Promise<STSClient> {
  const endpoint = endpointFromEnv(env, 'STS');
  const requestHandler = await proxyRequestHandler(proxy);
  return new STSClient({
    region: keys.region,
    credentials: {
      accessKeyId: keys.accessKeyId,
      secretAccessKey: keys.secretAccessKey,
      ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
    },
    maxAttempts: 1,
    retryMode: 'standard',
    defaultsMode: 'legacy',
    ...(endpoint ? { endpoint } : {}),
    requestHandler: requestHandler ?? {},
  });
}

export interface CallOptions extends RetryOptions {
  /** Registers a value as a secret; called on every credential in an answer before anything else. */
  mask: (value: string) => void;
}

/** The account and partition of the keys, needed only when role-to-assume is a bare role name. */
export async function callerArn(client: STSClient, options: CallOptions): Promise<string> {
  const identity = await sendWithRetries((abortSignal) => client.send(new GetCallerIdentityCommand({}), { abortSignal }), options);
  if (!identity.Arn) throw new Error(incompleteAnswer('STS GetCallerIdentity', 'an ARN'));
  return identity.Arn;
}

export async function assumeRole(client: STSClient, request: AssumeRoleCommandInput, options: CallOptions): Promise<AssumedRole> {
  const answer = await sendWithRetries((abortSignal) => client.send(new AssumeRoleCommand(request), { abortSignal }), options);
  return assumedRoleFrom(
    answer,
    'STS AssumeRole',
    { roleArn: request.RoleArn ?? '', sessionName: request.RoleSessionName ?? '' },
    options.mask,
  );
}

/** The credentials of an AssumeRole-shaped answer, every secret masked before anything else is read. */
export function assumedRoleFrom(
  answer: {
    Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };
    AssumedRoleUser?: { Arn?: string };
  },
  call: string,
  asked: { roleArn: string; sessionName: string },
  mask: (value: string) => void,
): AssumedRole {
  const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = answer.Credentials ?? {};
  for (const secret of [AccessKeyId, SecretAccessKey, SessionToken]) if (secret) mask(secret);
  const assumedRoleArn = answer.AssumedRoleUser?.Arn;
  const account = assumedRoleArn && accountOfArn(assumedRoleArn);
  if (!AccessKeyId || !SecretAccessKey || !SessionToken || !Expiration || !assumedRoleArn || !account) {
    throw new Error(incompleteAnswer(call, 'complete credentials'));
  }
  return {
    credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken, expiration: Expiration },
    assumedRoleArn,
    roleArn: asked.roleArn,
    account,
    sessionName: asked.sessionName,
  };
}
