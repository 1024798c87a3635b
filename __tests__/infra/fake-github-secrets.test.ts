/**
 * The loopback GitHub Actions-secrets API (fake-github-secrets.js with sealed-secrets.js), which the
 * rotation tests read to prove what was stored: a sealed write is opened and stored per place
 * (repository or environment), its times are GitHub's, every answer has GitHub's `Date`, and each
 * injected fault answers (or does not) as the retry and unknown-outcome tests expect.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import sodium from 'libsodium-wrappers';
import { startFakeGitHubSecrets } from '../../test/support/fake-github-secrets.js';

const REPO = 'octo-org/app';
const ENVIRONMENT = 'octo-org/app:production';
const REPO_SECRETS = '/repos/octo-org/app/actions/secrets';
const ENVIRONMENT_SECRETS = '/repos/octo-org/app/environments/production/secrets';
const START = Date.parse('2026-03-01T12:00:00Z');

let github: Awaited<ReturnType<typeof startFakeGitHubSecrets>>;
let clock: number;

beforeEach(async () => {
  clock = START;
  github = await startFakeGitHubSecrets({ repositories: [REPO, ENVIRONMENT], now: () => new Date(clock) });
});

afterEach(async () => {
  await github.close();
});

const call = (method: string, path: string, options: { body?: unknown; token?: string; signal?: AbortSignal } = {}) =>
  fetch(`${github.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${options.token ?? github.token}`, 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    redirect: 'manual',
    signal: options.signal,
  });

/** The body GitHub's API wants: the value sealed to the place's public key, as a client does it. */
async function sealedFor(secrets: string, value: string) {
  await sodium.ready;
  const { key_id: keyId, key } = (await (await call('GET', `${secrets}/public-key`)).json()) as { key_id: string; key: string };
  const box = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key, sodium.base64_variants.ORIGINAL));
  return { key_id: keyId, encrypted_value: sodium.to_base64(box, sodium.base64_variants.ORIGINAL) };
}

const put = async (secrets: string, name: string, value: string, signal?: AbortSignal) =>
  call('PUT', `${secrets}/${name}`, { body: await sealedFor(secrets, value), signal });
const stored = (place: string, name: string) => github.secrets(place).get(name)?.value;

describe('sealed writes', () => {
  test('a sealed write is opened and stored under the upper-cased name: 201, then 204 for an update', async () => {
    const created = await put(REPO_SECRETS, 'aws_access_key_id', 'AKIAIOSFODNN7EXAMPLE');
    const updated = await put(REPO_SECRETS, 'AWS_ACCESS_KEY_ID', 'AKIAI44QH8DHBEXAMPLE');

    expect([created.status, updated.status]).toEqual([201, 204]);
    expect(stored(REPO, 'AWS_ACCESS_KEY_ID')).toBe('AKIAI44QH8DHBEXAMPLE');
  });

  test('environment and repository secrets are separate places with their own keys', async () => {
    await put(ENVIRONMENT_SECRETS, 'AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    const sealedForEnvironment = await sealedFor(ENVIRONMENT_SECRETS, 'AKIAI44QH8DHBEXAMPLE');
    const wrongKey = await call('PUT', `${REPO_SECRETS}/AWS_ACCESS_KEY_ID`, { body: sealedForEnvironment });

    expect(stored(ENVIRONMENT, 'AWS_ACCESS_KEY_ID')).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(wrongKey.status).toBe(422);
    expect(github.secrets(REPO).size).toBe(0);
  });

  test('paths GitHub does not have, places not made, and a wrong token are refused', async () => {
    const statuses = await Promise.all(
      [
        call('GET', '/repos/octo-org/app/secrets/public-key'),
        call('GET', '/repos/octo-org/app/environments/production/actions/secrets/public-key'),
        call('GET', '/repos/octo-org/other/actions/secrets/public-key'),
        call('GET', `${REPO_SECRETS}/public-key`, { token: 'ghp_wrong' }),
      ].map(async (answer) => (await answer).status),
    );

    expect(statuses).toEqual([404, 404, 404, 401]);
  });
});

describe("GitHub's times", () => {
  test('created_at stays, updated_at follows the fake clock, to the second', async () => {
    github.seed(REPO, 'old_secret', 'x', new Date(START - 86_400_000));
    await put(REPO_SECRETS, 'AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    clock += 61_500;
    await put(REPO_SECRETS, 'AWS_ACCESS_KEY_ID', 'AKIAI44QH8DHBEXAMPLE');

    const list = await (await call('GET', `${REPO_SECRETS}?per_page=1&page=1`)).json();
    const second = await (await call('GET', `${REPO_SECRETS}?per_page=1&page=2`)).json();
    expect(list).toEqual({
      total_count: 2,
      secrets: [{ name: 'AWS_ACCESS_KEY_ID', created_at: '2026-03-01T12:00:00Z', updated_at: '2026-03-01T12:01:01Z' }],
    });
    expect(second).toEqual({
      total_count: 2,
      secrets: [{ name: 'OLD_SECRET', created_at: '2026-02-28T12:00:00Z', updated_at: '2026-02-28T12:00:00Z' }],
    });
  });

  test('every answer carries the fake clock as its Date, errors and faults included', async () => {
    clock = Date.parse('2026-03-01T09:30:00Z');
    github.injectFault({ method: 'GET', status: 503 });
    const answers = [
      await call('GET', `${REPO_SECRETS}/public-key`),
      await call('GET', REPO_SECRETS, { token: 'ghp_wrong' }),
      await call('GET', REPO_SECRETS),
    ];

    expect(answers.map((answer) => [answer.status, answer.headers.get('date')])).toEqual([
      [503, 'Sun, 01 Mar 2026 09:30:00 GMT'],
      [401, 'Sun, 01 Mar 2026 09:30:00 GMT'],
      [200, 'Sun, 01 Mar 2026 09:30:00 GMT'],
    ]);
  });
});

describe('injectFault', () => {
  test('a status with headers is answered instead, once, for the method and secret named (any case)', async () => {
    github.injectFault({ method: 'PUT', secretName: 'aws_secret_access_key', status: 403, headers: { 'retry-after': '7' } });

    expect((await put(REPO_SECRETS, 'AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE')).status).toBe(201);
    const refused = await put(REPO_SECRETS, 'AWS_SECRET_ACCESS_KEY', 'secret-1');
    expect([refused.status, refused.headers.get('retry-after')]).toEqual([403, '7']);
    expect(stored(REPO, 'AWS_SECRET_ACCESS_KEY')).toBeUndefined();
    expect((await put(REPO_SECRETS, 'AWS_SECRET_ACCESS_KEY', 'secret-2')).status).toBe(201);
    expect(github.requests.filter(({ method }) => method === 'PUT').map(({ status }) => status)).toEqual([201, 403, 201]);
  });

  test('times faults that many calls; a GET fault leaves PUTs alone', async () => {
    const body = await sealedFor(REPO_SECRETS, 'AKIAIOSFODNN7EXAMPLE');
    github.injectFault({ method: 'GET', status: 500, times: 2 });
    const written = await call('PUT', `${REPO_SECRETS}/AWS_ACCESS_KEY_ID`, { body });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await call('GET', REPO_SECRETS)).status);

    expect(written.status).toBe(201);
    expect(statuses).toEqual([500, 500, 200]);
  });

  test('landed stores the write, then answers the error: the lost answer of a write that happened', async () => {
    const body = await sealedFor(REPO_SECRETS, 'AKIAIOSFODNN7EXAMPLE');
    github.injectFault({ method: 'PUT', status: 502, landed: true });

    expect((await call('PUT', `${REPO_SECRETS}/AWS_ACCESS_KEY_ID`, { body })).status).toBe(502);
    expect(stored(REPO, 'AWS_ACCESS_KEY_ID')).toBe('AKIAIOSFODNN7EXAMPLE');
  });

  test('status 0 destroys the socket, with the write landed or not', async () => {
    const body = await sealedFor(REPO_SECRETS, 'AKIAIOSFODNN7EXAMPLE');
    github.injectFault({ method: 'PUT', secretName: 'A', status: 0 });
    github.injectFault({ method: 'PUT', secretName: 'B', status: 0, landed: true });

    await expect(call('PUT', `${REPO_SECRETS}/A`, { body })).rejects.toThrow();
    await expect(call('PUT', `${REPO_SECRETS}/B`, { body })).rejects.toThrow();
    expect([stored(REPO, 'A'), stored(REPO, 'B')]).toEqual([undefined, 'AKIAIOSFODNN7EXAMPLE']);
  });

  test('hang never answers; with landAfterMs the write lands once the fake clock gets there', async () => {
    const body = await sealedFor(REPO_SECRETS, 'AKIAIOSFODNN7EXAMPLE');
    github.injectFault({ method: 'PUT', hang: true });
    github.injectFault({ method: 'PUT', hang: true, landAfterMs: 10_000 });

    await expect(call('PUT', `${REPO_SECRETS}/LOST`, { body, signal: AbortSignal.timeout(200) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    await expect(call('PUT', `${REPO_SECRETS}/LATE`, { body, signal: AbortSignal.timeout(200) })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    clock += 9_999;
    expect(stored(REPO, 'LATE')).toBeUndefined();
    clock += 1;
    expect(stored(REPO, 'LATE')).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(stored(REPO, 'LOST')).toBeUndefined();
    expect(github.requests.filter(({ method }) => method === 'PUT').map(({ status }) => status)).toEqual([undefined, undefined]);
  });

  test('redirectTo answers the status with that Location', async () => {
    github.injectFault({ method: 'GET', status: 307, redirectTo: 'https://elsewhere.example/steal' });
    const answer = await call('GET', `${REPO_SECRETS}/public-key`);

    expect([answer.status, answer.headers.get('location')]).toEqual([307, 'https://elsewhere.example/steal']);
  });

  test('trickle answers 200 and a body that starts and never ends', async () => {
    github.injectFault({ method: 'GET', trickle: true });
    const answer = await call('GET', `${REPO_SECRETS}/public-key`);
    const reader = answer.body?.getReader();
    const first = await reader?.read();
    const next = await Promise.race([
      reader?.read().then(() => 'more'),
      new Promise((resolve) => setTimeout(() => resolve('nothing yet'), 200)),
    ]);

    expect(answer.status).toBe(200);
    expect(new TextDecoder().decode(first?.value)).toBe('{"key_id":"');
    expect(next).toBe('nothing yet');
    await reader?.cancel();
  });

  test("echoAuthorization quotes the request's token back in the error, as a hostile API might", async () => {
    github.injectFault({ method: 'GET', status: 500, echoAuthorization: true });
    const answer = await call('GET', REPO_SECRETS);

    expect(await answer.json()).toEqual({ message: `injected fault for Bearer ${github.token}` });
  });
});
