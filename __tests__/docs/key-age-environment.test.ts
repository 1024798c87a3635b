/**
 * The scheduled key-age check never waits for a reviewer and holds no key: production is
 * protected by required reviewers (docs/security.md), so a daily job in it would wait for an
 * approval every day, and a copy of the key elsewhere is one a rotation (which writes one place)
 * leaves behind. The example and this repository's own workflow run in the environment `key-age`,
 * with no secret: the root action assumes the template's key-age watcher role keyless, then the
 * key-age action reads with that session and names the user.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CloudFormationTemplate, TemplateRenderer } from '../../test/support/cloudformation.js';

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  environment?: string | { name: string };
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const load = (file: string) => parse(readFileSync(file, 'utf8')) as Workflow;
const envOf = (job: Job) => (typeof job.environment === 'object' ? job.environment.name : job.environment);
/** Every environment a deploying example runs in: those are the ones with reviewers. */
const deployEnvironments = [
  'examples/sam-deploy.yml',
  'examples/sam-pipeline.yml',
  'examples/sam-deploy-oidc.yml',
  'examples/sam-pipeline-oidc.yml',
]
  .flatMap((file) => Object.values(load(file).jobs).map(envOf))
  .filter((name): name is string => name !== undefined);

const ROOT_ACTION = /^(assume-deploy-role\/assume-deploy-role@|\.\/?$)/;
const KEY_AGE_ACTION = /^(assume-deploy-role\/assume-deploy-role\/key-age@|\.\/key-age$)/;

describe.each(['examples/key-age.yml', '.github/workflows/key-age.yml'])('%s', (file) => {
  const wf = load(file);
  const text = readFileSync(file, 'utf8');

  test('is scheduled, and its job runs in the environment key-age, never in one a deployment uses', () => {
    expect(wf.on.schedule).toBeDefined();
    expect(deployEnvironments).toEqual(expect.arrayContaining(['production']));
    for (const job of Object.values(wf.jobs)) {
      expect(envOf(job)).toBe('key-age');
      expect(deployEnvironments).not.toContain(envOf(job));
    }
  });

  test('its token may read the repository, get the OIDC token and write the tracking issue, nothing else', () => {
    expect(wf.permissions).toEqual({ contents: 'read', 'id-token': 'write', issues: 'write' });
    for (const job of Object.values(wf.jobs)) expect(job.permissions).toBeUndefined();
  });

  test('reads no secret at all: key-age holds none', () => {
    expect(text).not.toMatch(/secrets\./);
  });

  test('assumes the watcher role keyless, then checks the user by name with that session and no key', () => {
    const steps = Object.values(wf.jobs).flatMap((job) => job.steps);
    const root = steps.findIndex((step) => ROOT_ACTION.test(step.uses ?? ''));
    const keyAge = steps.findIndex((step) => KEY_AGE_ACTION.test(step.uses ?? ''));
    expect(root).toBeGreaterThanOrEqual(0);
    expect(keyAge).toBeGreaterThan(root);
    expect(steps[root]!.with).toMatchObject({ 'role-to-assume': '${{ vars.AWS_KEY_AGE_ROLE_ARN }}' });
    expect(Object.keys(steps[root]!.with ?? {}).filter((name) => name.startsWith('aws-access') || name.startsWith('aws-secret'))).toEqual(
      [],
    );
    expect(steps[keyAge]!.with).toMatchObject({ 'user-name': 'sam-cli-user' });
    expect(Object.keys(steps[keyAge]!.with ?? {}).filter((name) => name.startsWith('aws-access') || name.startsWith('aws-secret'))).toEqual(
      [],
    );
  });
});

test("the template's watcher role trusts exactly the environment these jobs run in, and its output names the variable they read", () => {
  const cfn = new CloudFormationTemplate(readFileSync('iam/deploy-access.yml', 'utf8'));
  const r = new TemplateRenderer(cfn, { KeyAgeWatcherRepository: 'octo-org/app' }, { account: '111122223333', region: 'eu-west-1' });
  const trust = r.policies().trust.find((p) => p.attachedTo.includes('KeyAgeWatcherRole'))!;
  expect(JSON.stringify(trust.statements)).toContain('"repo:octo-org/app:environment:key-age"');
  expect(String((cfn.outputs.KeyAgeWatcherRoleArn as { Description: string }).Description)).toContain('AWS_KEY_AGE_ROLE_ARN');
});

test('the guide sets key-age up without reviewers or secrets, limited to the default branch, and says what it can do', () => {
  const guide = readFileSync('docs/key-age.md', 'utf8').replace(/\s+/g, ' ');
  expect(guide).toContain('New environment `key-age`: **no required reviewers**');
  expect(guide).toContain('"Selected branches" with only your default branch');
  expect(guide).toContain('which holds **no secret**');
  expect(guide).toContain('It cannot deploy, assume the deploy role, or touch a key. The key itself stays in `production` only');
  // No instruction anywhere to store a copy of the key in key-age.
  for (const doc of [
    'docs/key-age.md',
    'docs/security.md',
    'docs/rotation.md',
    'docs/migrate-to-oidc.md',
    'docs/troubleshooting.md',
    'README.md',
    'examples/key-age.yml',
  ]) {
    expect([
      doc,
      /--env "?\$?\{?(env|key-age)\b[^\n]*AWS_(ACCESS|SECRET)|gh secret [a-z]+ --env key-age/.test(readFileSync(doc, 'utf8')),
    ]).toEqual([doc, false]);
  }
});
