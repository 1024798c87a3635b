/**
 * The scheduled key-age check with no key, as examples/key-age.yml runs it: the bundled root
 * action (dist/main) keyless with the key-age watcher role, whose trust and rights are those
 * iam/deploy-access.yml renders, against the loopback token endpoint and STS; then the bundled
 * key-age action (dist/key-age) in the same job, with the root step's exports and user-name,
 * against the loopback IAM. `npm run build` first: these tests run the bundles.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { CloudFormationTemplate, TemplateRenderer, isObj, type Statement } from '../../test/support/cloudformation.js';
import { EXAMPLE_KEY as KEY, EXAMPLE_REGION as REGION } from '../../test/support/fixtures.js';
import { findSecretLeaks, removeWorkDirs, runAction } from '../../test/support/run-action.js';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
type Run = Awaited<ReturnType<typeof runAction>>;

const ACCOUNT = '123456789012';
const USER = 'sam-cli-user';
const REPO = 'octo-org/serverless-app';
const PROVIDER = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`;
const WATCHER = `${USER}-key-age-watcher-role`;
const DAY = 24 * 60 * 60 * 1000;

let server: Server;
let tokens: TokenEndpoint;

/** The watcher role as the template renders it for KeyAgeWatcherRepository: its federated trust, and the users its policy names. */
function templateWatcher() {
  const cfn = new CloudFormationTemplate(readFileSync('iam/deploy-access.yml', 'utf8'));
  const r = new TemplateRenderer(
    cfn,
    { KeyAgeWatcherRepository: REPO, GitHubOidcProviderArn: PROVIDER },
    { account: ACCOUNT, region: REGION },
  );
  const trust = r
    .policies()
    .trust.find((p) => p.attachedTo.includes('KeyAgeWatcherRole'))!
    .statements.filter((s: Statement) => isObj(s.Principal) && 'Federated' in s.Principal)
    .map((s: Statement) => ({ federated: String((s.Principal as { Federated: string }).Federated), condition: s.Condition as never }));
  const statements = r
    .policies()
    .identity.filter((p) => p.attachedTo.includes('KeyAgeWatcherRole'))
    .flatMap((p) => p.statements);
  // The loopback IAM models "may read this user's key metadata"; the template must grant exactly that, on the user.
  expect(statements).toEqual([
    expect.objectContaining({ Effect: 'Allow', Action: ['iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'], Resource: '<DeployUser.Arn>' }),
  ]);
  return { trust, readsKeysOf: [USER] };
}

beforeAll(async () => {
  [server, tokens] = await Promise.all([startAwsTestServer(), startTokenEndpoint()]);
  server.addOidcProvider({ account: ACCOUNT, url: tokens.issuer, clientIds: ['sts.amazonaws.com'], keys: [tokens.publicJwk] });
  // The user may not read its own keys here: only the watcher role's session reads them.
  server.addUser({ account: ACCOUNT, name: USER, selfIamRead: false });
  server.addAccessKey(USER, {
    ...KEY,
    createDate: new Date(Date.now() - 95 * DAY),
    lastUsed: { date: new Date(Date.now() - DAY), service: 'sts', region: REGION },
  });
  const watcher = templateWatcher();
  server.addRole({
    account: ACCOUNT,
    name: WATCHER,
    trustedPrincipals: [],
    federatedTrust: watcher.trust,
    readsKeysOf: watcher.readsKeysOf,
  });
});

afterAll(async () => {
  await Promise.all([server.close(), tokens.close()]);
  await removeWorkDirs();
});

/** The job: the root action keyless with the watcher role, then key-age with its exports. */
async function job(environment: string | undefined, keyAgeInputs: Record<string, string> = { 'user-name': USER }) {
  tokens.setRun({ repository: REPO, environment, eventName: 'schedule' });
  const env = { AWS_ENDPOINT_URL: server.url };
  const assume = await runAction('dist/main/index.js', {
    inputs: { 'aws-region': REGION, 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/${WATCHER}` },
    env: { ...env, ...tokens.env },
    debug: true,
  });
  const check =
    assume.exitCode === 0
      ? await runAction('dist/key-age/index.js', {
          inputs: { 'aws-region': REGION, ...keyAgeInputs },
          env: { ...env, ...assume.env },
          debug: true,
        })
      : undefined;
  return { assume, check };
}

function expectNoLeaks(...runs: Run[]) {
  const secrets = [...tokens.knownSecrets(), ...server.knownSecrets(), { label: "the user's key id", value: KEY.accessKeyId }];
  for (const result of runs) {
    expect(
      findSecretLeaks(
        result,
        [...secrets, { label: 'session key id', value: result.env.AWS_ACCESS_KEY_ID ?? '' }].filter((s) => s.value),
      ),
    ).toEqual([]);
    expect(result.summary).not.toContain(KEY.accessKeyId);
  }
}

describe('key-age with the watcher role, end to end (no key anywhere in the job)', () => {
  test("in environment key-age: the role session reads the user's keys by name; the finding, the notice, the outputs; no secret leaks", async () => {
    const { assume, check } = await job('key-age');
    expect(assume.errors).toEqual([]);
    expect(server.sessions.at(-1)).toMatchObject({
      roleArn: `arn:aws:iam::${ACCOUNT}:role/${WATCHER}`,
      webIdentity: { subject: `repo:${REPO}:environment:key-age` },
    });
    expect(check!.errors).toEqual([expect.stringContaining('is 95 days old, at or over max-age-days (90)')]);
    expect(check!.exitCode).toBe(1);
    expect(check!.notices).toEqual([
      expect.stringMatching(/^Checked the keys of IAM user sam-cli-user with the credentials an earlier step exported/),
    ]);
    expect(check!.outputs.status).toBe('fail');
    expect(JSON.parse(check!.outputs.report ?? '{}')).toMatchObject({
      userName: USER,
      keys: [{ key: KEY.accessKeyId.slice(-4), ageDays: 95, usedByThisWorkflow: false }],
    });
    const reads = server.requests.filter((r) => r.service === 'iam');
    expect(reads.map((r) => [r.action, r.accessKeyId, r.status])).toEqual([
      ['ListAccessKeys', assume.env.AWS_ACCESS_KEY_ID, 200],
      ['GetAccessKeyLastUsed', assume.env.AWS_ACCESS_KEY_ID, 200],
    ]);
    // The session's secrets are masked in the key-age step too, before any call.
    expect(check!.masks).toEqual(expect.arrayContaining([assume.env.AWS_SECRET_ACCESS_KEY, assume.env.AWS_SESSION_TOKEN]));
    expectNoLeaks(assume, check!);
  });

  test('the watcher role trusts the key-age environment only: a job in production (or without an environment) gets no session', async () => {
    for (const environment of ['production', undefined]) {
      const { assume, check } = await job(environment);
      expect(assume.exitCode).toBe(1);
      expect(assume.errors).toHaveLength(1);
      expect(assume.env).toEqual({});
      expect(check).toBeUndefined();
      expectNoLeaks(assume);
    }
  });

  test('without user-name the key-age step refuses before any IAM call', async () => {
    const before = server.requests.filter((r) => r.service === 'iam').length;
    const { check } = await job('key-age', {});
    expect(check!.exitCode).toBe(1);
    expect(check!.errors).toEqual([
      expect.stringContaining("user-name: is empty and this step's environment holds credentials an earlier step exported"),
    ]);
    expect(server.requests.filter((r) => r.service === 'iam').length).toBe(before);
    expect(check!.outputs).toEqual({});
  });
});
