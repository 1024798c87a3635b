/**
 * The GitHub API clients (tracking issue, rotation's secrets) through a hostile proxy, over their
 * real transport: @actions/github's fetch with undici's ProxyAgent, which @actions/http-client
 * sets up from HTTPS_PROXY when @actions/github is first loaded. That transport refuses a CONNECT
 * answered with anything but 200 and verifies the endpoint's certificate by itself; these tests
 * prove it, so our code adds nothing of its own there. The control at the end shows the
 * certificate is trusted, so the refusal before it is the name check.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { startHostileProxy, trustInThisProcess } from '../../test/support/hostile-proxy.js';
import { throwawayCertificate } from '../../test/support/forward-proxy.js';
import { INSTANT_CLOCK } from '../../test/support/fixtures.js';

const API = 'https://api.github.test';
const REPOSITORY = { owner: 'octo', repo: 'app' };
const VIEWER = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ data: { viewer: { login: 'mallory' } } }),
};
const PUBLIC_KEY = {
  status: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ key_id: 'forged', key: Buffer.alloc(32, 7).toString('base64') }),
};
const SAVED = {
  HTTPS_PROXY: process.env.HTTPS_PROXY,
  HTTP_PROXY: process.env.HTTP_PROXY,
  GITHUB_API_URL: process.env.GITHUB_API_URL,
  NO_PROXY: process.env.NO_PROXY,
};

let proxy: Awaited<ReturnType<typeof startHostileProxy>>;
let otherName: Awaited<ReturnType<typeof throwawayCertificate>>;
let apiName: Awaited<ReturnType<typeof throwawayCertificate>>;
let untrust: Array<() => void> = [];
let issues: typeof import('../../src/adapters/github-issues.js');
let secrets: typeof import('../../src/adapters/github-secrets.js');

beforeAll(async () => {
  [otherName, apiName] = await Promise.all([throwawayCertificate(['other.example']), throwawayCertificate(['api.github.test'])]);
  untrust = [trustInThisProcess(otherName.cert), trustInThisProcess(apiName.cert)];
  proxy = await startHostileProxy({ mode: 'forge', answers: [VIEWER] });
  // @actions/github fixes its proxy when it is loaded: the variables must be set before.
  process.env.HTTPS_PROXY = `http://ci:Pr0xy-S3cret@127.0.0.1:${proxy.port}`;
  process.env.HTTP_PROXY = process.env.HTTPS_PROXY;
  process.env.GITHUB_API_URL = API;
  delete process.env.NO_PROXY;
  issues = await import('../../src/adapters/github-issues.js');
  secrets = await import('../../src/adapters/github-secrets.js');
});

afterAll(async () => {
  for (const [name, value] of Object.entries(SAVED)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  untrust.reverse().forEach((undo) => undo());
  await proxy.close();
  await Promise.all([otherName.remove(), apiName.remove()]);
});

/** Every message and code along an error's `cause` chain (Octokit wraps fetch's TypeError, which wraps undici's). */
async function whyRejected(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (error === undefined) throw new Error('the call succeeded');
  const parts: string[] = [];
  for (let link: unknown = error; typeof link === 'object' && link !== null; link = (link as { cause?: unknown }).cause) {
    parts.push(`${(link as { code?: string }).code ?? ''} ${(link as Error).message}`);
  }
  return parts.join(' <- ');
}

const viewer = () => issues.createIssueTracker('ghs_token', REPOSITORY, undefined, API).viewerLogin();
const writeSecret = () =>
  secrets
    .createSecretStore({ token: 'ghs_token', place: { repository: REPOSITORY }, clock: INSTANT_CLOCK, baseUrl: API })
    .write('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');

describe("the tracking issue's GitHub client behind a hostile proxy", () => {
  test('a CONNECT answered 203 with a GraphQL viewer: refused, the forged login never returned', async () => {
    proxy.act({ mode: 'forge', answers: [VIEWER] });
    const before = proxy.connects.length;
    // undici's RequestAbortedError ("Proxy response (203) !== 200 when HTTP Tunneling"), its text dropped on the way up.
    expect(await whyRejected(viewer())).toMatch(/UND_ERR_ABORTED|Proxy response \(203\) !== 200/);
    expect(proxy.connects.slice(before)[0]).toEqual({ target: 'api.github.test:443', authorized: true });
  });

  test("the failure keeps the proxy's own words, which the tracking issue's warning quotes", async () => {
    proxy.act({ mode: 'forge', answers: [VIEWER], connectStatus: 407 });
    const error = await issues
      .createIssueTracker('ghs_token', REPOSITORY, undefined, API, undefined, INSTANT_CLOCK)
      .viewerLogin()
      .then(
        () => undefined,
        (caught: unknown) => caught as { kind?: string; message?: string },
      );
    expect(error).toMatchObject({ kind: 'network' });
    expect(error?.message).toMatch(/Proxy response \(407\) !== 200/);
  });

  test('200, then plain HTTP instead of TLS: refused', async () => {
    proxy.act({ mode: 'plain', answers: [VIEWER] });
    expect(await whyRejected(viewer())).toMatch(/SSL|TLS|socket/i);
  });

  test('200, then TLS with a trusted certificate for another name: refused by the name check', async () => {
    proxy.act({ mode: 'other-name', answers: [VIEWER], tls: otherName });
    expect(await whyRejected(viewer())).toMatch(/ERR_TLS_CERT_ALTNAME_INVALID/);
  });

  test('control: TLS with a certificate for api.github.test is accepted, so the transport does go through the proxy', async () => {
    proxy.act({ mode: 'other-name', answers: [VIEWER], tls: apiName });
    await expect(viewer()).resolves.toBe('mallory');
  });
});

describe("the rotation's secrets client behind a hostile proxy", () => {
  test('a forged public key (203, plain HTTP, another name) is never used to write a secret', async () => {
    for (const mode of ['forge', 'plain', 'other-name'] as const) {
      proxy.act({ mode, answers: [PUBLIC_KEY], tls: otherName });
      const before = proxy.connects.length;
      await expect(writeSecret()).rejects.toThrow();
      expect(proxy.connects.length).toBeGreaterThan(before);
    }
  });
});

describe('a plain http GITHUB_API_URL (GitHub Enterprise Server) that a proxy applies to', () => {
  const PLAIN_API = 'http://api.github.test';
  const plainError = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error as { kind?: string; message?: string },
    );

  test("is refused before anything is sent: over plain http the proxy could answer in GitHub's name", async () => {
    proxy.act({ mode: 'plain', answers: [VIEWER] });
    const before = proxy.connects.length;
    const error = await plainError(issues.createIssueTracker('ghs_token', REPOSITORY, undefined, PLAIN_API).viewerLogin());
    expect(error).toMatchObject({ kind: 'refused' });
    expect(error?.message).toMatch(
      /^GitHub's API at http:\/\/api\.github\.test is plain http and a proxy \(http:\/\/ci:\*\*\*@127\.0\.0\.1:\d+\) applies to it/,
    );
    expect(error?.message).toContain('NO_PROXY');
    expect(error?.message).not.toContain('Pr0xy-S3cret');
    expect(proxy.connects.length).toBe(before);
  });

  test("the rotation's secret write is refused the same way, and is known not to have been written", async () => {
    proxy.act({ mode: 'plain', answers: [PUBLIC_KEY] });
    const before = proxy.connects.length;
    const store = secrets.createSecretStore({
      token: 'ghs_token',
      place: { repository: REPOSITORY },
      clock: INSTANT_CLOCK,
      baseUrl: PLAIN_API,
    });
    const error = await plainError(store.write('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'));
    expect(error).toMatchObject({ written: 'no' });
    expect(proxy.connects.length).toBe(before);
  });
});
