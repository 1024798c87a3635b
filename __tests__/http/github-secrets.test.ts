/**
 * The rotation tool's GitHub Actions-secrets adapter against the loopback secrets API, which opens
 * every sealed box with its own key pair.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createSecretStore } from '../../src/adapters/github-secrets.js';
import { startFakeGitHubSecrets } from '../../test/support/fake-github-secrets.js';
import { INSTANT_CLOCK } from '../../test/support/fixtures.js';
import { SecretWriteFailed } from '../../src/shared/secret-write-failed.js';
import type { Clock } from '../../src/shared/io.js';

let github: Awaited<ReturnType<typeof startFakeGitHubSecrets>>;
/** GitHub's clock: an hour behind the local one, so a wait judged by the local clock shows. */
const GITHUB_TIME = Date.parse('2026-03-01T12:00:00Z');

beforeEach(async () => {
  github = await startFakeGitHubSecrets({ repositories: ['octo-org/app'], now: () => new Date(GITHUB_TIME) });
});

/** A clock an hour ahead of GitHub's whose sleeps return at once and are recorded. */
function recordingClock(): Clock & { slept: number[] } {
  let now = GITHUB_TIME + 60 * 60 * 1000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    random: () => 0.5,
  };
}

afterEach(async () => {
  await github.close();
});

const store = (clock: Clock = INSTANT_CLOCK) =>
  createSecretStore({
    token: github.token,
    place: { repository: { owner: 'octo-org', repo: 'app' } },
    clock,
    baseUrl: github.url,
    fetch: globalThis.fetch,
  });
const ID = 'AWS_ACCESS_KEY_ID';

describe('createSecretStore', () => {
  test('writes a sealed secret GitHub can open', async () => {
    await store().write('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    expect(github.secrets('octo-org/app').get('AWS_ACCESS_KEY_ID')).toMatchObject({ value: 'AKIAIOSFODNN7EXAMPLE' });
  });

  test('a public key that could not be fetched is asked for again by the next write (the one that puts the old pair back)', async () => {
    const secrets = store();
    github.injectFault({ method: 'GET', status: 403 });
    await expect(secrets.write('AWS_ACCESS_KEY_ID', 'AKIAI44QH8DHBEXAMPLE')).rejects.toBeDefined();
    await secrets.write('AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE');
    expect(github.secrets('octo-org/app').get('AWS_ACCESS_KEY_ID')).toMatchObject({ value: 'AKIAIOSFODNN7EXAMPLE' });
  });

  test("waits as long as Retry-After asks (a secondary rate limit's 403), then writes", async () => {
    const clock = recordingClock();
    github.injectFault({ method: 'PUT', secretName: ID, status: 403, headers: { 'retry-after': '7' } });
    await store(clock).write(ID, 'AKIAIOSFODNN7EXAMPLE');
    expect(clock.slept).toEqual([7000]);
    expect(github.secrets('octo-org/app').get(ID)).toMatchObject({ value: 'AKIAIOSFODNN7EXAMPLE' });
  });

  test("waits for a primary rate limit's reset by GitHub's clock (its Date), not the local one", async () => {
    const clock = recordingClock();
    const reset = String(GITHUB_TIME / 1000 + 5);
    github.injectFault({ method: 'GET', status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } });
    await store(clock).updatedAt([ID]);
    expect(clock.slept).toEqual([6000]);
  });

  test('a wait longer than the call may take fails at once, saying so, and nothing was written', async () => {
    const clock = recordingClock();
    github.injectFault({ method: 'PUT', secretName: ID, status: 429, headers: { 'retry-after': '120' } });
    const failure = await store(clock)
      .write(ID, 'AKIAI44QH8DHBEXAMPLE')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SecretWriteFailed);
    expect(failure).toMatchObject({
      written: 'no',
      message: expect.stringContaining('GitHub asks to wait 120 s, longer than this call may take'),
    });
    expect(clock.slept).toEqual([]);
  });

  test("GitHub's time is its answers' Date, whatever the local clock says", async () => {
    const clock = recordingClock();
    const secrets = store(clock);
    await secrets.updatedAt([ID]);
    expect(secrets.now().toISOString()).toBe(new Date(GITHUB_TIME).toISOString());
  });

  test("a redirect of a read to GitHub's own origin is followed; one to another origin is refused", async () => {
    github.seed('octo-org/app', ID, 'AKIAIOSFODNN7EXAMPLE');
    github.injectFault({ method: 'GET', status: 301, redirectTo: `${github.url}/repos/octo-org/app/actions/secrets?per_page=100&page=1` });
    expect([...(await store().updatedAt([ID])).keys()]).toEqual([ID]);
    github.injectFault({ method: 'GET', status: 302, redirectTo: 'http://localhost:9/elsewhere' });
    await expect(store().updatedAt([ID])).rejects.toMatchObject({
      status: 302,
      message: expect.stringContaining('a redirect to another origin is never followed'),
    });
  });
});
