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

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(entries.map((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return Promise.resolve(entry.name.endsWith('.ts') ? [full] : []);
  }));
  return nested.flat();
}

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
    const long: string[] = [];
    for (const file of await sourceFiles(SRC)) {
      const lines = (await readFile(file, 'utf8')).split('\n').length;
      if (lines > 201) long.push(`${path.relative(SRC, file)}: ${lines} lines`);
    }
    expect(long).toEqual([]);
  });
});
