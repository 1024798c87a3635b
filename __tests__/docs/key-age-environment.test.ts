/**
 * The scheduled key-age check never waits for a reviewer: production is protected by required
 * reviewers (docs/security.md), so a daily job in it would wait for an approval every day. The
 * example and this repository's own workflow run in the environment `key-age` instead, which the
 * guide sets up without reviewers and limited to the default branch.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

interface Job { environment?: string | { name: string }; permissions?: Record<string, string> }
interface Workflow { on: Record<string, unknown>; permissions?: Record<string, string>; jobs: Record<string, Job> }

const load = (file: string) => parse(readFileSync(file, 'utf8')) as Workflow;
const envOf = (job: Job) => (typeof job.environment === 'object' ? job.environment.name : job.environment);
/** Every environment a deploying example runs in: those are the ones with reviewers. */
const deployEnvironments = ['examples/sam-deploy.yml', 'examples/sam-pipeline.yml', 'examples/sam-deploy-oidc.yml', 'examples/sam-pipeline-oidc.yml']
  .flatMap((file) => Object.values(load(file).jobs).map(envOf))
  .filter((name): name is string => name !== undefined);

describe.each(['examples/key-age.yml', '.github/workflows/key-age.yml'])('%s', (file) => {
  const wf = load(file);

  test('is scheduled, and its job runs in the environment key-age, never in one a deployment uses', () => {
    expect(wf.on.schedule).toBeDefined();
    expect(deployEnvironments).toEqual(expect.arrayContaining(['production']));
    for (const job of Object.values(wf.jobs)) {
      expect(envOf(job)).toBe('key-age');
      expect(deployEnvironments).not.toContain(envOf(job));
    }
  });

  test('its token may read the repository and write the tracking issue, nothing else', () => {
    expect(wf.permissions).toEqual({ contents: 'read', issues: 'write' });
    for (const job of Object.values(wf.jobs)) expect(job.permissions).toBeUndefined();
  });
});

test('the guide sets key-age up without reviewers, limited to the default branch, and says what its copy of the key can do', () => {
  const guide = readFileSync('docs/key-age.md', 'utf8').replace(/\s+/g, ' ');
  expect(guide).toContain('New environment `key-age`: **no required reviewers**');
  expect(guide).toContain('"Selected branches" with only your default branch');
  expect(guide).toContain('Any workflow **on the default branch** that names `environment: key-age` can therefore deploy without production\'s reviewers');
});
