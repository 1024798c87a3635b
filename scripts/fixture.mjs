// The small, realistic AWS world that `npm run demo` and `npm run bench` both run the bundled
// actions against, on the loopback STS + IAM test server (test/support/aws-test-server.js):
//
//   account 111122223333
//   ├─ user sam-cli-user   may read its own access keys (the key-age action's self-scoped policy)
//   │    └─ access key AKIAIOSFODNN7EXAMPLE (AWS's documented example key), used yesterday
//   ├─ user stranger       a user the deploy role does not trust
//   └─ role deploy         trusts sam-cli-user, MaxSessionDuration 1 hour
//
// Plus ensureBuilt(), which bundles dist/ when a bundle is missing.
import { spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAwsTestServer } from '../test/support/aws-test-server.js';
import { EXAMPLE_ACCOUNT, EXAMPLE_KEY, EXAMPLE_REGION, EXAMPLE_ROLE_ARN, STRANGER_KEY } from '../test/support/fixtures.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ACCOUNT = EXAMPLE_ACCOUNT;
export const REGION = EXAMPLE_REGION;
export const USER_NAME = 'sam-cli-user';
export const USER_KEY = EXAMPLE_KEY;
export const STRANGER_NAME = 'stranger';
export { STRANGER_KEY };
export const ROLE_ARN = EXAMPLE_ROLE_ARN;

export const BUNDLES = {
  main: 'dist/main/index.js',
  post: 'dist/post/index.js',
  keyAge: 'dist/key-age/index.js',
  cli: 'dist/cli/index.js',
  rotate: 'dist/rotate/index.js',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Starts the test server with the world above. Close it with `server.close()`.
 * @param {{ keyAgeDays?: number, lastUsedDaysAgo?: number, serverOptions?: Parameters<typeof startAwsTestServer>[0] }} [options]
 */
export async function startWorld({ keyAgeDays = 83, lastUsedDaysAgo = 1, serverOptions = {} } = {}) {
  const server = await startAwsTestServer(serverOptions);
  const now = Date.now();
  const user = server.addUser({ account: ACCOUNT, name: USER_NAME, selfIamRead: true });
  server.addAccessKey(USER_NAME, {
    ...USER_KEY,
    createDate: new Date(now - keyAgeDays * DAY_MS - 60 * 60 * 1000),
    lastUsed: { date: new Date(now - lastUsedDaysAgo * DAY_MS), service: 'sts', region: REGION },
  });
  server.addUser({ account: ACCOUNT, name: STRANGER_NAME });
  server.addAccessKey(STRANGER_NAME, STRANGER_KEY);
  server.addRole({ account: ACCOUNT, name: 'deploy', trustedPrincipals: [user.arn] });
  return server;
}

/**
 * Runs `node scripts/build.mjs` when one of the bundles is missing.
 * @param {(line: string) => void} say
 * @returns {Promise<boolean>} whether it built
 */
export async function ensureBuilt(say) {
  const missing = [];
  for (const bundle of Object.values(BUNDLES)) {
    try {
      await access(path.join(REPO_ROOT, bundle));
    } catch {
      missing.push(bundle);
    }
  }
  if (missing.length === 0) return false;
  say(`${missing.join(', ')} missing: building with node scripts/build.mjs …`);
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'scripts/build.mjs')], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`node scripts/build.mjs failed (exit ${code})`))));
  });
  say('built.');
  return true;
}
