/**
 * The bundled action behind a corporate proxy: the runner's proxy variables and the http-proxy /
 * no-proxy inputs, against a loopback forward proxy in front of a TLS front of the loopback STS
 * server (through a proxy only https endpoints are used: an http one is refused, see the first
 * test), its throwaway certificate trusted through NODE_EXTRA_CA_CERTS.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { startForwardProxy, startTlsFront, throwawayCertificate } from '../../test/support/forward-proxy.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { findSecretLeaks, removeWorkDirs, runAction } from '../../test/support/run-action.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER, EXAMPLE_ROLE_ARN as ROLE } from '../../test/support/fixtures.js';

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
type Proxy = Awaited<ReturnType<typeof startForwardProxy>>;

let server: Server;
let proxy: Proxy;
let tlsFront: Awaited<ReturnType<typeof startTlsFront>>;
let certificate: Awaited<ReturnType<typeof throwawayCertificate>>;
let caFile: string;

beforeAll(async () => {
  server = await startAwsTestServer();
  const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', USER);
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
  proxy = await startForwardProxy();
  // A throwaway certificate for this run only; the action trusts it through NODE_EXTRA_CA_CERTS.
  certificate = await throwawayCertificate();
  caFile = certificate.caFile;
  tlsFront = await startTlsFront(Number(new URL(server.url).port), certificate);
});

afterAll(async () => {
  await tlsFront.close();
  await proxy.close();
  await server.close();
  await certificate.remove();
  await removeWorkDirs();
});

function run(inputs: Record<string, string>, env: Record<string, string | undefined>) {
  return runAction('dist/main/index.js', {
    inputs: {
      'aws-access-key-id': USER.accessKeyId,
      'aws-secret-access-key': USER.secretAccessKey,
      'aws-region': 'eu-west-1',
      'role-to-assume': ROLE,
      ...inputs,
    },
    env,
  });
}

function proxiedDuring<T>(action: () => Promise<T>, through: Proxy = proxy) {
  const before = through.requests.length;
  return action().then((result) => ({ result, proxied: through.requests.slice(before) }));
}

describe('through a forward proxy', () => {
  test('HTTP_PROXY and an http endpoint: refused with one error, nothing sent to the proxy, nothing exported', async () => {
    const { result, proxied } = await proxiedDuring(() => run({}, { AWS_ENDPOINT_URL: server.url, HTTP_PROXY: proxy.url }));
    expect(result.exitCode).toBe(1);
    expect(result.env).toEqual({});
    expect(result.errors).toEqual([
      expect.stringContaining(
        `${server.url} is plain http and the proxy ${proxy.url} applies to it: through a proxy only https endpoints are used`,
      ),
    ]);
    expect(proxied).toEqual([]);
  });

  test('https_proxy: an https endpoint is reached through a CONNECT tunnel, its certificate verified', async () => {
    const { result, proxied } = await proxiedDuring(() =>
      run({}, { AWS_ENDPOINT_URL: tlsFront.url, https_proxy: proxy.url, NODE_EXTRA_CA_CERTS: caFile }),
    );
    expect(result.errors).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(proxied).toEqual([{ method: 'CONNECT', target: new URL(tlsFront.url).host, authorized: undefined }]);
  });

  test('the tunnel does not switch off certificate checks: without the test CA the call fails', async () => {
    const { result, proxied } = await proxiedDuring(() =>
      run({ 'retry-max-attempts': '1' }, { AWS_ENDPOINT_URL: tlsFront.url, HTTPS_PROXY: proxy.url }),
    );
    expect(result.exitCode).toBe(1);
    expect(result.env).toEqual({});
    expect(proxied[0]?.method).toBe('CONNECT');
  });

  test("the http-proxy input replaces the runner's variables, and its password is masked before anything prints", async () => {
    const password = 'Pr0xy-S3cret%21';
    const guarded = await startForwardProxy({ credentials: { user: 'ci', password: 'Pr0xy-S3cret!' } });
    try {
      const proxyUrl = `http://ci:${password}@127.0.0.1:${guarded.port}`;
      const { result, proxied } = await proxiedDuring(
        () => run({ 'http-proxy': proxyUrl }, { AWS_ENDPOINT_URL: tlsFront.url, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile }),
        guarded,
      );
      expect(result.exitCode).toBe(0);
      expect(proxied).toEqual([{ method: 'CONNECT', target: new URL(tlsFront.url).host, authorized: true }]);
      expect(result.masks).toEqual(expect.arrayContaining([password, 'Pr0xy-S3cret!']));
      expect(
        findSecretLeaks(result, [
          { label: 'proxy password', value: password },
          { label: 'decoded proxy password', value: 'Pr0xy-S3cret!' },
          ...server.knownSecrets(),
        ]),
      ).toEqual([]);
    } finally {
      await guarded.close();
    }
  });

  test("two calls in one run (a bare role name: GetCallerIdentity, then AssumeRole) both pass the proxy's password check", async () => {
    const guarded = await startForwardProxy({ credentials: { user: 'ci', password: 'right' } });
    try {
      const { result, proxied } = await proxiedDuring(
        () =>
          run(
            { 'role-to-assume': 'deploy', 'http-proxy': `http://ci:right@127.0.0.1:${guarded.port}` },
            { AWS_ENDPOINT_URL: tlsFront.url, NODE_EXTRA_CA_CERTS: caFile },
          ),
        guarded,
      );
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      expect(server.requests.slice(-2).map((request) => request.action)).toEqual(['GetCallerIdentity', 'AssumeRole']);
      // One tunnel for both calls, or one each, as the SDK's pool decides: each opened with the password.
      expect(proxied.length).toBeGreaterThan(0);
      expect(proxied).toEqual(proxied.map(() => ({ method: 'CONNECT', target: new URL(tlsFront.url).host, authorized: true })));
    } finally {
      await guarded.close();
    }
  });

  test("a wrong proxy password fails the step with the proxy's 407, without showing the password", async () => {
    const guarded = await startForwardProxy({ credentials: { user: 'ci', password: 'right' } });
    try {
      const result = await run(
        { 'http-proxy': `http://ci:WrongPassw0rd@127.0.0.1:${guarded.port}`, 'retry-max-attempts': '1' },
        { AWS_ENDPOINT_URL: tlsFront.url, NODE_EXTRA_CA_CERTS: caFile },
      );
      expect(result.exitCode).toBe(1);
      expect(result.env).toEqual({});
      expect(result.errors).toEqual([
        expect.stringContaining(
          `The proxy http://ci:***@127.0.0.1:${guarded.port} answered CONNECT ${new URL(tlsFront.url).host} with HTTP 407, not 200`,
        ),
      ]);
      expect(result.visibleLog).not.toContain('WrongPassw0rd');
      expect(result.stderr).not.toContain('WrongPassw0rd');
    } finally {
      await guarded.close();
    }
  });
});

describe('bypassing the proxy', () => {
  test('a no-proxy match goes directly, never through the proxy', async () => {
    const { result, proxied } = await proxiedDuring(() =>
      run({ 'no-proxy': 'example.com, 127.0.0.1' }, { AWS_ENDPOINT_URL: server.url, HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url }),
    );
    expect(result.exitCode).toBe(0);
    expect(proxied).toEqual([]);
  });

  test('NO_PROXY as the runner sets it does the same', async () => {
    const { result, proxied } = await proxiedDuring(() =>
      run({}, { AWS_ENDPOINT_URL: server.url, http_proxy: proxy.url, NO_PROXY: '127.0.0.1' }),
    );
    expect(result.exitCode).toBe(0);
    expect(proxied).toEqual([]);
  });

  test('an http-proxy that is not a URL is an input problem', async () => {
    const result = await run({ 'http-proxy': 'proxy.corp:8080' }, { AWS_ENDPOINT_URL: server.url });
    expect(result.exitCode).toBe(1);
    expect(result.errors[0]).toContain('http-proxy: must be a proxy URL');
  });
});

describe('a real AWS client uses what came through the tunnel', () => {
  const awsTest = testWithTool(spawnSync('aws', ['--version']).status === 0, {
    requireVariable: 'REQUIRE_AWS_CLI',
    missing:
      'the AWS CLI (aws) is not installed, so the credentials exported through the proxy are not checked with botocore (apt-get install awscli)',
  });

  awsTest('aws sts get-caller-identity through the same proxy, with the exported environment, is the assumed role', async () => {
    const { result, proxied } = await proxiedDuring(() =>
      run({}, { AWS_ENDPOINT_URL: tlsFront.url, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile }),
    );
    expect(result.exitCode).toBe(0);
    expect(proxied.map((request) => request.method)).toEqual(['CONNECT']);
    // Asynchronous: the servers answer from this process.
    const identity = await promisify(execFile)(
      'aws',
      ['sts', 'get-caller-identity', '--endpoint-url', tlsFront.url, '--region', 'eu-west-1', '--output', 'json'],
      {
        timeout: 30000,
        env: {
          PATH: process.env.PATH,
          HOME: result.workDir,
          AWS_CONFIG_FILE: `${result.workDir}/no-aws-config`,
          AWS_SHARED_CREDENTIALS_FILE: `${result.workDir}/no-aws-credentials`,
          HTTPS_PROXY: proxy.url,
          AWS_CA_BUNDLE: caFile,
          ...result.env,
        },
      },
    );
    expect(JSON.parse(identity.stdout)).toMatchObject({ Account: ACCOUNT, Arn: result.outputs['assumed-role-arn'] });
  });
});

describe('proxy credentials in the log', () => {
  test('a password with an unencoded / (the URL does not parse): one input error naming HTTPS_PROXY, never its value, nothing sent', async () => {
    const { result, proxied } = await proxiedDuring(() =>
      run({}, { AWS_ENDPOINT_URL: tlsFront.url, HTTPS_PROXY: `http://ci:p/ss@127.0.0.1:${proxy.port}` }),
    );
    expect(result.exitCode).toBe(1);
    expect(proxied).toEqual([]);
    expect(result.errors).toEqual([expect.stringMatching(/^Invalid input HTTPS_PROXY: is not a proxy URL this step can use/)]);
    expect(result.visibleLog).not.toContain('p/ss');
    expect(result.masks).not.toContain('p');
  });

  test('a one-letter password: masked inside its user info only, so the "p"s of the log stay', async () => {
    const guarded = await startForwardProxy({ credentials: { user: 'ci', password: 'p' } });
    try {
      const { result, proxied } = await proxiedDuring(
        () =>
          run({ 'http-proxy': `http://ci:p@127.0.0.1:${guarded.port}` }, { AWS_ENDPOINT_URL: tlsFront.url, NODE_EXTRA_CA_CERTS: caFile }),
        guarded,
      );
      expect(result.exitCode).toBe(0);
      expect(proxied[0]).toEqual({ method: 'CONNECT', target: new URL(tlsFront.url).host, authorized: true });
      expect(result.masks).toContain('ci:p');
      expect(result.masks).not.toContain('p');
      expect(result.visibleLog).toMatch(/; the credentials expire at \d/);
    } finally {
      await guarded.close();
    }
  });
});
