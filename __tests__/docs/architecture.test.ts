import { describe, expect, test } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * docs/architecture.md's rules, checked on every import in src/ (static, type-only and dynamic):
 * shared/ imports nothing outside itself, adapters/ import only shared/ and each other, a feature
 * imports shared/, adapters/ and itself but never another feature; only entries/ wire them all.
 */
const SRC = path.resolve('src');
const FEATURES = ['assume-role', 'key-age', 'rotation', 'credentials-server'];
const ALLOWED: Record<string, (target: string) => boolean> = {
  shared: (target) => target === 'shared',
  adapters: (target) => target === 'shared' || target === 'adapters',
  entries: () => true,
};
for (const feature of FEATURES) ALLOWED[feature] = (target) => target === feature || target === 'shared' || target === 'adapters';

async function sourceFiles(folder: string, extensions = ['.ts']): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full, extensions);
    return Promise.resolve(extensions.some((extension) => entry.name.endsWith(extension)) ? [full] : []);
  }));
  return nested.flat();
}

const MAX_LINES = 200;

/** The modules of `folder` over MAX_LINES lines, as `path: N lines` relative to `folder`. */
async function overLong(folder: string, extensions?: string[]): Promise<string[]> {
  const long: string[] = [];
  for (const file of await sourceFiles(folder, extensions)) {
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_LINES) long.push(`${path.relative(folder, file)}: ${lines} lines`);
  }
  return long;
}

const TEST_SUPPORT = path.resolve('test', 'support');
/**
 * The one temporary exception: cloudformation.js (the template renderer) was being reworked on
 * another branch when the rule reached test/support/; it is split once that work is merged.
 */
const TEST_SUPPORT_OVER_LIMIT = new Set(['cloudformation.js']);

/** The top folder of src/ a file is in (shared/messages counts as shared). */
const layerOf = (file: string) => path.relative(SRC, file).split(path.sep)[0] ?? '';

async function violations(): Promise<string[]> {
  const found: string[] = [];
  for (const file of await sourceFiles(SRC)) {
    const text = await readFile(file, 'utf8');
    const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm)].map((match) => match[1] ?? '');
    for (const specifier of specifiers) {
      const target = path.resolve(path.dirname(file), specifier);
      if (!target.startsWith(SRC + path.sep)) continue;
      const from = layerOf(file);
      const to = layerOf(target);
      const rule = ALLOWED[from];
      if (!rule) found.push(`${path.relative(SRC, file)}: not in a known layer`);
      else if (!rule(to)) found.push(`${path.relative(SRC, file)} imports ${specifier} (${from} → ${to})`);
    }
  }
  return found;
}

describe('src/ layering (docs/architecture.md)', () => {
  test('shared imports nothing outside itself, adapters never import a feature, features never import each other', async () => {
    expect(await violations()).toEqual([]);
  });

  test('every module in src/ stays within 200 lines', async () => {
    expect(await overLong(SRC)).toEqual([]);
  });

  test('every module in test/support/ stays within 200 lines', async () => {
    const long = await overLong(TEST_SUPPORT, ['.js', '.mjs', '.ts']);
    const names = long.map((entry) => entry.slice(0, entry.indexOf(':')));
    expect(long.filter((_entry, index) => !TEST_SUPPORT_OVER_LIMIT.has(names[index] ?? ''))).toEqual([]);
    // An exception no longer needed is removed, so the rule cannot quietly stay loosened.
    expect([...TEST_SUPPORT_OVER_LIMIT].filter((name) => !names.includes(name))).toEqual([]);
  });
});
