/**
 * A workflow copied from aws-actions/configure-aws-credentials' README (v6.2.3: its Examples and
 * its inputs), with only the `uses:` line changed, run step by step as the bundled action under
 * the runner emulation against the loopback STS and token endpoint. Every input of the peer is
 * set in one of the runs; each asserts the peer's behaviour or the refusal. The AWS CLI proves
 * that role-chaining's credentials are the second account's.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { findSecretLeaks, removeWorkDirs, runAction } from '../../test/support/run-action.js';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';
import { EXAMPLE_KEY as USER } from '../../test/support/fixtures.js';

type Run = Awaited<ReturnType<typeof runAction>>;
type Step = { name: string; id?: string; uses: string; with: Record<string, string | number | boolean> };

/** The peer README's steps (Examples, Session tagging, Custom session tags), `uses:` pointing here; STS_URL stands for the endpoint. */
const WORKFLOW = `
steps:
  # AssumeRole with role previously assumed by action in same workflow
  - name: Configure AWS Credentials
    uses: assume-deploy-role/assume-deploy-role@v1
    with:
      aws-region: us-east-2
      role-to-assume: arn:aws:iam::123456789100:role/my-github-actions-role
      role-session-name: MySessionName
  - name: Configure other AWS Credentials
    uses: assume-deploy-role/assume-deploy-role@v1
    with:
      aws-region: us-east-2
      role-to-assume: arn:aws:iam::987654321000:role/my-second-role
      role-session-name: MySessionName
      role-chaining: true
  # Retrieving credentials from step output
  - name: Configure AWS Credentials 1
    id: creds
    uses: assume-deploy-role/assume-deploy-role@v1
    with:
      aws-region: us-east-2
      role-to-assume: arn:aws:iam::123456789100:role/my-github-actions-role
      output-credentials: true
  - name: Configure AWS Credentials 2
    uses: assume-deploy-role/assume-deploy-role@v1
    with:
      aws-region: us-east-2
      aws-access-key-id: \${{ steps.creds.outputs.aws-access-key-id }}
      aws-secret-access-key: \${{ steps.creds.outputs.aws-secret-access-key }}
      aws-session-token: \${{ steps.creds.outputs.aws-session-token }}
      role-to-assume: arn:aws:iam::123456789100:role/my-other-github-actions-role
  # AssumeRole with static IAM credentials in repository secrets, and every other input of the peer
  - name: Configure AWS Credentials with the rest
    uses: assume-deploy-role/assume-deploy-role@v1
    with:
      aws-access-key-id: \${{ secrets.AWS_ACCESS_KEY_ID }}
      aws-secret-access-key: \${{ secrets.AWS_SECRET_ACCESS_KEY }}
      aws-region: us-east-2
      role-to-assume: \${{ secrets.AWS_ROLE_TO_ASSUME }}
      role-duration-seconds: 1200
      role-session-name: MySessionName
      role-skip-session-tagging: false
      transitive-tag-keys: |
        Repository
        Workflow
        Action
        Actor
      custom-tags: '{"Environment": "Production", "Team": "Platform"}'
      unset-current-credentials: true
      disable-retry: true
      action-timeout-s: 60
      force-skip-oidc: true
      special-characters-workaround: false
      use-existing-credentials: false
      sts-endpoint: STS_URL
`;

const STEPS = (parse(WORKFLOW) as { steps: Step[] }).steps;
const step = (name: string) => STEPS.find((candidate) => candidate.name === name) as Step;
const FIRST_ROLE = 'arn:aws:iam::123456789100:role/my-github-actions-role';
const SECOND_ROLE = 'arn:aws:iam::987654321000:role/my-second-role';
const OTHER_ROLE = 'arn:aws:iam::123456789100:role/my-other-github-actions-role';
const TAGGED_ROLE = 'arn:aws:iam::123456789100:role/tagged-deploy';
const EKS_ROLE = 'arn:aws:iam::123456789100:role/eks-deploy';

let server: Awaited<ReturnType<typeof startAwsTestServer>>;
let tokens: TokenEndpoint;

beforeAll(async () => {
  [server, tokens] = await Promise.all([startAwsTestServer(), startTokenEndpoint()]);
  const provider = server.addOidcProvider({
    account: '123456789100',
    url: tokens.issuer,
    clientIds: ['sts.amazonaws.com'],
    keys: [tokens.publicJwk],
  });
  const oidcTrust = [
    { federated: provider.arn, condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } },
  ];
  // The hub: trusted by GitHub's OIDC tokens; its identity policy allows the spoke of the other account.
  server.addRole({
    account: '123456789100',
    name: 'my-github-actions-role',
    trustedPrincipals: [],
    federatedTrust: oidcTrust,
    canAssume: [SECOND_ROLE],
  });
  server.addRole({
    account: '987654321000',
    name: 'my-second-role',
    trustedPrincipals: [FIRST_ROLE],
    trustActions: ['sts:AssumeRole', 'sts:TagSession'],
  });
  server.addRole({ account: '123456789100', name: 'my-other-github-actions-role', trustedPrincipals: [FIRST_ROLE] });
  const user = server.addUser({ account: '123456789100', name: 'sam-cli-user', canAssume: [TAGGED_ROLE] });
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({
    account: '123456789100',
    name: 'tagged-deploy',
    trustedPrincipals: [user.arn],
    trustActions: ['sts:AssumeRole', 'sts:TagSession'],
  });
  server.addRole({ account: '123456789100', name: 'eks-deploy', trustedPrincipals: [], federatedTrust: oidcTrust });
});

afterAll(async () => {
  await Promise.all([server.close(), tokens.close()]);
  await removeWorkDirs();
});

/** `${{ secrets.X }}` and `${{ steps.ID.outputs.X }}` as the runner fills them in, STS_URL as the loopback's. */
function inputsOf(
  given: Step,
  context: { secrets?: Record<string, string>; outputs?: Record<string, Record<string, string>> } = {},
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(given.with).map(([name, value]) => [
      name,
      String(value)
        .replace(/\$\{\{ secrets\.(\w+) \}\}/g, (_, secret: string) => context.secrets?.[secret] ?? '')
        .replace(/\$\{\{ steps\.(\w+)\.outputs\.([\w-]+) \}\}/g, (_, id: string, output: string) => context.outputs?.[id]?.[output] ?? '')
        .replace('STS_URL', server.url),
    ]),
  );
}

/** One step of the job: the job's environment so far (the runner's OIDC variables, what earlier steps exported). */
function runStep(
  inputs: Record<string, string>,
  env: Record<string, string | undefined> = {},
  workspaceFiles?: Record<string, string>,
): Promise<Run> {
  return runAction('dist/main/index.js', { inputs, env: { AWS_ENDPOINT_URL: server.url, ...tokens.env, ...env }, workspaceFiles });
}

async function callerIdentity(env: Record<string, string | undefined>, home: string): Promise<{ Account: string; Arn: string }> {
  const { stdout } = await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'], {
    timeout: 30000,
    env: {
      PATH: process.env.PATH,
      HOME: home,
      AWS_CONFIG_FILE: `${home}/no-aws-config`,
      AWS_SHARED_CREDENTIALS_FILE: `${home}/no-aws-credentials`,
      ...env,
    },
  });
  return JSON.parse(stdout) as { Account: string; Arn: string };
}

const awsTest = testWithTool(spawnSync('aws', ['--version']).status === 0, {
  requireVariable: 'REQUIRE_AWS_CLI',
  missing: "the AWS CLI (aws) is not installed, so role-chaining's credentials are not checked with botocore (apt-get install awscli)",
});

const leaks = (result: Run) =>
  findSecretLeaks(result, [{ label: 'user secret', value: USER.secretAccessKey }, ...server.knownSecrets(), ...tokens.knownSecrets()]);

describe("the peer README's workflow, run here", () => {
  awsTest(
    "role-chaining: the second step assumes the other account's role with the first step's credentials; aws sts get-caller-identity is that account",
    async () => {
      const first = await runStep(inputsOf(step('Configure AWS Credentials')));
      expect(first.errors).toEqual([]);
      expect(first.outputs['aws-account-id']).toBe('123456789100');
      // The runner's OIDC variables are still there: role-chaining must not fall back to keyless mode.
      const before = server.requests.length;
      const second = await runStep(inputsOf(step('Configure other AWS Credentials')), first.env);
      expect(second.exitCode).toBe(0);
      expect(second.errors).toEqual([]);
      expect(server.requests.slice(before).map((r) => [r.action, r.accessKeyId])).toEqual([['AssumeRole', first.env.AWS_ACCESS_KEY_ID]]);
      expect(server.sessions.at(-1)).toMatchObject({
        roleArn: SECOND_ROLE,
        roleSessionName: 'MySessionName',
        callerArn: 'arn:aws:sts::123456789100:assumed-role/my-github-actions-role/MySessionName',
      });
      const identity = await callerIdentity(second.env, second.workDir);
      expect(identity).toEqual(
        expect.objectContaining({ Account: '987654321000', Arn: 'arn:aws:sts::987654321000:assumed-role/my-second-role/MySessionName' }),
      );
      expect(leaks(second)).toEqual([]);

      // use-existing-credentials: true in a third step: the second step's credentials are of the role's account and valid.
      const third = await runStep({ ...inputsOf(step('Configure other AWS Credentials')), 'use-existing-credentials': 'true' }, second.env);
      expect(third.exitCode).toBe(0);
      expect(third.notices).toEqual([
        expect.stringMatching(
          /^use-existing-credentials: the credentials in the environment are valid \(arn:aws:sts::987654321000:assumed-role\/my-second-role\/MySessionName\)/,
        ),
      ]);
      expect(third.env).toEqual({});
    },
  );

  test("aws-session-token: the first step's credentials from its outputs sign the second step's AssumeRole, and are never exported", async () => {
    const first = await runStep(inputsOf(step('Configure AWS Credentials 1')));
    expect(first.errors).toEqual([]);
    expect(first.outputs['aws-session-token']).toBeTruthy();
    expect(first.outputs['aws-expiration']).toBe(first.outputs.expiration);
    const second = await runStep(inputsOf(step('Configure AWS Credentials 2'), { outputs: { creds: first.outputs } }));
    expect(second.errors).toEqual([]);
    expect(server.sessions.at(-1)).toMatchObject({
      roleArn: OTHER_ROLE,
      callerArn: expect.stringMatching(/^arn:aws:sts::123456789100:assumed-role\/my-github-actions-role\//),
    });
    expect(Object.values(second.env)).not.toContain(first.outputs['aws-session-token']);
    expect(second.masks).toContain(first.outputs['aws-session-token']);
    expect(leaks(second)).toEqual([]);
  });

  test("static keys with every other input of the peer: tags (the run's 13 and the custom ones), blanked first, one attempt, the endpoint named", async () => {
    const inputs = inputsOf(step('Configure AWS Credentials with the rest'), {
      secrets: { AWS_ACCESS_KEY_ID: USER.accessKeyId, AWS_SECRET_ACCESS_KEY: USER.secretAccessKey, AWS_ROLE_TO_ASSUME: TAGGED_ROLE },
    });
    server.injectFault('AssumeRole', { kind: 'unavailable', times: 1 });
    const refusedOnce = await runStep(inputs, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    // disable-retry: true: the 503 is not retried; unset-current-credentials blanked the variables before the call.
    expect(refusedOnce.exitCode).toBe(1);
    expect(refusedOnce.errors).toHaveLength(1);
    expect(refusedOnce.env.AWS_ACCESS_KEY_ID).toBe('');
    expect(server.requests.at(-1)).toMatchObject({ action: 'AssumeRole', status: 503 });

    const result = await runStep(inputs, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    expect(result.exitCode).toBe(0);
    expect(result.errors).toEqual([]);
    expect(result.visibleLog).toContain(server.url);
    expect(result.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    const session = server.sessions.at(-1);
    expect(session).toMatchObject({ roleArn: TAGGED_ROLE, roleSessionName: 'MySessionName', durationSeconds: 1200 });
    expect(session?.tags.map((tag: { key: string }) => tag.key)).toEqual([
      'GitHub',
      'Repository',
      'Workflow',
      'Action',
      'Actor',
      'Commit',
      'Branch',
      'EventName',
      'RunId',
      'Job',
      'Environment',
      'Team',
    ]);
    expect(session?.tags.slice(-2)).toEqual([
      { key: 'Environment', value: 'Production' },
      { key: 'Team', value: 'Platform' },
    ]);
    expect(result.outputs['aws-expiration']).toBe(result.outputs.expiration);
    expect(leaks(result)).toEqual([]);
  });

  test('special-characters-workaround: true is refused before any call, naming what to use instead', async () => {
    const inputs = inputsOf(step('Configure AWS Credentials with the rest'), {
      secrets: { AWS_ACCESS_KEY_ID: USER.accessKeyId, AWS_SECRET_ACCESS_KEY: USER.secretAccessKey, AWS_ROLE_TO_ASSUME: TAGGED_ROLE },
    });
    const before = server.requests.length;
    const result = await runStep({ ...inputs, 'special-characters-workaround': 'true' });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([expect.stringContaining('special-characters-workaround: is not supported')]);
    expect(result.errors[0]).toContain('use aws-profile');
    expect(server.requests.length).toBe(before);
    expect(result.env).toEqual({});
  });

  test('web-identity-token-file: keyless with the token a self-hosted runner (EKS) keeps in a file; no ID token is requested', async () => {
    const answer = await fetch(`${tokens.url}&audience=sts.amazonaws.com`, { headers: { Authorization: `Bearer ${tokens.requestToken}` } });
    const token = ((await answer.json()) as { value: string }).value;
    const asked = tokens.requests.length;
    const result = await runStep(
      { 'aws-region': 'us-east-2', 'role-to-assume': EKS_ROLE, 'web-identity-token-file': 'eks/token' },
      {},
      { 'eks/token': `${token}\n` },
    );
    expect(result.errors).toEqual([]);
    expect(tokens.requests.length).toBe(asked);
    expect(result.outputs['assumed-role-arn']).toMatch(/^arn:aws:sts::123456789100:assumed-role\/eks-deploy\//);
    expect(result.masks).toContain(token);
    expect(result.visibleLog).not.toContain(token);
  });

  test('action-timeout-s: an STS that does not answer in time fails the step with one error, nothing exported', async () => {
    server.injectFault('AssumeRole', { kind: 'delay', delayMs: 5000 });
    const result = await runStep({
      'aws-region': 'us-east-2',
      'role-to-assume': TAGGED_ROLE,
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'action-timeout-s': '1',
    });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toEqual([
      'The action did not finish within action-timeout-s (1 s); nothing more is exported, and the step fails',
    ]);
    expect(result.env).toEqual({});
    expect(result.outputs).toEqual({});
  });
});
