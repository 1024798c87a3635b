// Bundles each entry point with ncc into dist/<name>/index.js.
//   node scripts/build.mjs            -> writes dist/
//   node scripts/build.mjs --out DIR  -> writes DIR/ (used by the dist-freshness test)
// Each bundle is built from a folder whose tsconfig paths leave out code the action never runs
// (see build-stubs/README.md).
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outRoot = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : path.join(root, 'dist');

export const ENTRIES = [
  { name: 'main', source: 'src/main.ts', cwd: 'build-stubs' },
  { name: 'post', source: 'src/post.ts', cwd: 'build-stubs' },
  { name: 'key-age', source: 'src/key-age.ts', cwd: 'build-stubs/key-age' },
];

const ncc = path.join(root, 'node_modules/@vercel/ncc/dist/ncc/cli.js');

function bundle({ name, source, cwd }) {
  const out = path.join(outRoot, name);
  const args = [ncc, 'build', path.join(root, source), '-m', '-q', '--license', 'licenses.txt', '-o', out];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: path.join(root, cwd), stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ncc failed for ${name} (exit ${code})`))));
  });
}

await rm(outRoot, { recursive: true, force: true });
await Promise.all(ENTRIES.map(bundle));
