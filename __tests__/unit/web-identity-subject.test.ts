/** The sub this run needs, read from the token's own sub and claims, and the near misses to compare. */
import { describe, expect, test } from '@jest/globals';
import type { WebIdentityClaims } from '../../src/assume-role/web-identity-claims.js';
import { subjectForm, subjectNearMisses } from '../../src/assume-role/web-identity-subject.js';

const base: WebIdentityClaims = {
  issuer: 'https://token.actions.githubusercontent.com',
  audiences: ['sts.amazonaws.com'],
  subject: 'repo:octo-org/serverless-app:ref:refs/heads/main',
  repository: 'octo-org/serverless-app',
  ref: 'refs/heads/main',
  expiresAt: 1764600300,
};
const claims = (change: Partial<WebIdentityClaims>): WebIdentityClaims => ({ ...base, ...change });

describe('subjectForm', () => {
  test('a push to a branch', () => {
    expect(subjectForm(base)).toEqual({ kind: 'branch', repository: 'octo-org/serverless-app', branch: 'main' });
  });

  test('a job with an environment, which names the environment instead of the branch', () => {
    expect(subjectForm(claims({ subject: 'repo:octo-org/serverless-app:environment:production', environment: 'production' }))).toEqual({
      kind: 'environment',
      repository: 'octo-org/serverless-app',
      environment: 'production',
      branch: 'main',
    });
  });

  test('a pull request', () => {
    expect(subjectForm(claims({ subject: 'repo:octo-org/serverless-app:pull_request', ref: 'refs/pull/7/merge' }))).toEqual({
      kind: 'pull-request',
      repository: 'octo-org/serverless-app',
    });
  });

  test('a tag', () => {
    expect(subjectForm(claims({ subject: 'repo:octo-org/serverless-app:ref:refs/tags/v1.2.0', ref: 'refs/tags/v1.2.0' }))).toEqual({
      kind: 'tag',
      repository: 'octo-org/serverless-app',
      tag: 'v1.2.0',
    });
  });

  test('the repository claim decides where the repository ends, so a colon-free default sub without it still reads', () => {
    expect(subjectForm(claims({ repository: undefined, ref: undefined }))).toEqual({
      kind: 'branch',
      repository: 'octo-org/serverless-app',
      branch: 'main',
    });
  });

  test("GitHub's immutable form (OWNER@ID/REPO@ID) is a default sub, its repository written with the ids", () => {
    const subject = 'repo:octo-org@72180100/serverless-app@5928741:environment:production';
    expect(subjectForm(claims({ subject, environment: 'production' }))).toEqual({
      kind: 'environment',
      repository: 'octo-org@72180100/serverless-app@5928741',
      environment: 'production',
      branch: 'main',
    });
    expect(
      subjectForm(claims({ subject: 'repo:octo-org@72180100/serverless-app@5928741:ref:refs/heads/main', repository: undefined })),
    ).toEqual({ kind: 'branch', repository: 'octo-org@72180100/serverless-app@5928741', branch: 'main' });
    // Ids in front of another repository's names are not this token's repository.
    expect(subjectForm(claims({ subject: 'repo:other@1/serverless-app@2:ref:refs/heads/main' }))).toEqual({ kind: 'custom' });
  });

  test.each([
    ['a template with immutable ids', 'repository_owner_id:72180100:repository_id:5928741:environment:production'],
    [
      'a template that adds job_workflow_ref',
      'repo:octo-org/serverless-app:environment:production:job_workflow_ref:octo-org/serverless-app/.github/workflows/deploy.yml@refs/heads/main',
    ],
    ["a sub whose ref is not the token's ref", 'repo:octo-org/serverless-app:ref:refs/heads/other'],
  ])('%s is a customised sub', (_case, subject) => {
    expect(subjectForm(claims({ subject, environment: subject.includes('environment') ? 'production' : undefined }))).toEqual({
      kind: 'custom',
    });
  });
});

describe('subjectNearMisses', () => {
  test('an environment job: a condition on its branch does not match it', () => {
    const note = subjectNearMisses({
      kind: 'environment',
      repository: 'octo-org/serverless-app',
      environment: 'production',
      branch: 'main',
    });
    expect(note).toContain('environment "production"');
    expect(note).toContain('repo:octo-org/serverless-app:ref:refs/heads/main');
    expect(note).toContain('case-sensitively');
  });

  test('a branch job: a condition on an environment does not match it', () => {
    expect(subjectNearMisses({ kind: 'branch', repository: 'o/r', branch: 'main' })).toContain('repo:o/r:environment:NAME');
  });

  test('a pull request: its sub names no branch', () => {
    expect(subjectNearMisses({ kind: 'pull-request', repository: 'o/r' })).toContain('repo:o/r:pull_request whatever their branch');
  });

  test('a customised template: the default form never matches', () => {
    expect(subjectNearMisses({ kind: 'custom' })).toContain('customised sub template');
  });
});
