/**
 * One OWNER/NAME everywhere users copy from, and only actions whose runtime GitHub still runs.
 * Forks change CANONICAL here (and package.json's repository/homepage/bugs, which this checks).
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();
const CANONICAL = 'assume-deploy-role/assume-deploy-role';

const filesIn = (dir: string, ext: RegExp) =>
  existsSync(join(ROOT, dir))
    ? readdirSync(join(ROOT, dir))
        .filter((f) => ext.test(f))
        .map((f) => join(dir, f))
    : [];
const DOCS = [
  'README.md',
  'CONTRIBUTING.md',
  'SECURITY.md',
  'CHANGELOG.md',
  ...filesIn('docs', /\.md$/),
  ...filesIn('examples', /\.ya?ml$/),
].filter((f) => existsSync(join(ROOT, f)));
const WORKFLOWS = [...filesIn('.github/workflows', /\.ya?ml$/), ...filesIn('examples', /\.ya?ml$/)];
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');

/** action@version → runs.using, read from each action's action.yml at that version. */
const RUNTIMES: Record<string, string> = {
  'actions/checkout@v4': 'node20',
  'actions/checkout@v5': 'node24',
  'actions/checkout@v7': 'node24',
  'actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1': 'node24', // v7.0.1
  'actions/setup-node@v4': 'node20',
  'actions/setup-node@v7': 'node24',
  'actions/setup-node@820762786026740c76f36085b0efc47a31fe5020': 'node24', // v7.0.0
  'actions/setup-python@v5': 'node20',
  'actions/setup-python@v7': 'node24',
  'actions/setup-python@5fda3b95a4ea91299a34e894583c3862153e4b97': 'node24', // v7.0.0
  'actions/upload-artifact@v5': 'node20',
  'actions/upload-artifact@v7': 'node24',
  'actions/upload-artifact@bbbca2ddaa5d8feaa63e36b76fdaad77386f024f': 'node24', // v7.0.0
  'actions/download-artifact@v6': 'node20',
  'actions/download-artifact@v8': 'node24',
  'actions/download-artifact@3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c': 'node24', // v8.0.1
  'aws-actions/setup-sam@v2': 'node20',
  'aws-actions/setup-sam@v3': 'node24',
  'aws-actions/setup-sam@89ddb14d60e682855e3fea4be85b3c56485de310': 'node24', // v3
  // Read in each action's action.yml at that commit.
  'github/codeql-action/init@8aad20d150bbac5944a9f9d289da16a4b0d87c1e': 'node24', // v4.36.2
  'github/codeql-action/analyze@8aad20d150bbac5944a9f9d289da16a4b0d87c1e': 'node24', // v4.36.2
  'actions/attest-build-provenance@a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32': 'composite', // v4.1.0
  [`${CANONICAL}@v1`]: 'node24',
  [`${CANONICAL}/key-age@v1`]: 'node24',
  [`${CANONICAL}/rotate@v1`]: 'node24',
  'actions/create-github-app-token@v3': 'node24',
};

const usesLines = (src: string) => [...src.matchAll(/^\s*-?\s*uses:\s*([^\s#]+)/gm)].map((m) => String(m[1]));

describe('the repository name', () => {
  test.each(DOCS)('%s spells it %s and no other way', (file) => {
    const text = read(file);
    expect(text).not.toMatch(/OWNER\/assume-deploy-role/);
    const others = usesLines(text).filter(
      (u) =>
        /assume-deploy-role/.test(u) &&
        !u.startsWith(`${CANONICAL}@`) &&
        !u.startsWith(`${CANONICAL}/key-age@`) &&
        !u.startsWith(`${CANONICAL}/rotate@`),
    );
    expect(others).toEqual([]);
  });

  test('package.json points at the same repository', () => {
    const pkg = JSON.parse(read('package.json')) as { repository: { url: string }; homepage: string; bugs: { url: string } };
    for (const url of [pkg.repository.url, pkg.homepage, pkg.bugs.url]) expect(url).toContain(`github.com/${CANONICAL}`);
  });
});

describe('action runtimes', () => {
  test.each(WORKFLOWS)('%s uses only listed actions on node24 (or composite)', (file) => {
    for (const uses of usesLines(read(file)).filter((u) => !u.startsWith('./'))) {
      expect([uses, RUNTIMES[uses] ?? 'not in the list: read its action.yml and add it']).toEqual([
        uses,
        expect.stringMatching(/^(node24|composite)$/),
      ]);
    }
  });
});
