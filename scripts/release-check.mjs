// The checks a release must pass, locally (npm run release:check [-- --tag vX.Y.Z]) and in
// .github/workflows/release.yml: the tag is a stable vX.Y.Z equal to package.json's version, CHANGELOG.md has that
// version's entry, dist/ is what npm run build makes, and the tests pass (--skip-tests skips them).
// --notes FILE writes the CHANGELOG entry there, for the GitHub release.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: { tag: { type: 'string' }, notes: { type: 'string' }, 'skip-tests': { type: 'boolean' }, root: { type: 'string' } },
});
const root = path.resolve(values.root ?? process.cwd());
const problems = [];
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;

const STABLE_TAG = /^v\d+\.\d+\.\d+$/;
if (values.tag !== undefined && !STABLE_TAG.test(values.tag))
  problems.push(
    `the tag ${JSON.stringify(values.tag)} is not a stable release tag vX.Y.Z (a pre-release is never published and never moves the major tag)`,
  );
else if (values.tag !== undefined && values.tag !== `v${version}`)
  problems.push(`the tag ${values.tag} is not v${version}, the version in package.json`);

/** The text under `## [VERSION]` up to the next `## ` heading, or undefined. */
export function changelogEntry(text, v) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`## [${v}]`));
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  return lines
    .slice(start + 1, end < 0 ? undefined : end)
    .join('\n')
    .replace(/\n\[[^\]]+\]: .*$/gm, '')
    .trim();
}
const entry = changelogEntry(readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'), version);
if (!entry) problems.push(`CHANGELOG.md has no entry "## [${version}] - DATE" with its changes`);
else if (values.notes) writeFileSync(values.notes, `${entry}\n`);

const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
const scratch = mkdtempSync(path.join(tmpdir(), 'release-dist-'));
try {
  execFileSync(process.execPath, ['scripts/build.mjs', '--out', scratch], { cwd: root, stdio: 'ignore' });
  const built = filesUnder(scratch);
  const committed = filesUnder(path.join(root, 'dist'));
  const stale = [...new Set([...built, ...committed])].filter((f) => {
    try {
      return !readFileSync(path.join(scratch, f)).equals(readFileSync(path.join(root, 'dist', f)));
    } catch {
      return true;
    }
  });
  if (stale.length > 0) problems.push(`dist/ is stale (${stale.join(', ')}): run npm run build and commit dist/`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (problems.length === 0 && !values['skip-tests']) {
  try {
    execFileSync('npm', ['test'], { cwd: root, stdio: 'inherit' });
  } catch {
    problems.push('npm test failed');
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`release check failed: ${p}`);
  process.exitCode = 1;
} else {
  console.log(`release check passed for v${version}`);
}
