/**
 * scripts/release-check.mjs, the checks release.yml makes before it publishes: a copy of this
 * repository passes for its own version, and each way a release goes wrong fails with a message
 * that says what to fix.
 *
 * The passing case copies what the check reads (package.json, CHANGELOG.md, dist/, and what
 * scripts/build.mjs builds from; node_modules hard-linked) and runs the real build. The failing cases
 * run in a small stand-in repository whose scripts/build.mjs writes a fixed bundle, so that each
 * check is shown on its own, without three more full builds (dist-fresh.test.ts covers the build).
 */
import { afterAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const ROOT = process.cwd();
const CHECK = path.join(ROOT, 'scripts/release-check.mjs');
const VERSION = (JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const scratch: string[] = [];

afterAll(async () => {
  await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
}

/**
 * node_modules as hard links (no data copied). Not a symlink: webpack resolves it to its real
 * path outside the copy, which changes the bundles' chunk ids. Copied where links are refused.
 */
async function linkTree(from: string, to: string): Promise<void> {
  try {
    await promisify(execFile)('cp', ['-al', from, to]);
  } catch {
    await rm(to, { recursive: true, force: true });
    await cp(from, to, { recursive: true });
  }
}

function releaseCheck(root: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CHECK, '--root', root, '--skip-tests', ...args], { timeout: 170000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

test(`a fresh copy of the repository passes for v${VERSION}`, async () => {
  const copy = await tempDir('release-fresh-');
  for (const entry of ['package.json', 'CHANGELOG.md', 'LICENSE', 'tsconfig.json', 'scripts', 'src', 'build-stubs', 'dist']) {
    await cp(path.join(ROOT, entry), path.join(copy, entry), { recursive: true });
  }
  await linkTree(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
  const result = await releaseCheck(copy, '--tag', `v${VERSION}`);
  expect(result).toEqual({ code: 0, stdout: `release check passed for v${VERSION}\n`, stderr: '' });
}, 180000);

describe('refuses a release', () => {
  const BUNDLE = 'module.exports = "bundle";\n';
  const CHANGELOG = `# Changelog\n\n## [Unreleased]\n\n## [2.3.4] - 2026-12-01\n\n### Fixed\n\n- Something.\n\n## [2.3.3] - 2026-11-01\n\n- Older.\n`;

  /** A stand-in repository at version 2.3.4 whose build writes BUNDLE to main/index.js. */
  async function standIn({ changelog = CHANGELOG, dist = BUNDLE } = {}): Promise<string> {
    const root = await tempDir('release-standin-');
    await mkdir(path.join(root, 'scripts'));
    await mkdir(path.join(root, 'dist/main'), { recursive: true });
    await writeFile(path.join(root, 'package.json'), '{ "name": "x", "version": "2.3.4" }\n');
    await writeFile(path.join(root, 'CHANGELOG.md'), changelog);
    await writeFile(path.join(root, 'dist/main/index.js'), dist);
    await writeFile(
      path.join(root, 'scripts/build.mjs'),
      `import { mkdirSync, writeFileSync } from 'node:fs';
const out = process.argv[process.argv.indexOf('--out') + 1];
mkdirSync(out + '/main', { recursive: true });
writeFileSync(out + '/main/index.js', ${JSON.stringify(BUNDLE)});
`,
    );
    return root;
  }

  test("the stand-in itself passes, and --notes gets the version's CHANGELOG entry (so the failures below are each one check)", async () => {
    const root = await standIn();
    const notes = path.join(root, 'notes.md');
    expect(await releaseCheck(root, '--tag', 'v2.3.4', '--notes', notes)).toEqual({
      code: 0,
      stdout: 'release check passed for v2.3.4\n',
      stderr: '',
    });
    expect(await readFile(notes, 'utf8')).toBe('### Fixed\n\n- Something.\n');
  });

  test("when the tag is not package.json's version", async () => {
    const result = await releaseCheck(await standIn(), '--tag', 'v2.3.5');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'release check failed: the tag v2.3.5 is not v2.3.4, the version in package.json\n',
    });
  });

  test("when the tag is a pre-release, even of package.json's version", async () => {
    const result = await releaseCheck(await standIn(), '--tag', 'v2.3.4-rc.1');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr:
        'release check failed: the tag "v2.3.4-rc.1" is not a stable release tag vX.Y.Z (a pre-release is never published and never moves the major tag)\n',
    });
  });

  test('when CHANGELOG.md has no entry for the version', async () => {
    const result = await releaseCheck(
      await standIn({ changelog: CHANGELOG.replace('## [2.3.4] - 2026-12-01\n\n### Fixed\n\n- Something.\n\n', '') }),
      '--tag',
      'v2.3.4',
    );
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'release check failed: CHANGELOG.md has no entry "## [2.3.4] - DATE" with its changes\n',
    });
  });

  test('when the entry is only a heading with no changes', async () => {
    const result = await releaseCheck(
      await standIn({ changelog: CHANGELOG.replace('### Fixed\n\n- Something.\n\n', '') }),
      '--tag',
      'v2.3.4',
    );
    expect(result.stderr).toBe('release check failed: CHANGELOG.md has no entry "## [2.3.4] - DATE" with its changes\n');
  });

  test('when dist/ is not what the build makes', async () => {
    const result = await releaseCheck(await standIn({ dist: 'module.exports = "old bundle";\n' }), '--tag', 'v2.3.4');
    expect(result).toEqual({
      code: 1,
      stdout: '',
      stderr: 'release check failed: dist/ is stale (main/index.js): run npm run build and commit dist/\n',
    });
  });
});

describe('the release workflow', () => {
  const workflow = parse(readFileSync(path.join(ROOT, '.github/workflows/release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: Record<
      string,
      {
        uses?: string;
        needs?: string;
        permissions?: Record<string, string>;
        steps?: { uses?: string; run?: string; with?: Record<string, string> }[];
      }
    >;
  };
  /** GitHub's tag filter: `[0-9]` a digit, `+` one or more of what precedes, everything else literal, whole name. */
  const matches = (pattern: string, tag: string) => new RegExp(`^${pattern.replace(/\./g, '\\.')}$`).test(tag);

  test('triggers on stable tags only: v1.2.3 and v10.20.30, never v1.2.3-rc.1, v1 or v1.2', () => {
    const [pattern, ...others] = workflow.on.push.tags;
    expect(others).toEqual([]);
    expect(['v1.2.3', 'v10.20.30'].map((tag) => matches(pattern ?? '', tag))).toEqual([true, true]);
    expect(['v1.2.3-rc.1', 'v1', 'v1.2', 'v1.2.3.4', 'x1.2.3'].map((tag) => matches(pattern ?? '', tag))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  test("runs CI's own jobs (the same checks and REQUIRE_* switches) before the release job", () => {
    expect(workflow.jobs.ci?.uses).toBe('./.github/workflows/ci.yml');
    expect(workflow.jobs.release?.needs).toBe('ci');
    const ci = readFileSync(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8');
    expect(ci).toMatch(/^ {2}workflow_call:/m);
    for (const name of ['REQUIRE_AWS_CLI', 'REQUIRE_NODE24', 'REQUIRE_CFN_LINT']) expect(ci).toContain(`${name}: '1'`);
  });

  test('attests dist/ and the single-file command line, attaches it with its SHA-256, and publishes only after that', () => {
    const steps = workflow.jobs.release?.steps ?? [];
    const attest = steps.find((step) => step.uses?.startsWith('actions/attest-build-provenance@'));
    expect(attest?.with?.['subject-path']).toContain('dist/**/*.js');
    expect(attest?.with?.['subject-path']).toContain('assume-deploy-role.cjs');
    expect(workflow.jobs.release?.permissions).toEqual({ contents: 'write', 'id-token': 'write', attestations: 'write' });
    const release = steps.find((step) => step.run?.includes('gh release create'))?.run ?? '';
    expect(release).toContain('--draft');
    expect(release).toContain('assume-deploy-role.cjs.sha256');
    expect(release.indexOf('gh release create')).toBeLessThan(release.indexOf('--draft=false'));
  });
});
