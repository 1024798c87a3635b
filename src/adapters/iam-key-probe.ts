import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import type { Io } from '../shared/io.js';
import { incompleteAnswer } from '../shared/messages/aws-failures.js';
import type { Secrets } from '../shared/secrets.js';
import type { KeyProbe, NewAccessKey } from '../rotation/ports.js';
import { endpointFromEnv } from './aws-endpoint.js';
import { retryOptionsFor, sendWithRetries } from './aws-call.js';

/** STS signed with the new key: one attempt per call, the rotation waits for a new key itself. */
export function createKeyProbe(io: Io, secrets: Secrets): KeyProbe {
  const endpoint = endpointFromEnv(io.env, 'STS');
  const client = (key: NewAccessKey, region: string) =>
    new STSClient({
      region,
      maxAttempts: 1,
      credentials: { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey },
      ...(endpoint ? { endpoint } : {}),
    });
  return {
    callerArn: async (key, region) => {
      const answer = await sendWithRetries(
        (abortSignal) => client(key, region).send(new GetCallerIdentityCommand({}), { abortSignal }),
        retryOptionsFor(io, secrets, 'STS GetCallerIdentity (new key)', 3),
      );
      if (!answer.Arn) throw new Error(incompleteAnswer('STS GetCallerIdentity', 'an ARN'));
      return answer.Arn;
    },
    assumeRole: async (key, role, region) => {
      const answer = await sendWithRetries(
        (abortSignal) =>
          client(key, region).send(
            new AssumeRoleCommand({
              RoleArn: role.arn,
              RoleSessionName: 'assume-deploy-role-rotation-check',
              DurationSeconds: 900,
            }),
            { abortSignal },
          ),
        retryOptionsFor(io, secrets, 'STS AssumeRole (new key)', 3),
      );
      for (const value of [answer.Credentials?.SecretAccessKey, answer.Credentials?.SessionToken]) if (value) secrets.add(value);
      if (!answer.AssumedRoleUser?.Arn) throw new Error(incompleteAnswer('STS AssumeRole', 'an assumed-role ARN'));
      return answer.AssumedRoleUser.Arn;
    },
  };
}
