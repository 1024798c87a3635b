/**
 * The action runs the committed dist/ files, not the source: a change to src/ that was not
 * rebuilt and committed would ship old behaviour. Rebuild into a scratch folder and compare.
 */
import { afterAll, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '../..');
let scratch = '';

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

test('dist/ is exactly what npm run build makes from the source (run it and commit dist/ if this fails)', async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'dist-check-'));
  await promisify(execFile)(process.execPath, ['scripts/build.mjs', '--out', scratch], { cwd: root, timeout: 170000 });
  const committed = path.join(root, 'dist');
  const built = await filesUnder(scratch);
  expect(await filesUnder(committed)).toEqual(built);
  const stale: string[] = [];
  for (const file of built) {
    const [a, b] = await Promise.all([readFile(path.join(committed, file)), readFile(path.join(scratch, file))]);
    if (!a.equals(b)) stale.push(file);
  }
  expect(stale).toEqual([]);
}, 180000);
