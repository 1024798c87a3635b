/**
 * The root action's keyless mode, run(io) in process through the recording Io, against the
 * loopback STS and token endpoint: the order of effects (masks first), and nothing exported on failure.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { run } from '../../test/support/assume-role-run.js';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { assumeRoleAnswer, fakeSessionCredentials, startHostileSts } from '../../test/support/hostile-sts.js';
import { recordingIo, type RecordingIo } from '../../test/support/recording-io.js';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';

const ACCOUNT = '111122223333';
const KEY = 'token.actions.githubusercontent.com';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;

let server: Awaited<ReturnType<typeof startAwsTestServer>>;
let tokens: TokenEndpoint;
const audiencesAsked: string[] = [];

beforeAll(async () => {
  [server, tokens] = await Promise.all([startAwsTestServer(), startTokenEndpoint()]);
  const provider = server.addOidcProvider({
    account: ACCOUNT,
    url: tokens.issuer,
    clientIds: ['sts.amazonaws.com'],
    keys: [tokens.publicJwk],
  });
  server.addRole({
    account: ACCOUNT,
    name: 'deploy',
    trustedPrincipals: [],
    federatedTrust: [
      {
        federated: provider.arn,
        condition: {
          StringEquals: { [`${KEY}:aud`]: 'sts.amazonaws.com', [`${KEY}:sub`]: 'repo:octo-org/serverless-app:ref:refs/heads/main' },
        },
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all([server.close(), tokens.close()]);
});

/** What core.getIDToken does, without @actions/core: the runner's URL with &audience=, the request token as bearer. */
async function idToken(audience: string): Promise<string> {
  audiencesAsked.push(audience);
  const answer = await fetch(`${tokens.url}&audience=${encodeURIComponent(audience)}`, {
    headers: { Authorization: `Bearer ${tokens.requestToken}` },
  });
  if (!answer.ok) throw new Error(`Error message: Failed to get ID Token. Error Code : ${answer.status}`);
  return ((await answer.json()) as { value: string }).value;
}

function io(inputs: Record<string, string> = {}): RecordingIo {
  return recordingIo({
    inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, audience: 'sts.amazonaws.com', ...inputs },
    env: {
      AWS_ENDPOINT_URL: server.url,
      GITHUB_RUN_ID: '42',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_REPOSITORY: 'octo-org/serverless-app',
      ...tokens.env,
    },
    now: Date.now(),
    idToken,
  });
}

describe('keyless run(io)', () => {
  test("masks the request token first and the ID token before anything follows it, and exports the role's credentials", async () => {
    const step = io();
    await run(step);
    expect(step.errors).toEqual([]);
    const token = tokens.tokens.at(-1) ?? '';
    expect(step.effects[0]).toEqual({ kind: 'mask', value: tokens.requestToken });
    const tokenMask = step.effects.findIndex((effect) => effect.kind === 'mask' && effect.value === token);
    // Before the token's mask: masks and the one line saying keyless mode asks for a token, nothing else.
    expect(tokenMask).toBeGreaterThan(0);
    expect(step.effects.slice(0, tokenMask).filter((effect) => effect.kind !== 'mask' && effect.kind !== 'info')).toEqual([]);
    const printed = JSON.stringify(step.effects.filter((effect) => effect.kind !== 'mask'));
    expect(printed).not.toContain(token);
    expect(printed).not.toContain(tokens.requestToken);
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(step.outputs['role-session-name']).toBe('gha-42-1@octo-org.serverless-app');
    expect(audiencesAsked.at(-1)).toBe('sts.amazonaws.com');
  });

  test('refused by the role: one error, no export, output or state', async () => {
    tokens.setRun({ ref: 'refs/heads/feature' });
    const step = io();
    await run(step);
    tokens.setRun({});
    expect(step.failed).toBe(true);
    expect(step.errors).toHaveLength(1);
    expect(step.errors[0]).toContain('"token.actions.githubusercontent.com:sub":"repo:octo-org/serverless-app:ref:refs/heads/feature"');
    expect(step.effects.filter((effect) => effect.kind === 'export' || effect.kind === 'output' || effect.kind === 'state')).toEqual([]);
  });

  test('no idToken on the Io (a runner that offers none) is the permissions error, before any call', async () => {
    const before = server.requests.length;
    const step = recordingIo({
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE },
      env: { AWS_ENDPOINT_URL: server.url, ...tokens.env },
    });
    await run(step);
    expect(step.errors[0]).toContain('id-token: write');
    expect(server.requests.length).toBe(before);
  });

  test('keyless mode checks the samconfig too: its warnings, and the credentials still exported', async () => {
    const step = io();
    await run(step, {
      isFolder: async () => true,
      readSamconfig: async () => ({
        kind: 'document',
        name: 'samconfig.toml',
        document: { version: 0.1, default: { deploy: { parameters: { profile: 'dev' } } } },
      }),
    });
    expect(step.annotations.map((annotation) => annotation.message)).toEqual([
      expect.stringMatching(/^samconfig\.toml sets profile = dev in \[default\.deploy\.parameters\]/),
    ]);
    expect(step.failed).toBe(false);
    expect(step.exported.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
  });

  test('an STS answer checked as with keys: a line break in the assumed-role ARN, or another account, fails with nothing exported', async () => {
    const expiration = new Date(Date.now() + 3600_000).toISOString();
    for (const arn of [
      `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/s\n::error::injected`,
      'arn:aws:sts::999988887777:assumed-role/deploy/s',
    ]) {
      const hostile = await startHostileSts(() =>
        assumeRoleAnswer({ action: 'AssumeRoleWithWebIdentity', arn, expiration, credentials: fakeSessionCredentials() }),
      );
      try {
        const step = recordingIo({
          inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE },
          env: { AWS_ENDPOINT_URL: hostile.url, ...tokens.env },
          now: Date.now(),
          idToken,
        });
        await run(step);
        expect(step.errors).toEqual([expect.stringMatching(/^STS AssumeRoleWithWebIdentity answered with /)]);
        expect(step.effects.filter((effect) => effect.kind === 'export' || effect.kind === 'output')).toEqual([]);
        expect(step.log()).not.toMatch(/^::error::injected/m);
      } finally {
        await hostile.close();
      }
    }
  });
});
