// Bundles each entry point with ncc (minified) into dist/<name>/index.js.
//   node scripts/build.mjs            -> writes dist/
//   node scripts/build.mjs --out DIR  -> writes DIR/ (used by the dist-freshness test)
// Each bundle is built from a folder whose tsconfig paths leave out code the action never runs
// (see build-stubs/README.md), and as CommonJS: Node starts a CommonJS entry about 10 ms sooner
// than an ES module, and @actions/core's ESM bundles into it like any other dependency.
import { spawn } from 'node:child_process';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eagerFactories } from './eager-factories.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const option = (name) => {
  const index = process.argv.indexOf(name);
  return index > 0 ? process.argv[index + 1] : undefined;
};

const ENTRIES = [
  { name: 'main', source: 'src/entries/main.ts', cwd: 'build-stubs' },
  { name: 'post', source: 'src/entries/post.ts', cwd: 'build-stubs' },
  // refresh-credentials: the job-long credentials server the main step starts with process.execPath.
  { name: 'credentials-server', source: 'src/entries/credentials-server.ts', cwd: 'build-stubs' },
  { name: 'key-age', source: 'src/entries/key-age.ts', cwd: 'build-stubs/key-age' },
  // The command line keeps the SDK's default credential chain: it signs with the caller's own credentials.
  { name: 'cli', source: 'src/entries/cli.ts', cwd: '.' },
  // The rotate action signs with the SDK's default chain too (the credentials a step before it exported).
  { name: 'rotate', source: 'src/entries/rotate.ts', cwd: '.' },
];

/** In a child process whose working folder selects the tsconfig: bundle one entry into `out`. */
async function bundle(source, out) {
  const { default: ncc } = await import(path.join(root, 'node_modules/@vercel/ncc/dist/ncc/index.js'));
  const { code, assets } = await ncc(path.join(root, source), {
    minify: true,
    esm: false,
    quiet: true,
    license: 'licenses.txt',
    cache: false,
    // The type check is `npm run typecheck`'s (in lint and CI); ncc checking the whole project again
    // for each of the seven entries made the build take 51 s instead of 20 s. The output is the same byte for byte
    // (isolatedModules and verbatimModuleSyntax make each file transpile alone).
    transpileOnly: true,
  });
  await mkdir(out, { recursive: true });
  // The command line runs as a package bin (`npx`, a symlink on PATH): it needs its shebang and the x bit.
  const executable = source.endsWith('entries/cli.ts');
  const entry = eagerFactories(code, path.join(path.basename(out), 'index.js'));
  await writeFile(path.join(out, 'index.js'), executable && !entry.startsWith('#!') ? `#!/usr/bin/env node\n${entry}` : entry, {
    mode: executable ? 0o755 : 0o644,
  });
  // The repository's package.json says "type": "module"; these bundles are CommonJS.
  await writeFile(path.join(out, 'package.json'), '{ "type": "commonjs" }\n');
  for (const [name, asset] of Object.entries(assets)) await writeFile(path.join(out, name), asset.source);
}

function bundleInChild({ name, source, cwd }, outRoot) {
  const args = [fileURLToPath(import.meta.url), '--bundle', source, '--into', path.join(outRoot, name)];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: path.join(root, cwd), stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`ncc failed for ${name} (exit ${code})`))));
  });
}

if (option('--bundle')) {
  await bundle(option('--bundle'), option('--into'));
} else {
  const outRoot = path.resolve(option('--out') ?? path.join(root, 'dist'));
  // Built beside the target and swapped in only when every bundle succeeded: a failed build
  // leaves the previous dist/ as it was. At most two ncc processes at a time (each takes about
  // 0.7 GB; seven at once could exhaust a small machine's memory).
  const staging = `${outRoot}.building`;
  await rm(staging, { recursive: true, force: true });
  try {
    const queue = [...ENTRIES];
    const worker = async () => {
      for (let entry = queue.shift(); entry; entry = queue.shift()) await bundleInChild(entry, staging);
    };
    await Promise.all([worker(), worker()]);
    await rm(outRoot, { recursive: true, force: true });
    await rename(staging, outRoot);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
