/**
 * The two-stage pipelines (examples/sam-pipeline.yml with the user's key, examples/sam-pipeline-oidc.yml
 * keyless), read as GitHub reads them: the promises users copy them for. Build once, with no
 * credentials; deploy that build to test; then to production, only after test, behind the
 * production environment; each stage with its own environment, role and concurrency group;
 * the GITHUB_TOKEN reduced to what each job needs; never a pull request's code.
 * (Schema, `uses:` runtimes and the canonical name are checked for every example elsewhere.)
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  concurrency?: { group: string; 'cancel-in-progress'?: boolean };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const OUR_ACTION = /^assume-deploy-role\/assume-deploy-role@/;
const load = (file: string) => parse(readFileSync(file, 'utf8')) as Workflow;
const needsOf = (job: Job) => [job.needs ?? []].flat();
const envOf = (job: Job) => (typeof job.environment === 'object' ? job.environment.name : job.environment);
const ourStep = (job: Job) => job.steps.filter((s) => OUR_ACTION.test(s.uses ?? ''));
const samDeploys = (job: Job) => job.steps.filter((s) => /^sam deploy\b/.test(s.run ?? ''));
const indexOf = (job: Job, match: (s: Step) => boolean) => job.steps.findIndex(match);

describe.each([
  { file: 'examples/sam-pipeline.yml', keyless: false },
  { file: 'examples/sam-pipeline-oidc.yml', keyless: true },
])('$file', ({ file, keyless }) => {
  const wf = load(file);
  const { build, 'deploy-test': deployTest, 'deploy-prod': deployProd } = wf.jobs;

  test('three jobs: build, deploy-test, deploy-prod', () => {
    expect(Object.keys(wf.jobs)).toEqual(['build', 'deploy-test', 'deploy-prod']);
  });

  test('runs on pushes to main and by hand only, never on pull requests', () => {
    expect(Object.keys(wf.on).sort()).toEqual(['push', 'workflow_dispatch']);
    expect(wf.on.push).toEqual({ branches: ['main'] });
  });

  test('builds once, with no AWS credentials and no deployment environment, and hands the build on as an artifact', () => {
    expect(ourStep(build!)).toEqual([]);
    expect(build!.environment).toBeUndefined();
    expect(build!.permissions).toBeUndefined(); // the top level's: contents read only
    expect(build!.steps.filter((s) => s.run === 'sam build')).toHaveLength(1);
    const upload = build!.steps.find((s) => /^actions\/upload-artifact@/.test(s.uses ?? ''));
    expect(upload?.with).toMatchObject({ name: 'sam-build', 'if-no-files-found': 'error' });
    // Every other job deploys that artifact, never a build of its own.
    for (const job of [deployTest!, deployProd!]) {
      expect(job.steps.some((s) => /\bsam build\b/.test(s.run ?? ''))).toBe(false);
      const download = indexOf(job, (s) => /^actions\/download-artifact@/.test(s.uses ?? ''));
      expect(job.steps[download]?.with).toMatchObject({ name: 'sam-build' });
      expect(download).toBeGreaterThanOrEqual(0);
      expect(download).toBeLessThan(indexOf(job, (s) => /^sam deploy\b/.test(s.run ?? '')));
      expect(needsOf(job)).toContain('build');
    }
  });

  test('production deploys only after test succeeded, in the production environment; test in its own', () => {
    expect(needsOf(deployProd!)).toContain('deploy-test');
    expect(envOf(deployProd!)).toBe('production');
    expect(envOf(deployTest!)).toBe('test');
  });

  test("each stage assumes its role (its environment's variable) right before sam deploy, with its own samconfig section", () => {
    for (const [job, configEnv] of [
      [deployTest!, 'test'],
      [deployProd!, 'prod'],
    ] as const) {
      const [assume] = ourStep(job);
      expect(ourStep(job)).toHaveLength(1);
      expect(assume?.uses).toBe('assume-deploy-role/assume-deploy-role@v1');
      expect(assume?.with?.['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
      expect(assume?.with?.['aws-region']).toBe('${{ vars.AWS_REGION }}');
      // The action checks the samconfig environment sam deploy reads: the same one.
      expect(assume?.with?.['config-env']).toBe(configEnv);
      if (keyless) {
        expect(assume?.with).not.toHaveProperty('aws-access-key-id');
      } else {
        expect(assume?.with).toMatchObject({
          'aws-access-key-id': '${{ secrets.AWS_ACCESS_KEY_ID }}',
          'aws-secret-access-key': '${{ secrets.AWS_SECRET_ACCESS_KEY }}',
        });
      }
      const [deploy] = samDeploys(job);
      expect(samDeploys(job)).toHaveLength(1);
      expect(indexOf(job, (s) => s === assume)).toBeLessThan(indexOf(job, (s) => s === deploy));
      const flags = String(deploy?.run).split(/\s+/);
      expect(flags).toEqual(expect.arrayContaining(['--config-env', configEnv, '--no-confirm-changeset', '--no-fail-on-empty-changeset']));
      expect(flags[flags.indexOf('--config-env') + 1]).toBe(configEnv);
      // A guided samconfig has resolve_s3 = true, which sam deploy refuses beside --s3-bucket.
      expect(flags).not.toContain('--s3-bucket');
    }
  });

  test('one deployment per stage at a time, never cancelled half-way', () => {
    expect(deployTest!.concurrency).toEqual({ group: 'deploy-test', 'cancel-in-progress': false });
    expect(deployProd!.concurrency).toEqual({ group: 'deploy-production', 'cancel-in-progress': false });
  });

  test('the GITHUB_TOKEN: contents read; an OIDC token only for the deploy jobs, and only keyless', () => {
    expect(wf.permissions).toEqual({ contents: 'read' });
    for (const job of [deployTest!, deployProd!]) {
      expect(job.permissions).toEqual(keyless ? { contents: 'read', 'id-token': 'write' } : undefined);
    }
    for (const job of Object.values(wf.jobs)) {
      const checkout = job.steps.find((s) => /^actions\/checkout@/.test(s.uses ?? ''));
      expect(checkout?.with?.['persist-credentials']).toBe(false);
    }
  });

  test('stores no AWS key when keyless', () => {
    expect(/\$\{\{\s*secrets\./.test(readFileSync(file, 'utf8'))).toBe(!keyless);
  });
});

describe('one key per stage (docs/security.md)', () => {
  // The example's comments as one line of prose.
  const example = readFileSync('examples/sam-pipeline.yml', 'utf8')
    .split('\n')
    .map((line) => line.replace(/^\s*#\s?/, ''))
    .join(' ')
    .replace(/\s+/g, ' ');
  const guide = readFileSync('docs/deploy-template.md', 'utf8');
  const stages = guide.slice(guide.indexOf('## A second stage'), guide.indexOf('\n## ', guide.indexOf('## A second stage') + 1));

  test('the keys pipeline sets up one user per stage, each key in its own environment only, and says why', () => {
    expect(example).toContain('one iam/deploy-access.yml stack per stage, each with its own limited user');
    expect(example).toContain('each key in its own environment only');
    expect(example).toContain('A key stored in both would let any job in test assume the production role');
    expect(example).not.toContain("user's key in both");
  });

  test('the guide offers one user per stage first, as the default; the one-user shape carries its warning beside the promise', () => {
    const perStage = stages.indexOf('**A user per stage (the default).**');
    const oneUser = stages.indexOf('**One user for both stages');
    expect(perStage).toBeGreaterThan(0);
    expect(oneUser).toBeGreaterThan(perStage);
    // The warning sits in the one-user item itself, before its set-up steps.
    const oneUserItem = stages.slice(oneUser, stages.indexOf('1. In account A', oneUser));
    expect(oneUserItem).toContain('any job in the `test` environment can assume the production role');
    expect(oneUserItem).toContain('production is no longer behind its reviewers');
  });
});
