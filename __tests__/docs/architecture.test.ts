import { describe, expect, test } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * docs/architecture.md's rules, checked on every import in src/ (static, type-only and dynamic):
 * shared/ imports nothing outside itself; adapters/ import shared/, each other and, as types only,
 * a feature's ports.ts; a feature imports shared/, itself and adapters as types only (the entries
 * wire the real ones), never another feature; only entries/ wire them all. Features never read
 * the world behind the Io port's back: process.env, the clock, randomness, timers.
 */
const SRC = path.resolve('src');
const FEATURES = ['assume-role', 'key-age', 'rotation', 'credentials-server'];

interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** Who may import what: `to` is the target's layer, `file` its path within src/. */
type Rule = (to: string, file: string, typeOnly: boolean) => boolean;
const isPorts = (file: string) => FEATURES.some((feature) => file === `${feature}/ports.ts`);
const ALLOWED: Record<string, Rule> = {
  shared: (to) => to === 'shared',
  adapters: (to, file, typeOnly) => to === 'shared' || to === 'adapters' || (isPorts(file) && typeOnly),
  entries: () => true,
};
for (const feature of FEATURES)
  ALLOWED[feature] = (to, _file, typeOnly) => to === feature || to === 'shared' || (to === 'adapters' && typeOnly);

/** What a feature's source must not reach for: the Io port (io.env, io.clock) and the deps carry it. */
const WORLD_READS: Array<[string, RegExp]> = [
  ['process.env', /\bprocess\.env\b/],
  ['Date.now()', /\bDate\.now\s*\(/],
  ['new Date() without an argument', /\bnew Date\s*\(\s*\)/],
  ['Math.random()', /\bMath\.random\s*\(/],
  ['setTimeout', /\bsetTimeout\s*\(/],
  ['node:crypto randomness', /\brandom(?:Bytes|UUID|Int|Fill)\b/],
];

async function sourceFiles(folder: string, extensions = ['.ts']): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) return sourceFiles(full, extensions);
      return Promise.resolve(extensions.some((extension) => entry.name.endsWith(extension)) ? [full] : []);
    }),
  );
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

/** The top folder of src/ a file is in (shared/messages counts as shared). */
const layerOf = (file: string) => path.relative(SRC, file).split(path.sep)[0] ?? '';

/** Every relative import and re-export of a module; type-only when `import type` or each name is `type`. */
function importsOf(text: string): Import[] {
  const statements = [...text.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+'(\.{1,2}\/[^']+)'/gms)].map((match) => {
    const names = /^\{([^}]*)\}$/s
      .exec(match[2]?.trim() ?? '')?.[1]
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const allTypes = names !== undefined && names.length > 0 && names.every((name) => name.startsWith('type '));
    return { specifier: match[3] ?? '', typeOnly: match[1] !== undefined || allTypes };
  });
  const bare = [...text.matchAll(/^import\s+'(\.{1,2}\/[^']+)'/gm)].map((match) => ({ specifier: match[1] ?? '', typeOnly: false }));
  const dynamic = [...text.matchAll(/\bimport\s*\(\s*'(\.{1,2}\/[^']+)'/g)].map((match) => ({
    specifier: match[1] ?? '',
    typeOnly: false,
  }));
  return [...statements, ...bare, ...dynamic];
}

async function violations(): Promise<string[]> {
  const found: string[] = [];
  for (const file of await sourceFiles(SRC)) {
    const text = await readFile(file, 'utf8');
    for (const { specifier, typeOnly } of importsOf(text)) {
      const target = path.resolve(path.dirname(file), specifier);
      if (!target.startsWith(SRC + path.sep)) continue;
      const from = layerOf(file);
      const to = layerOf(target);
      const rule = ALLOWED[from];
      const line = `${path.relative(SRC, file)} imports ${specifier}`;
      if (!rule) found.push(`${path.relative(SRC, file)}: not in a known layer`);
      else if (!rule(to, path.relative(SRC, target).replace(/\.js$/, '.ts'), typeOnly))
        found.push(`${line} (${from} → ${to}${typeOnly ? ', types' : ''})`);
    }
  }
  return found;
}

describe('src/ layering (docs/architecture.md)', () => {
  test('shared imports nothing outside itself, adapters only ports of features, features adapters as types only and never each other', async () => {
    expect(await violations()).toEqual([]);
  });

  test('the import reader tells type-only imports from imports that run', () => {
    expect(
      importsOf(
        "import type { A } from './a.js';\nimport { type B, type C } from './b.js';\nimport { D, type E } from './d.js';\nconst f = await import('./f.js');\n",
      ),
    ).toEqual([
      { specifier: './a.js', typeOnly: true },
      { specifier: './b.js', typeOnly: true },
      { specifier: './d.js', typeOnly: false },
      { specifier: './f.js', typeOnly: false },
    ]);
  });

  test('features read the environment, the clock, randomness and timers only through their ports', async () => {
    const found: string[] = [];
    for (const feature of FEATURES) {
      for (const file of await sourceFiles(path.join(SRC, feature))) {
        const code = (await readFile(file, 'utf8')).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
        for (const [what, pattern] of WORLD_READS) if (pattern.test(code)) found.push(`${path.relative(SRC, file)}: ${what}`);
      }
    }
    expect(found).toEqual([]);
  });

  test('every module in src/ stays within 200 lines', async () => {
    expect(await overLong(SRC)).toEqual([]);
  });

  test('every module in test/support/ stays within 200 lines', async () => {
    expect(await overLong(TEST_SUPPORT, ['.js', '.mjs', '.ts'])).toEqual([]);
  });
});
