/**
 * The rotation tool's GitHub Actions-secrets adapter against the loopback secrets API, which opens
 * every sealed box with its own key pair.
 */
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { createSecretStore } from '../../src/adapters/github-secrets.js';
import { startFakeGitHubSecrets } from '../../test/support/fake-github-secrets.js';
import { INSTANT_CLOCK } from '../../test/support/fixtures.js';

let github: Awaited<ReturnType<typeof startFakeGitHubSecrets>>;

beforeEach(async () => {
  github = await startFakeGitHubSecrets({ repositories: ['octo-org/app'] });
});

afterEach(async () => {
  await github.close();
});

const store = () => createSecretStore({ token: github.token, place: { repository: { owner: 'octo-org', repo: 'app' } }, clock: INSTANT_CLOCK, baseUrl: github.url, fetch: globalThis.fetch });

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
});
