/**
 * refresh-credentials: true with the bundles (dist/main, dist/credentials-server, dist/post) under
 * the runner emulation, against a loopback STS whose sessions last 4 seconds: the clients a later
 * step runs (the AWS CLI, boto3, the JS SDK v3's default chain) keep working across several
 * expirations, the server answers only its token, leaves no trace of the key, and the post step
 * ends it.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { randomId, randomSecret } from '../../test/support/aws-server/world.js';
import { EXAMPLE_ACCOUNT } from '../../test/support/fixtures.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { findSecretLeaks, removeWorkDirs, runAction, runPost } from '../../test/support/run-action.js';
import { startTokenEndpoint, type TokenEndpoint } from '../../test/support/token-endpoint.js';

type Server = Awaited<ReturnType<typeof startAwsTestServer>>;
type Run = Awaited<ReturnType<typeof runAction>>;

const SESSION_SECONDS = 4;
/** Long enough for three sessions to expire under the clients. */
const CLIENT_WINDOW_MS = 10_000;
const ROLE = `arn:aws:iam::${EXAMPLE_ACCOUNT}:role/deploy`;
const ISSUER_HOST = 'token.actions.githubusercontent.com';
const REPO = 'octo-org/serverless-app';
/** A key no other test on the machine uses, so a search of every process's environment finds only ours. */
const KEY = { accessKeyId: randomId('AKIA', 16), secretAccessKey: randomSecret() };

let server: Server;
let tokens: TokenEndpoint;

beforeAll(async () => {
  [server, tokens] = await Promise.all([startAwsTestServer({ maxSessionSeconds: SESSION_SECONDS }), startTokenEndpoint()]);
  const user = server.addUser({ account: EXAMPLE_ACCOUNT, name: 'sam-cli-user' });
  server.addAccessKey('sam-cli-user', KEY);
  server.addOidcProvider({ account: EXAMPLE_ACCOUNT, url: tokens.issuer, clientIds: ['sts.amazonaws.com'], keys: [tokens.publicJwk] });
  server.addRole({
    account: EXAMPLE_ACCOUNT,
    name: 'deploy',
    trustedPrincipals: [user.arn],
    federatedTrust: [
      {
        federated: `arn:aws:iam::${EXAMPLE_ACCOUNT}:oidc-provider/${ISSUER_HOST}`,
        condition: { StringLike: { [`${ISSUER_HOST}:sub`]: `repo:${REPO}:*` } },
      },
    ],
  });
});

afterAll(async () => {
  await Promise.all([server.close(), tokens.close()]);
  await removeWorkDirs();
});

const KEY_INPUTS = { 'aws-access-key-id': KEY.accessKeyId, 'aws-secret-access-key': KEY.secretAccessKey };

function main(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<Run> {
  return runAction('dist/main/index.js', {
    inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, ...inputs },
    env: { AWS_ENDPOINT_URL: server.url, ...env },
    debug: true,
  });
}

/** A later step's environment: the job's HOME and what the main step exported (the blanked keys too). */
const laterStep = (result: Run) => ({
  PATH: process.env.PATH,
  HOME: path.join(result.workDir, 'home'),
  ...result.env,
  ENDPOINT: server.url,
});

interface Calls {
  ok: number;
  failed: number;
  errors: string[];
}

async function awsCliCalls(result: Run): Promise<Calls> {
  const calls: Calls = { ok: 0, failed: 0, errors: [] };
  const end = Date.now() + CLIENT_WINDOW_MS;
  // Each call is a new process (a second or more on a busy machine): at least three, spread over the window.
  while (Date.now() < end || calls.ok + calls.failed < 3) {
    try {
      await promisify(execFile)('aws', ['sts', 'get-caller-identity', '--endpoint-url', server.url, '--output', 'json'], {
        timeout: 20000,
        env: laterStep(result),
      });
      calls.ok += 1;
    } catch (error) {
      calls.failed += 1;
      calls.errors.push(String((error as { stderr?: string }).stderr ?? error).slice(0, 300));
    }
  }
  return calls;
}

/** One long-lived boto3 client, as a Python deploy script keeps it. */
const BOTO3 = `
import boto3, json, os, sys, time
sts = boto3.client('sts', endpoint_url=os.environ['ENDPOINT'])
calls = {'ok': 0, 'failed': 0, 'errors': []}
end = time.time() + float(sys.argv[1])
while time.time() < end:
    try:
        sts.get_caller_identity()
        calls['ok'] += 1
    except Exception as error:
        calls['failed'] += 1
        calls['errors'].append(type(error).__name__ + ': ' + str(error)[:200])
    time.sleep(0.2)
print(json.dumps(calls))
`;

/** One long-lived JS SDK v3 client on the default credential chain, as the AWS CDK or a Node.js script. */
const JS_SDK = `
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
const client = new STSClient({ endpoint: process.env.ENDPOINT });
const calls = { ok: 0, failed: 0, errors: [] };
const end = Date.now() + Number(process.argv[1]) * 1000;
(async () => {
  while (Date.now() < end) {
    try { await client.send(new GetCallerIdentityCommand({})); calls.ok += 1; }
    catch (error) { calls.failed += 1; calls.errors.push(String(error.name) + ': ' + String(error.message).slice(0, 200)); }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  console.log(JSON.stringify(calls));
})();
`;

async function scriptCalls(command: string, args: string[], result: Run): Promise<Calls> {
  const { stdout } = await promisify(execFile)(command, [...args, String(CLIENT_WINDOW_MS / 1000)], {
    timeout: CLIENT_WINDOW_MS + 30000,
    env: laterStep(result),
    cwd: process.cwd(),
  });
  return JSON.parse(stdout) as Calls;
}

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Every process this user can read whose argv or environment holds `secret`. */
function processesHolding(secret: string): string[] {
  return readdirSync('/proc')
    .filter((pid) => /^\d+$/.test(pid))
    .flatMap((pid) =>
      ['environ', 'cmdline'].flatMap((file) => {
        try {
          return readFileSync(`/proc/${pid}/${file}`, 'utf8').includes(secret) ? [`${pid}/${file}`] : [];
        } catch {
          return [];
        }
      }),
    );
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

function serverOf(result: Run): { pid: number; port: number; nonce: string } {
  return JSON.parse(result.state['credentials-server'] ?? '{}') as { pid: number; port: number; nonce: string };
}

/** The step's log, the server's log and everything exported hold no secret the run handled. */
function expectNothingLeaked(result: Run, post: Run) {
  const secrets = [...server.knownSecrets(), ...tokens.knownSecrets(), { label: 'the limited secret key', value: KEY.secretAccessKey }];
  expect(findSecretLeaks(result, secrets)).toEqual([]);
  expect(findSecretLeaks(post, secrets)).toEqual([]);
  const logDir = path.join(result.workDir, 'runner-temp');
  const logs = readdirSync(logDir)
    .filter((name) => name.startsWith('assume-deploy-role-credentials-'))
    .map((name) => readFileSync(path.join(logDir, name), 'utf8'));
  expect(logs).toHaveLength(1);
  expect(logs[0]).toMatch(/re-assumed the role/);
  const token = result.env.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? '';
  for (const { label, value } of [...secrets, { label: 'the server token', value: token }]) {
    if (logs[0]?.includes(value)) throw new Error(`the server's log holds ${label}`);
  }
  expect(JSON.stringify([result.outputs, result.summary])).not.toContain(KEY.secretAccessKey);
}

async function expectStoppedByPost(result: Run): Promise<Run> {
  const { pid, port } = serverOf(result);
  const post = await runPost(result);
  expect(post.exitCode).toBe(0);
  expect(post.visibleLog).toContain('Stopped the credentials server; its session is wiped');
  expect(post.env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBe('');
  expect(isAlive(pid)).toBe(false);
  await expect(get(`http://127.0.0.1:${port}/`)).rejects.toThrow(/ECONNREFUSED/);
  return post;
}

const awsTest = testWithTool(spawnSync('aws', ['--version']).status === 0, {
  requireVariable: 'REQUIRE_AWS_CLI',
  missing: 'the AWS CLI (aws) is not installed, so refreshed credentials are not checked with botocore (apt-get install awscli)',
});
const boto3Test = testWithTool(spawnSync('python3', ['-c', 'import boto3']).status === 0, {
  requireVariable: 'REQUIRE_AWS_CLI',
  missing: 'boto3 is not installed for python3 (apt-get install python3-boto3)',
});

describe('refresh-credentials: true', () => {
  awsTest(
    'with keys: the AWS CLI, boto3 and the JS SDK keep working across session expirations, a one-time STS failure breaks no call, nothing leaks, the post step ends the server',
    async () => {
      const result = await main({ ...KEY_INPUTS, 'refresh-credentials': 'true' });
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      const { pid, nonce } = serverOf(result);
      expect(isAlive(pid)).toBe(true);
      // The nonce stops the server: it reaches the server on stdin, never in its argv, which any local user can read.
      expect(nonce).toMatch(/^[\w-]{36}$/);
      if (process.platform === 'linux') expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(nonce);
      expect(result.env).toMatchObject({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/credentials\/[\w-]+$/),
        AWS_REGION: 'eu-west-1',
        AWS_DEFAULT_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        AWS_SESSION_TOKEN: '',
        AWS_SECURITY_TOKEN: '',
      });
      expect(result.masks).toContain(result.env.AWS_CONTAINER_AUTHORIZATION_TOKEN);
      expect(result.outputs['assumed-role-arn']).toMatch(/^arn:aws:sts::111122223333:assumed-role\/deploy\//);

      const url = result.env.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? '';
      for (const headers of [{}, { Authorization: 'not-the-token' }] as Array<Record<string, string>>) {
        const refused = await get(url, headers);
        expect([401, 403]).toContain(refused.status);
        expect(refused.body).not.toMatch(/AccessKeyId|SecretAccessKey|Token"/);
      }

      const before = server.requests.length;
      server.injectFault('AssumeRole', { kind: 'server-error', times: 1 });
      const [cli, boto3, js] = await Promise.all([
        awsCliCalls(result),
        scriptCalls('python3', ['-c', BOTO3], result),
        scriptCalls(process.env.NODE24 ?? process.execPath, ['-e', JS_SDK], result),
      ]);
      for (const [client, calls] of Object.entries({ cli, boto3, js })) {
        expect({ client, errors: calls.errors, atLeastThree: calls.ok >= 3 }).toEqual({ client, errors: [], atLeastThree: true });
      }
      const during = server.requests.slice(before);
      expect(during.filter((request) => request.action === 'AssumeRole' && request.fault === 'server-error')).toHaveLength(1);
      expect(during.filter((request) => request.action === 'AssumeRole' && request.status === 200).length).toBeGreaterThanOrEqual(3);
      expect(during.filter((request) => request.errorCode === 'ExpiredToken')).toEqual([]);
      // The clients signed with at least three sessions: each expired under them and was replaced.
      const sessionsUsed = new Set(
        during.filter((request) => request.action === 'GetCallerIdentity').map((request) => request.accessKeyId),
      );
      expect(sessionsUsed.size).toBeGreaterThanOrEqual(3);

      expect(processesHolding(KEY.secretAccessKey)).toEqual([]);
      const post = await expectStoppedByPost(result);
      expect(processesHolding(KEY.secretAccessKey)).toEqual([]);
      expectNothingLeaked(result, post);
    },
    90_000,
  );

  boto3Test(
    'keyless: each refresh asks the runner for a fresh ID token and calls AssumeRoleWithWebIdentity; the request token is in no process',
    async () => {
      tokens.setRun({});
      const [sts, issued] = [server.requests.length, tokens.requests.length];
      const result = await main({ 'refresh-credentials': 'true' }, tokens.env);
      expect(result.errors).toEqual([]);
      expect(result.exitCode).toBe(0);
      const boto3 = await scriptCalls('python3', ['-c', BOTO3], result);
      expect(boto3.errors).toEqual([]);
      const calls = server.requests.slice(sts);
      expect(
        calls.filter((request) => request.action === 'AssumeRoleWithWebIdentity' && request.status === 200).length,
      ).toBeGreaterThanOrEqual(4);
      expect(calls.filter((request) => request.errorCode === 'ExpiredToken')).toEqual([]);
      expect(tokens.requests.length - issued).toBeGreaterThanOrEqual(4);
      expect(processesHolding(tokens.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '')).toEqual([]);
      const post = await expectStoppedByPost(result);
      expectNothingLeaked(result, post);
    },
    60_000,
  );

  test("without its post step, the server exits by itself once the job's runner process (the main step's parent) is gone", async () => {
    // A stand-in for the runner's worker: a process that runs the step and then exits, as the job ends.
    // (Node, not a shell: dash drops the INPUT_AWS-REGION style variables, whose names have hyphens.)
    const node = process.env.NODE24 ?? process.execPath;
    const runner = path.join(mkdtempSync(path.join(tmpdir(), 'fake-runner-')), 'runner.cjs');
    writeFileSync(
      runner,
      `#!${node}\nrequire('node:child_process').spawn(${JSON.stringify(node)}, process.argv.slice(2), { stdio: 'inherit' }).on('exit', (code) => process.exit(code ?? 1));\n`,
      { mode: 0o755 },
    );
    const result = await runAction('dist/main/index.js', {
      inputs: { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE, ...KEY_INPUTS, 'refresh-credentials': 'true' },
      env: { AWS_ENDPOINT_URL: server.url },
      node: runner,
    });
    expect([result.errors, result.stderr]).toEqual([[], '']);
    expect(result.exitCode).toBe(0);
    const { pid } = serverOf(result);
    for (let waited = 0; waited < 8000 && isAlive(pid); waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(isAlive(pid)).toBe(false);
    rmSync(path.dirname(runner), { recursive: true, force: true });
  }, 30_000);

  test('with aws-profile: one input error before any AWS call', async () => {
    const before = server.requests.length;
    const result = await main({ ...KEY_INPUTS, 'refresh-credentials': 'true', 'aws-profile': 'deploy' });
    expect(result.exitCode).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toContain('refresh-credentials');
    expect(result.env).toEqual({});
    expect(server.requests.length).toBe(before);
  });
});

test('refresh-credentials: false (the default) exports the session itself and starts no server', async () => {
  const result = await main(KEY_INPUTS);
  expect(result.exitCode).toBe(0);
  expect(Object.keys(result.env).sort()).toEqual([
    'AWS_ACCESS_KEY_ID',
    'AWS_CREDENTIAL_EXPIRATION',
    'AWS_DEFAULT_REGION',
    'AWS_REGION',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SECURITY_TOKEN',
    'AWS_SESSION_TOKEN',
  ]);
  expect(result.state['credentials-server']).toBeUndefined();
  expect(
    readdirSync(path.join(result.workDir, 'runner-temp')).filter((name) => name.startsWith('assume-deploy-role-credentials-')),
  ).toEqual([]);
});
