// --floor for the A/B bench: scripts/sdk-floor.mjs bundled as the root action is (build-stubs'
// paths, ncc minified, eager factories), so the bench can show what the SDK alone costs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './fixture.mjs';
import { fileValue } from './bench-process.mjs';

function bundleFloor(into) {
  const args = [path.join(REPO_ROOT, 'scripts/build.mjs'), '--bundle', 'scripts/sdk-floor.mjs', '--into', into];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: path.join(REPO_ROOT, 'build-stubs'), stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bundling scripts/sdk-floor.mjs failed (exit ${code})`))));
  });
}

/** The floor's case, with the root action's own inputs (`mainCase`), bundled under `tempRoot`. */
export async function floorCase(tempRoot, mainCase) {
  const into = path.join(tempRoot, 'sdk-floor');
  await bundleFloor(into);
  return {
    label: 'SDK floor: one AssumeRole, nothing else',
    args: [path.join(into, 'index.js')],
    inputs: mainCase.inputs,
    check: ({ env }) => (/^ASIA/.test(fileValue(env, 'AWS_ACCESS_KEY_ID') ?? '') ? undefined : 'no AWS_ACCESS_KEY_ID=ASIA… in GITHUB_ENV'),
  };
}
