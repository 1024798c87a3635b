// The least a run of the root action can be while it calls STS through @aws-sdk/client-sts: one
// client configured as src/adapters/sts.ts configures it, one AssumeRole, the session's values
// masked and written to GITHUB_ENV; no input rules, no retries, no summary. `npm run bench -- --ab
// REF --floor` bundles it as the root action is bundled and times it beside the real one, so a
// speed target can be held against what the SDK alone costs. Not part of any action.
import { appendFileSync } from 'node:fs';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';

const input = (name) => process.env[`INPUT_${name.toUpperCase()}`] ?? '';
const client = new STSClient({
  region: input('aws-region'),
  credentials: { accessKeyId: input('aws-access-key-id'), secretAccessKey: input('aws-secret-access-key') },
  maxAttempts: 1,
  retryMode: 'standard',
  defaultsMode: 'legacy',
  ...(process.env.AWS_ENDPOINT_URL ? { endpoint: process.env.AWS_ENDPOINT_URL } : {}),
  requestHandler: {},
});
const { Credentials } = await client.send(new AssumeRoleCommand({ RoleArn: input('role-to-assume'), RoleSessionName: 'sdk-floor' }));
const values = [Credentials?.AccessKeyId, Credentials?.SecretAccessKey, Credentials?.SessionToken];
for (const value of values) process.stdout.write(`::add-mask::${value}\n`);
const names = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'];
appendFileSync(process.env.GITHUB_ENV ?? '', names.map((name, i) => `${name}=${values[i]}\n`).join(''));
