/**
 * Every way the project tells people to run the rotation runs as printed from what it ships: no
 * `npx` of a package that does not exist (whoever registered the name would run code with the
 * admin's AWS credentials and GitHub token), the release attaches the one-file command line with
 * its SHA-256, and the scheduled example keeps its promises (keyless AWS, a token kept in the
 * key-rotation environment, one run at a time).
 */
import { describe, expect, test } from '@jest/globals';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { usageText } from '../../src/rotation/messages/rotation.js';

const TEXT = /\.(ts|js|mjs|md|ya?ml|json)$/;
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage', '.build']);

function textFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (SKIP.has(name)) return [];
    if (statSync(full).isDirectory()) return textFiles(full);
    return TEXT.test(name) ? [full] : [];
  });
}

const SHIPPED = [
  ...['src', 'docs', 'examples', 'scripts', 'iam', 'key-age', 'rotate', '.github', 'build-stubs'].flatMap(textFiles),
  ...['README.md', 'SECURITY.md', 'CONTRIBUTING.md', 'action.yml', 'package.json'].filter((file) => existsSync(file)),
];

describe('the rotation runs as printed', () => {
  test("no file tells anyone to npx the project's name (there is no such npm package)", () => {
    expect(SHIPPED.length).toBeGreaterThan(50);
    const offenders = SHIPPED.filter((file) => /npx\s+(--\S+\s+)*assume-deploy-role/.test(readFileSync(file, 'utf8')));
    expect(offenders).toEqual([]);
  });

  test('the check is not vacuous: it sees the key-age command and the docs', () => {
    expect(SHIPPED).toEqual(
      expect.arrayContaining([path.join('src', 'key-age', 'messages', 'key-findings.ts'), path.join('docs', 'rotation.md')]),
    );
  });

  test('the release attaches dist/cli/index.js as assume-deploy-role.cjs with its SHA-256 (dist/cli being one file is an e2e test)', () => {
    const release = parse(readFileSync('.github/workflows/release.yml', 'utf8')) as {
      jobs: { release: { steps: Array<{ run?: string }> } };
    };
    const runs = release.jobs.release.steps.map((step) => step.run ?? '');
    const copied = runs.findIndex((run) => /cp dist\/cli\/index\.js "\$RUNNER_TEMP\/(assets\/)?assume-deploy-role\.cjs"/.test(run));
    const summed = runs.findIndex((run) => run.includes('sha256sum assume-deploy-role.cjs > assume-deploy-role.cjs.sha256'));
    const attached = runs.findIndex(
      (run) =>
        /gh release (create|upload)/.test(run) && /assume-deploy-role\.cjs" /.test(run) && run.includes('assume-deploy-role.cjs.sha256"'),
    );
    expect(copied).toBeGreaterThanOrEqual(0);
    expect(summed).toBeGreaterThanOrEqual(copied);
    expect(attached).toBeGreaterThanOrEqual(summed);
  });

  test('docs/rotation.md names the asset, its checksum and the clone, and puts the schedule before the command', () => {
    const doc = readFileSync('docs/rotation.md', 'utf8');
    for (const phrase of [
      'node assume-deploy-role.cjs',
      'sha256sum -c assume-deploy-role.cjs.sha256',
      'node dist/cli/index.js',
      'uses: assume-deploy-role/assume-deploy-role/rotate@v1',
    ])
      expect(doc).toContain(phrase);
    expect(doc.indexOf('## On a schedule: the rotate action')).toBeGreaterThan(0);
    expect(doc.indexOf('## On a schedule: the rotate action')).toBeLessThan(doc.indexOf('## By hand: the command line'));
  });
});

interface Step {
  uses?: string;
  with?: Record<string, string | number>;
  id?: string;
}
interface Job {
  environment?: string;
  permissions?: Record<string, string>;
  steps: Step[];
}

describe('examples/rotate.yml', () => {
  const text = readFileSync('examples/rotate.yml', 'utf8');
  const wf = parse(text) as {
    on: { schedule?: Array<{ cron: string }> };
    permissions: Record<string, string>;
    concurrency: { group: string; 'cancel-in-progress': boolean };
    jobs: Record<string, Job>;
  };
  const job = Object.values(wf.jobs)[0] as Job;
  const index = (match: RegExp) => job.steps.findIndex((step) => match.test(step.uses ?? ''));

  test('weekly, one run at a time, never cut short', () => {
    expect(wf.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \* \* [0-6]$/);
    expect(wf.concurrency).toEqual({ group: 'key-rotation', 'cancel-in-progress': false });
  });

  test('keyless AWS: the rotator role through the OIDC token of the key-rotation environment, no AWS key anywhere', () => {
    expect(job.environment).toBe('key-rotation');
    expect(wf.permissions).toEqual({});
    expect(job.permissions).toEqual({ 'id-token': 'write' });
    const credentials = job.steps[index(/^assume-deploy-role\/assume-deploy-role@/)];
    expect(credentials?.with).toMatchObject({ 'role-to-assume': '${{ vars.AWS_ROTATOR_ROLE_ARN }}' });
    expect(Object.keys(credentials?.with ?? {})).not.toContain('aws-access-key-id');
    expect(text).not.toMatch(/secrets\.AWS_/);
    expect(index(/^assume-deploy-role\/assume-deploy-role@/)).toBeLessThan(index(/\/rotate@/));
  });

  test("the rotate step gets a token that may write secrets (never github.token), for the production environment's secrets", () => {
    const rotate = job.steps[index(/^assume-deploy-role\/assume-deploy-role\/rotate@/)];
    const app = job.steps[index(/^actions\/create-github-app-token@/)];
    expect(rotate?.with?.['github-token']).toBe(`\${{ steps.${app?.id}.outputs.token }}`);
    expect(app?.with).toMatchObject({
      'private-key': '${{ secrets.ROTATOR_APP_PRIVATE_KEY }}',
      'permission-secrets': 'write',
      'permission-environments': 'write',
    });
    expect(rotate?.with).toMatchObject({ environment: 'production', 'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}' });
    expect(text).not.toContain('github.token');
  });
});

describe('rotate/action.yml', () => {
  const action = parse(readFileSync('rotate/action.yml', 'utf8')) as {
    inputs: Record<string, { required?: boolean }>;
    outputs: Record<string, unknown>;
    runs: { main: string };
  };
  const ACTION_NAME: Record<string, string> = { repo: 'repository', region: 'aws-region' };

  test("its inputs mirror the rotate command's options, plus the token", () => {
    const rotateUsage = usageText
      .split('\n')
      .filter((line) => !/revoke|--version/.test(line))
      .join('\n');
    const flags = [...new Set(rotateUsage.match(/--[a-z-]+/g) ?? [])]
      .map((flag) => flag.slice(2))
      .filter((flag) => flag !== 'json' && flag !== 'help');
    expect(Object.keys(action.inputs).sort()).toEqual(['github-token', ...flags.map((flag) => ACTION_NAME[flag] ?? flag)].sort());
    expect(action.inputs['github-token']?.required).toBe(true);
  });

  test('its outputs name the step and the next one; it runs the rotate bundle', () => {
    expect(Object.keys(action.outputs)).toEqual(['outcome', 'step', 'next-step', 'result']);
    expect(action.runs.main).toBe('../dist/rotate/index.js');
  });
});
