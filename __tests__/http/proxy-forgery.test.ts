/**
 * A proxy cannot answer for AWS or GitHub's token service: through a proxy, an answer counts only
 * when it came over a TLS session with the endpoint whose certificate verified. The hostile proxy
 * answers CONNECT itself (203 with the endpoint's XML), opens a "tunnel" and speaks plain HTTP,
 * or speaks TLS with a trusted certificate for another name. Each call must fail with the one
 * message that names the proxy (password masked) and what went wrong, registering no forged value.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import selfsigned from 'selfsigned';
import { assumeRole, callerArn, createStsClient, type CallOptions } from '../../src/adapters/sts.js';
import { assumeRoleWithWebIdentity, createWebIdentityStsClient } from '../../src/adapters/sts-web-identity.js';
import { createIamClient, listOwnAccessKeys } from '../../src/adapters/iam.js';
import { requestRunnerIdToken } from '../../src/adapters/github-id-token.js';
import { proxyHandlerOptions } from '../../src/adapters/proxy.js';
import { proxyVariables } from '../../src/shared/proxy-settings.js';
import { CallFailed, type RetryPolicy } from '../../src/shared/retry.js';
import { StepFailure } from '../../src/shared/step-failure.js';
import { startHostileProxy, trustInThisProcess } from '../../test/support/hostile-proxy.js';
import { assumeRoleAnswer, callerIdentityAnswer, fakeSessionCredentials } from '../../test/support/hostile-sts.js';
import { EXAMPLE_KEY, EXAMPLE_REGION as REGION, EXAMPLE_ROLE_ARN as ROLE_ARN, INSTANT_CLOCK } from '../../test/support/fixtures.js';

const POLICY: RetryPolicy = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, attemptTimeoutMs: 5000, totalBudgetMs: 20000 };
const KEYS = { ...EXAMPLE_KEY, region: REGION, partition: 'aws' as const };
const FORGED = fakeSessionCredentials();
const FORGED_ROLE = assumeRoleAnswer({
  arn: 'arn:aws:sts::123456789012:assumed-role/deploy/gha-session',
  expiration: new Date(Date.now() + 3600_000).toISOString(),
  credentials: FORGED,
});
const FORGED_CALLER = callerIdentityAnswer({ arn: 'arn:aws:iam::210987654321:user/mallory', account: '210987654321' });
const PASSWORD = 'Pr0xy-S3cret';

type Mode = Parameters<typeof startHostileProxy>[0]['mode'];
type Answer = Parameters<typeof startHostileProxy>[0]['answers'][number];

let otherName: { key: string; cert: string };
let untrust: () => void;

beforeAll(async () => {
  // A certificate for another host, trusted like a CA's: only the name check can refuse it.
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'other.example' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'other.example' }] }],
  });
  otherName = { key: pems.private, cert: pems.cert };
  untrust = trustInThisProcess(pems.cert);
});

afterAll(() => untrust());

async function throughHostile<T>(
  mode: Mode,
  answers: Answer[],
  call: (env: Record<string, string>, options: CallOptions) => Promise<T>,
  extraEnv: Record<string, string> = {},
  connectStatus?: number,
) {
  const proxy = await startHostileProxy({ mode, answers, tls: otherName, ...(connectStatus ? { connectStatus } : {}) });
  const masked: string[] = [];
  const env = { HTTPS_PROXY: `http://ci:${PASSWORD}@127.0.0.1:${proxy.port}`, ...extraEnv };
  const options: CallOptions = { mask: (value) => masked.push(value), policy: POLICY, clock: INSTANT_CLOCK, onRetry: () => undefined };
  try {
    const outcome: { value?: T; error?: unknown } = await call(env, options).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    return { ...outcome, masked, connects: proxy.connects, proxyUrl: `http://ci:***@127.0.0.1:${proxy.port}` };
  } finally {
    await proxy.close();
  }
}

const proxyOf = (env: Record<string, string | undefined>) => proxyVariables(env, {});

function expectRefused(result: { error?: unknown; value?: unknown; masked: string[]; proxyUrl: string }, what: RegExp): string {
  expect(result.value).toBeUndefined();
  expect(result.error).toBeInstanceOf(StepFailure);
  const message = (result.error as Error).message;
  expect(message).toContain(result.proxyUrl);
  expect(message).not.toContain(PASSWORD);
  expect(message).toMatch(what);
  expect(result.masked).not.toContain(FORGED.secretAccessKey);
  return message;
}

describe('key mode, STS through a proxy', () => {
  const assume = (env: Record<string, string>, options: CallOptions) =>
    createStsClient(KEYS, env, proxyOf(env)).then((client) => assumeRole(client, { RoleArn: ROLE_ARN, RoleSessionName: 's' }, options));

  test('a CONNECT answered with 203 and AssumeRole XML: refused, naming the proxy and the status, once (not retried)', async () => {
    const result = await throughHostile('forge', [FORGED_ROLE], assume);
    const message = expectRefused(result, /answered CONNECT sts\.eu-west-1\.amazonaws\.com:443 with HTTP 203, not 200/);
    expect(message).toContain('nothing was exported');
    expect(result.connects).toEqual([{ target: 'sts.eu-west-1.amazonaws.com:443', authorized: true }]);
  });

  test('a bare role name: a forged GetCallerIdentity for another account is refused the same way', async () => {
    const result = await throughHostile('forge', [FORGED_CALLER], (env, options) =>
      createStsClient(KEYS, env, proxyOf(env)).then((client) => callerArn(client, options)),
    );
    expectRefused(result, /with HTTP 203, not 200/);
  });

  test('200, then plain HTTP instead of TLS: refused as a TLS session that did not verify', async () => {
    const result = await throughHostile('plain', [FORGED_ROLE], assume);
    expectRefused(result, /the TLS session with sts\.eu-west-1\.amazonaws\.com:443 did not verify/);
    expect(result.connects).toHaveLength(1);
  });

  test('200, then TLS with a trusted certificate for another name: refused', async () => {
    const result = await throughHostile('other-name', [FORGED_ROLE], assume);
    expectRefused(result, /did not verify \(.*other\.example/);
  });

  test('the same certificate is accepted for the host it names: the refusal above is the name check', async () => {
    const result = await throughHostile('other-name', [FORGED_ROLE], assume, { AWS_ENDPOINT_URL_STS: 'https://other.example' });
    expect(result.error).toBeUndefined();
    expect(result.connects).toEqual([{ target: 'other.example:443', authorized: true }]);
  });

  test('a CONNECT answered 503 (the proxy could not reach AWS) is retried like a refused connection, then given up', async () => {
    const result = await throughHostile('forge', [{ status: 503, body: 'upstream down' }], assume, {}, 503);
    expect(result.error).toBeInstanceOf(CallFailed);
    expect((result.error as CallFailed).reason).toBe('attempts');
    expect((result.error as CallFailed).failure.message).toContain('with HTTP 503, not 200');
    expect(result.connects).toHaveLength(POLICY.maxAttempts);
  });
});

describe('keyless mode through a proxy', () => {
  const forgedWebIdentity = assumeRoleAnswer({
    arn: 'arn:aws:sts::123456789012:assumed-role/deploy/gha-session',
    expiration: new Date(Date.now() + 3600_000).toISOString(),
    credentials: FORGED,
    action: 'AssumeRoleWithWebIdentity',
  });

  test('a forged AssumeRoleWithWebIdentity answer (203) is refused', async () => {
    const result = await throughHostile('forge', [forgedWebIdentity], (env, options) =>
      createWebIdentityStsClient(REGION, env, proxyOf(env)).then((client) =>
        assumeRoleWithWebIdentity(
          client,
          { RoleArn: ROLE_ARN, RoleSessionName: 's', WebIdentityToken: 'header.payload.signature' },
          options,
        ),
      ),
    );
    expectRefused(result, /with HTTP 203, not 200/);
  });

  test('a forged ID token (203 from the proxy, then plain HTTP, then another name) is refused each time', async () => {
    const token = { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ value: 'forged.id.token' }) };
    const env = {
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.actions.githubusercontent.com/_apis/token?api-version=2.0',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token-value',
    };
    for (const [mode, what] of [
      ['forge', /with HTTP 203, not 200/],
      ['plain', /did not verify/],
      ['other-name', /did not verify/],
    ] as const) {
      const result = await throughHostile(
        mode,
        [token],
        (proxied, options) => requestRunnerIdToken({ ...env, ...proxied }, 'sts.amazonaws.com', 5000, options.mask),
        {},
      );
      expectRefused(result, what);
      expect(result.masked).not.toContain('forged.id.token');
    }
  });
});

describe('key-age: IAM through a proxy', () => {
  test('a forged ListAccessKeys (a made-up key that looks fine) is refused', async () => {
    const body =
      '<ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAccessKeysResult><IsTruncated>false</IsTruncated>' +
      `<AccessKeyMetadata><member><UserName>sam-cli-user</UserName><AccessKeyId>${EXAMPLE_KEY.accessKeyId}</AccessKeyId><Status>Active</Status>` +
      `<CreateDate>${new Date().toISOString()}</CreateDate></member></AccessKeyMetadata></ListAccessKeysResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListAccessKeysResponse>`;
    const result = await throughHostile('forge', [{ status: 200, headers: { 'content-type': 'text/xml' }, body }], (env, options) =>
      createIamClient(KEYS, env, proxyOf(env)).then((client) => listOwnAccessKeys(client, options)),
    );
    expectRefused(result, /answered CONNECT iam\.amazonaws\.com:443 with HTTP 203/);
  });
});

describe('an http endpoint a proxy applies to', () => {
  test('is refused before anything is sent: over plain http the proxy could answer in its name', async () => {
    const proxy = await startHostileProxy({ mode: 'forge', answers: [FORGED_ROLE] });
    const agents = proxyHandlerOptions({
      https_proxy: '',
      http_proxy: `http://ci:${PASSWORD}@127.0.0.1:${proxy.port}`,
      all_proxy: '',
      no_proxy: '',
    });
    try {
      const error = await new Promise<unknown>((resolve) => {
        import('node:http').then(({ default: http }) =>
          http
            .request('http://sts.example.test:8080/', { method: 'POST', agent: agents?.httpAgent }, () => resolve(undefined))
            .on('error', resolve)
            .end('Action=AssumeRole'),
        );
      });
      expect(error).toBeInstanceOf(StepFailure);
      expect((error as Error).message).toBe(
        `http://sts.example.test:8080 is plain http and the proxy http://ci:***@127.0.0.1:${proxy.port} applies to it: through a proxy only https endpoints are used, ` +
          "since over plain http the proxy or anyone on the way could answer in the endpoint's name. Use the https endpoint, or list its host in no-proxy / NO_PROXY " +
          'to reach it directly; nothing was exported.',
      );
      expect(proxy.connects).toEqual([]);
    } finally {
      agents?.httpAgent.destroy();
      await proxy.close();
    }
  });
});
