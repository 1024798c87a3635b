import { describe, expect, test } from '@jest/globals';
import { runContextFromEnv } from '../../src/shared/run-context.js';
import { sessionNameForRun } from '../../src/assume-role/session-name.js';
import { sessionTagsForRun } from '../../src/assume-role/session-tags.js';

const NOW = new Date('2026-11-24T10:00:00Z');
const STS_SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

describe('sessionNameForRun', () => {
  test('puts the run id and attempt first, then the repository', () => {
    expect(sessionNameForRun({ runId: '12345678901', runAttempt: '2', repository: 'octo-org/deploy-app' }, NOW)).toBe(
      'gha-12345678901-2@octo-org.deploy-app',
    );
  });

  test('cuts a long repository name, never the run id or attempt, at 64 characters', () => {
    const name = sessionNameForRun(
      { runId: '98765432109', runAttempt: '13', repository: `an-organisation-with-a-long-name/${'r'.repeat(100)}` },
      NOW,
    );
    expect(name).toHaveLength(64);
    expect(name.startsWith('gha-98765432109-13@an-organisation-with-a-long-name.')).toBe(true);
    expect(name).toMatch(STS_SESSION_NAME);
  });

  test.each(['owner/repo with spaces', 'ünïcødé/répo', 'owner/repo\nnext-line', 'owner/😀', 'owner/a:b;c|d'])(
    'maps the odd repository name %j to the STS alphabet',
    (repository) => {
      expect(sessionNameForRun({ runId: '1', runAttempt: '1', repository }, NOW)).toMatch(STS_SESSION_NAME);
    },
  );

  test('works outside a workflow run', () => {
    expect(sessionNameForRun({}, NOW)).toBe('local-1795514400');
  });

  test("reads the run from the runner's variables, ignoring empty ones", () => {
    const run = runContextFromEnv({ GITHUB_RUN_ID: '42', GITHUB_RUN_ATTEMPT: '', GITHUB_REPOSITORY: 'o/r' });
    expect(sessionNameForRun(run, NOW)).toBe('gha-42-1@o.r');
  });
});

describe('sessionTagsForRun', () => {
  test("uses configure-aws-credentials' tag keys and keeps values within STS's alphabet", () => {
    const tags = sessionTagsForRun({
      repository: 'o/r',
      workflow: 'Deploy (prod) #1',
      actor: 'octocat',
      sha: 'abc123',
      ref: 'refs/heads/main',
      action: '__run',
    });
    expect(tags).toEqual([
      { Key: 'GitHub', Value: 'Actions' },
      { Key: 'Repository', Value: 'o/r' },
      { Key: 'Workflow', Value: 'Deploy _prod_ _1' },
      { Key: 'Action', Value: '__run' },
      { Key: 'Actor', Value: 'octocat' },
      { Key: 'Commit', Value: 'abc123' },
      { Key: 'Branch', Value: 'refs/heads/main' },
    ]);
  });

  test('leaves out what the run does not know and caps values at 256 characters', () => {
    const tags = sessionTagsForRun({ workflow: 'w'.repeat(300) });
    expect(tags.map((tag) => tag.Key)).toEqual(['GitHub', 'Workflow']);
    expect(tags[1]?.Value).toHaveLength(256);
  });
});
