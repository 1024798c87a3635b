/**
 * Keyless mode of the bundled root action (dist/main, dist/post), run as the GitHub runner runs
 * it: the loopback token endpoint plays the runner's OIDC token service, the loopback STS checks
 * the token as AWS does (provider, audience, signature, expiry, the role's trust conditions).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { CloudFormationTemplate, TemplateRenderer, isObj, type Statement } from '../../test/support/cloudformation.js';
import { startForwardProxy, startTlsFront, throwawayCertificate } from '../../test/support/forward-proxy.js';
import { node24Binary } from '../../test/support/node24.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { EXAMPLE_ACCOUNT, EXAMPLE_ROLE_ARN, SECOND_EXAMPLE_KEY, EXPORTED_VARIABLES } from '../../test/support/fixtures.js';
import { findSecretLeaks, removeWorkDirs, runAction, runPost } from '../../test/support/run-action.js';
import { startTokenEndpoint, type RunClaims, type TokenEndpoint } from '../../test/support/token-endpoint.js';

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
type Run = Awaited<ReturnType<typeof runAction>>;

const ACCOUNT = EXAMPLE_ACCOUNT;
const NO_PROVIDER_ACCOUNT = '444455556666';
const REPO = 'octo-org/serverless-app';
const KEY = 'token.actions.githubusercontent.com';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/${KEY}`;
const ROLE = EXAMPLE_ROLE_ARN;

let server: Server;
let tokens: TokenEndpoint;

/** GitHub's immutable ids of REPO, as `gh api repos/OWNER/REPO --jq '.owner.id, .id'` prints them. */
const IDS = { owner: 72180100, repository: 5928741 };
const IMMUTABLE_REPO = `octo-org@${IDS.owner}/serverless-app@${IDS.repository}`;

/** The deploy role's federated trust exactly as iam/deploy-access.yml renders it for this GitHubRepository. */
function templateTrust(repository: string) {
  const cfn = new CloudFormationTemplate(readFileSync('iam/deploy-access.yml', 'utf8'));
  // CloudFormation refuses a parameter value outside its AllowedPattern before it creates anything.
  const allowed = new RegExp(String((cfn.parameters.GitHubRepository as { AllowedPattern: string }).AllowedPattern));
  if (!allowed.test(repository)) throw new Error(`iam/deploy-access.yml refuses GitHubRepository ${repository}`);
  const renderer = new TemplateRenderer(
    cfn,
    { GitHubRepository: repository, GitHubOidcProviderArn: PROVIDER },
    { account: ACCOUNT, region: 'eu-west-1' },
  );
  const trust = renderer.policies().trust.find((p) => p.attachedTo.includes('DeployRole'))!;
  return trust.statements
    .filter((s: Statement) => isObj(s.Principal) && 'Federated' in s.Principal)
    .map((s: Statement) => ({ federated: String((s.Principal as { Federated: string }).Federated), condition: s.Condition as never }));
}

const trusting = (sub: string) => [
  { federated: PROVIDER, condition: { StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com' }, StringLike: { [`${KEY}:sub`]: sub } } },
];

beforeAll(async () => {
  [server, tokens] = await Promise.all([startAwsTestServer(), startTokenEndpoint()]);
  server.addOidcProvider({ account: ACCOUNT, url: tokens.issuer, clientIds: ['sts.amazonaws.com'], keys: [tokens.publicJwk] });
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [], federatedTrust: trusting(`repo:${REPO}:ref:refs/heads/main`) });
  server.addRole({
    account: ACCOUNT,
    name: 'deploy-production',
    trustedPrincipals: [],
    federatedTrust: trusting(`repo:${REPO}:environment:production`),
  });
  server.addRole({ account: ACCOUNT, name: 'deploy-with-keys', trustedPrincipals: [user.arn] });
  server.addRole({ account: NO_PROVIDER_ACCOUNT, name: 'deploy', trustedPrincipals: [], federatedTrust: trusting(`repo:${REPO}:*`) });
  server.addRole({
    account: ACCOUNT,
    name: 'deploy-template-immutable',
    trustedPrincipals: [],
    federatedTrust: templateTrust(IMMUTABLE_REPO),
  });
  server.addRole({ account: ACCOUNT, name: 'deploy-template-name-only', trustedPrincipals: [], federatedTrust: templateTrust(REPO) });
});

afterAll(async () => {
  await Promise.all([server.close(), tokens.close()]);
  await removeWorkDirs();
});

async function run(
  inputs: Record<string, string> = {},
  options: { env?: Record<string, string | undefined>; claims?: RunClaims; node?: string } = {},
): Promise<Run> {
  tokens.setRun(options.claims ?? {});
  const result = await runAction('dist/main/index.js', {
    inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, ...inputs },
    env: { AWS_ENDPOINT_URL: server.url, ...tokens.env, ...options.env },
    node: options.node,
    // Debug on everywhere: the token must not show at any log level.
    debug: true,
  });
  return result;
}

async function counted<T>(action: () => Promise<T>) {
  const [sts, token] = [server.requests.length, tokens.requests.length];
  const result = await action();
  return { result, stsRequests: server.requests.slice(sts), tokenRequests: tokens.requests.slice(token) };
}

function secretsOf(result: Run) {
  return [...tokens.knownSecrets(), { label: 'temporary access key id', value: result.env.AWS_ACCESS_KEY_ID }, ...server.knownSecrets()];
}

function expectNoTokenInAnyLog(result: Run) {
  expect(findSecretLeaks(result, secretsOf(result))).toEqual([]);
  for (const { value } of tokens.knownSecrets()) {
    expect(result.visibleLog).not.toContain(value);
    expect(result.stderr).not.toContain(value);
    expect(JSON.stringify([result.env, result.outputs, result.state, result.summary])).not.toContain(value);
  }
}

function expectFailedWithNothingExported(result: Run) {
  expect(result.exitCode).toBe(1);
  expect(result.errors).toHaveLength(1);
  expect(result.env).toEqual({});
  expect(result.outputs).toEqual({});
  expect(result.state).toEqual({});
  expectNoTokenInAnyLog(result);
}

describe('keyless: success', () => {
  test('one token request, one unsigned AssumeRoleWithWebIdentity, the same exports, outputs and summary as with keys', async () => {
    const { result, stsRequests, tokenRequests } = await counted(() => run());
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(tokenRequests).toEqual([{ audience: 'sts.amazonaws.com', status: 200 }]);
    expect(stsRequests.map((request) => [request.action, request.accessKeyId, request.status])).toEqual([
      ['AssumeRoleWithWebIdentity', undefined, 200],
    ]);

    const session = server.sessions.at(-1);
    expect(session).toMatchObject({
      roleArn: ROLE,
      webIdentity: { provider: PROVIDER, audience: 'sts.amazonaws.com', subject: `repo:${REPO}:ref:refs/heads/main` },
    });
    expect(Object.keys(result.env).sort()).toEqual([...EXPORTED_VARIABLES].sort());
    const issued = server.sessionCredentials(result.env.AWS_ACCESS_KEY_ID ?? '');
    expect(result.env).toMatchObject({
      AWS_SECRET_ACCESS_KEY: issued?.secretAccessKey,
      AWS_SESSION_TOKEN: issued?.sessionToken,
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_SECURITY_TOKEN: '',
    });
    expect(result.outputs).toEqual({
      'aws-account-id': ACCOUNT,
      'assumed-role-arn': session?.assumedRoleArn,
      'role-session-name': session?.roleSessionName,
      expiration: session?.expiration.toISOString(),
      'aws-expiration': session?.expiration.toISOString(),
      'authenticated-arn': session?.assumedRoleArn,
    });
    expect(result.outputs['role-session-name']).toMatch(/^gha-11823456789-1@octo-org\.serverless-app$/);
    expect(result.state).toEqual({ exported: 'true' });
    expect(result.summary).toContain(`| Role | \`${ROLE}\` |`);
    // The token is masked the moment it exists, before anything else is printed.
    expect(result.masks).toContain(tokens.tokens.at(-1));
    expect(result.masks).toContain(tokens.requestToken);
    expectNoTokenInAnyLog(result);
  });

  test('the log names a non-default STS endpoint, as with keys', async () => {
    const result = await run();
    expect(result.exitCode).toBe(0);
    expect(result.visibleLog).toContain(`STS AssumeRoleWithWebIdentity goes to ${server.url}, not AWS's default endpoint for eu-west-1`);
  });

  test("behind the runner's proxy: the token request and the STS call both go through it, in tunnels to https endpoints", async () => {
    const proxy = await startForwardProxy();
    const certificate = await throwawayCertificate();
    const [stsFront, tokenFront] = await Promise.all([
      startTlsFront(Number(new URL(server.url).port), certificate),
      startTlsFront(Number(new URL(tokens.url).port), certificate),
    ]);
    try {
      const tokenUrl = new URL(tokens.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '');
      const env = {
        AWS_ENDPOINT_URL: stsFront.url,
        ACTIONS_ID_TOKEN_REQUEST_URL: `${tokenFront.url}${tokenUrl.pathname}${tokenUrl.search}`,
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: certificate.caFile,
      };
      const result = await run({}, { env });
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(proxy.requests.map(({ method, target }) => [method, target])).toEqual([
        ['CONNECT', new URL(tokenFront.url).host],
        ['CONNECT', new URL(stsFront.url).host],
      ]);
      expectNoTokenInAnyLog(result);
    } finally {
      await Promise.all([stsFront.close(), tokenFront.close()]);
      await certificate.remove();
      await proxy.close();
    }
  });

  test('an immutable-form sub, for a role whose trust the template rendered with GitHubRepository OWNER@ID/REPO@ID', async () => {
    const result = await run({ 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/deploy-template-immutable` }, { claims: { ids: IDS } });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(server.sessions.at(-1)?.webIdentity?.subject).toBe(`repo:${IMMUTABLE_REPO}:ref:refs/heads/main`);
    expectNoTokenInAnyLog(result);
  });

  test('a job in an environment, for a role that trusts that environment', async () => {
    const result = await run(
      { 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/deploy-production` },
      { claims: { environment: 'production' } },
    );
    expect(result.exitCode).toBe(0);
    expect(server.sessions.at(-1)?.webIdentity?.subject).toBe(`repo:${REPO}:environment:production`);
  });

  test('a token service that fails twice is retried, each retry in one log line', async () => {
    tokens.failNext({ status: 503, times: 2 });
    const { result, tokenRequests } = await counted(() => run());
    expect(result.exitCode).toBe(0);
    // One request per attempt: no retries hidden inside an attempt.
    expect(tokenRequests.map((request) => request.status)).toEqual([503, 503, 200]);
    expect(result.visibleLog).toMatch(/GitHub ID token request: attempt 1 of 5 failed/);
    expect(result.visibleLog).toMatch(/GitHub ID token request: attempt 2 of 5 failed/);
    expectNoTokenInAnyLog(result);
  });

  test('the post step blanks what keyless mode exported', async () => {
    const main = await run();
    const post = await runPost(main);
    expect(post.exitCode).toBe(0);
    expect(post.env).toEqual(Object.fromEntries(EXPORTED_VARIABLES.map((name) => [name, ''])));
    expect(findSecretLeaks(post, secretsOf(main))).toEqual([]);
  });

  const awsTest = testWithTool(spawnSync('aws', ['--version']).status === 0, {
    requireVariable: 'REQUIRE_AWS_CLI',
    missing: 'the AWS CLI (aws) is not installed, so the keyless credentials are not checked with botocore (apt-get install awscli)',
  });

  const node24 = node24Binary()?.binary;
  const node24Test = testWithTool(node24 !== undefined, {
    requireVariable: 'REQUIRE_NODE24',
    missing:
      "neither NODE24 nor the Node running the tests is Node 24, so keyless mode is not run on Node 24, GitHub's runtime for this action (.ci/run sets NODE24)",
  });

  node24Test("on Node 24, GitHub's runtime: the token request (@actions/http-client in the bundle) and the unsigned call", async () => {
    const result = await run({}, { node: node24 });
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expectNoTokenInAnyLog(result);
  });

  awsTest('aws sts get-caller-identity, with the exported environment, is the assumed role (botocore, as SAM CLI)', async () => {
    const result = await run();
    expect(result.exitCode).toBe(0);
    const identity = await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'], {
      timeout: 30000,
      env: {
        PATH: process.env.PATH,
        HOME: result.workDir,
        AWS_CONFIG_FILE: `${result.workDir}/no-aws-config`,
        AWS_SHARED_CREDENTIALS_FILE: `${result.workDir}/no-aws-credentials`,
        ...result.env,
      },
    });
    expect(identity.stderr).toBe('');
    expect(JSON.parse(identity.stdout)).toMatchObject({ Account: ACCOUNT, Arn: result.outputs['assumed-role-arn'] });
  });
});

describe('keyless: refused before any call', () => {
  test('no keys and no id-token permission: one error with the permissions block, no request anywhere', async () => {
    const { result, stsRequests, tokenRequests } = await counted(() =>
      run({}, { env: { ACTIONS_ID_TOKEN_REQUEST_URL: undefined, ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined } }),
    );
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toContain('permissions:\n  id-token: write\n  contents: read');
    expect(stsRequests).toEqual([]);
    expect(tokenRequests).toEqual([]);
  });

  test.each([
    ['a bare role name (no key whose account it could be in)', { 'role-to-assume': 'deploy' }, 'role-to-assume'],
    ['a secret without a key id', { 'aws-secret-access-key': SECOND_EXAMPLE_KEY.secretAccessKey }, 'aws-secret-access-key'],
    ['session tags, which AssumeRoleWithWebIdentity takes from the token only', { 'session-tags': 'true' }, 'session-tags'],
    ['an audience with a space', { audience: 'sts amazonaws com' }, 'audience'],
    ['a role outside allowed-account-ids', { 'allowed-account-ids': '999988887777' }, 'role-to-assume'],
  ])('%s', async (_case, inputs, named) => {
    const { result, stsRequests, tokenRequests } = await counted(() => run(inputs));
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toContain(`${named}:`);
    expect(stsRequests).toEqual([]);
    expect(tokenRequests).toEqual([]);
  });
});

describe('keyless: each STS refusal says what to change, and exports nothing', () => {
  test("AccessDenied: the statement for this run's sub, filled in", async () => {
    const result = await run({}, { claims: { ref: 'refs/heads/release' } });
    expectFailedWithNothingExported(result);
    const [error] = result.errors;
    expect(error).toContain(`"Federated":"${PROVIDER}"`);
    expect(error).toContain(`"${KEY}:sub":"repo:${REPO}:ref:refs/heads/release"`);
    expect(error).toContain(`"${KEY}:aud":"sts.amazonaws.com"`);
    expect(error).toContain('branch "release"');
    expect(error).toContain('Not authorized to perform sts:AssumeRoleWithWebIdentity');
    expect(server.requests.at(-1)).toMatchObject({ action: 'AssumeRoleWithWebIdentity', errorCode: 'AccessDenied' });
  });

  test('AccessDenied for a job in an environment, when the role trusts the branch', async () => {
    const result = await run({}, { claims: { environment: 'production' } });
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toContain(`"${KEY}:sub":"repo:${REPO}:environment:production"`);
    expect(result.errors[0]).toContain(`not the branch: a condition on repo:${REPO}:ref:refs/heads/main`);
  });

  test("an immutable-form sub (OWNER@ID/REPO@ID) is refused by the template's name-only trust, and the advice names the form", async () => {
    const result = await run({ 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/deploy-template-name-only` }, { claims: { ids: IDS } });
    expectFailedWithNothingExported(result);
    const [error] = result.errors;
    expect(error).toContain(`"${KEY}:sub":"repo:${IMMUTABLE_REPO}:ref:refs/heads/main"`);
    expect(error).toContain(`GitHub's immutable form, repo:OWNER@OWNER_ID/REPO@REPO_ID:… (${IMMUTABLE_REPO})`);
    expect(error).toContain(`a trust condition on the name-only form (repo:${REPO}:…) will not match it`);
    expect(error).toContain(`GitHubRepository ${IMMUTABLE_REPO}`);
    expect(server.requests.at(-1)).toMatchObject({ action: 'AssumeRoleWithWebIdentity', errorCode: 'AccessDenied' });
  });

  test("AccessDenied on a pull_request run: the advice says the statement would admit every pull request's code", async () => {
    const result = await run({}, { claims: { eventName: 'pull_request', ref: 'refs/pull/7/merge' } });
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toContain(`"${KEY}:sub":"repo:${REPO}:pull_request"`);
    expect(result.errors[0]).toContain('the code of every pull request opened from a branch of the repository');
    expect(result.errors[0]).not.toContain('admits exactly this run');
  });

  test('AccessDenied from a role that trusts only the IAM user', async () => {
    const result = await run({ 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/deploy-with-keys` });
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toContain('trusts only that user');
    expect(result.errors[0]).toContain('deploy-access.yml');
  });

  test("no OIDC provider in the role's account", async () => {
    const result = await run({ 'role-to-assume': `arn:aws:iam::${NO_PROVIDER_ACCOUNT}:role/deploy` });
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toContain(`Account ${NO_PROVIDER_ACCOUNT}`);
    expect(result.errors[0]).toContain('No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com');
  });

  test('an audience the provider does not list', async () => {
    const result = await run({ audience: 'my-audience' });
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toContain('(the audience input, my-audience) is not one of the audiences');
    expect(tokens.requests.at(-1)?.audience).toBe('my-audience');
  });

  test('an expired token', async () => {
    const result = await run({}, { claims: { lifetimeSeconds: -120 } });
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toContain('had expired when it arrived');
    expect(result.errors[0]).toMatch(/Token expired: current date\/time \d+ must be before the expiration date\/time\d+/);
  });

  test('a token service that keeps refusing (HTTP 401) fails at once', async () => {
    tokens.failNext({ status: 401 });
    const { result, stsRequests } = await counted(() => run());
    expectFailedWithNothingExported(result);
    expect(result.errors[0]).toMatch(
      /^Requesting GitHub's OIDC ID token failed 1 time in \d+\.\d s; nothing was exported\. GitHub's token service refused the request \(HTTP 401\)/,
    );
    expect(stsRequests).toEqual([]);
  });
});
