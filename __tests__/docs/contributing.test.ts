/** CONTRIBUTING.md points only at files and npm scripts that exist. */
import { expect, test } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const text = readFileSync(join(ROOT, 'CONTRIBUTING.md'), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** OWNER/NAME, not a path. */
const NOT_PATHS = new Set(['assume-deploy-role/assume-deploy-role']);
/** Words with a slash, in prose or commands, and backticked file names and dotfiles; lower-case starts only (not AWS_X/_Y). */
const paths = [
  ...new Set([
    ...[...text.matchAll(/(?<=^|[\s`(])([a-z_.][\w.-]*\/[\w./-]*)/gm)].map((m) => String(m[1])),
    ...[...text.matchAll(/`([\w.-]+\.(?:md|ya?ml|json|m?js|ts)|\.[\w-]+)`/g)].map((m) => String(m[1])),
  ]),
]
  .map((p) => p.replace(/^\.\//, '').replace(/[.,;:]+$/, ''))
  .filter((p) => !NOT_PATHS.has(p) && !p.startsWith('tmp/'));

test('names some paths (not vacuous)', () => {
  expect(paths).toEqual(
    expect.arrayContaining(['action.yml', 'scripts/action-tables.mjs', '.ci/run', 'scripts/loopback-server.mjs', '.node-version']),
  );
});

test.each(paths)('%s exists', (p) => {
  expect(existsSync(join(ROOT, p))).toBe(true);
});

test('every npm run it names is a script in package.json', () => {
  const named = [...text.matchAll(/npm run ([\w:-]+)/g)].map((m) => String(m[1]));
  const tiers = [...text.matchAll(/`(test:\w+)`/g)].map((m) => String(m[1]));
  expect(named.length).toBeGreaterThan(0);
  expect([...named, ...tiers].filter((s) => !scripts.includes(s))).toEqual([]);
});
