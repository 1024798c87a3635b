/** The key-age action's inputs: strict numbers, thresholds that make sense, the tracking issue's needs. */
import { describe, expect, test } from '@jest/globals';
import { parseKeyAgeInputs } from '../../src/key-age/key-age-inputs.js';
import { EXAMPLE_KEY_INPUTS as KEYS } from '../../test/support/fixtures.js';

const REPOSITORY = 'octo-org/serverless-app';

function parse(inputs: Record<string, string>, repository: string | undefined = REPOSITORY) {
  const all: Record<string, string> = { ...KEYS, ...inputs };
  return parseKeyAgeInputs((name) => all[name] ?? '', repository);
}

function problems(inputs: Record<string, string>, repository?: string): string[] {
  const parsed = parse(inputs, repository);
  return parsed.ok ? [] : parsed.problems;
}

describe('parseKeyAgeInputs', () => {
  test('defaults: 90 / 80 / 45 days, no tracking issue, 5 attempts', () => {
    const parsed = parse({});
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        accessKeyId: KEYS['aws-access-key-id'],
        region: 'eu-west-1',
        partition: 'aws',
        thresholds: { maxAgeDays: 90, warnAgeDays: 80, maxUnusedDays: 45 },
        trackingIssue: undefined,
        retryMaxAttempts: 5,
      },
    });
  });

  test('numbers are digits only, within range', () => {
    expect(problems({ 'max-age-days': '90.5' })).toEqual([expect.stringMatching(/^max-age-days: must be a whole number written in digits only/)]);
    expect(problems({ 'max-unused-days': '-1' })).toEqual([expect.stringMatching(/^max-unused-days: must be a whole number/)]);
    expect(problems({ 'max-age-days': '0', 'warn-age-days': '0' })).toContain('max-age-days: must be from 1 to 3650, got 0');
    expect(problems({ 'max-age-days': '1e2' })).toHaveLength(1);
  });

  test('the default warn-age-days follows a lowered max-age-days, 10 days before it', () => {
    expect(parse({ 'max-age-days': '30' })).toMatchObject({ ok: true, value: { thresholds: { maxAgeDays: 30, warnAgeDays: 20 } } });
    expect(parse({ 'max-age-days': '5' })).toMatchObject({ ok: true, value: { thresholds: { maxAgeDays: 5, warnAgeDays: 0 } } });
    expect(parse({ 'max-age-days': '365' })).toMatchObject({ ok: true, value: { thresholds: { maxAgeDays: 365, warnAgeDays: 80 } } });
  });

  test('a number of 400 digits is larger than the maximum, not Infinity', () => {
    expect(problems({ 'max-age-days': '9'.repeat(400) })).toEqual(['max-age-days: must be from 1 to 3650; the value given is larger']);
    expect(parse({ 'max-age-days': `${'0'.repeat(30)}30` })).toMatchObject({ ok: true, value: { thresholds: { maxAgeDays: 30 } } });
  });

  test('an explicit warn-age-days must be less than max-age-days', () => {
    expect(problems({ 'max-age-days': '60', 'warn-age-days': '60' })).toEqual([expect.stringMatching(/^warn-age-days: must be less than max-age-days \(60 is not less than 60\); leave it out/)]);
    expect(parse({ 'max-age-days': '60', 'warn-age-days': '50' })).toMatchObject({ ok: true, value: { thresholds: { maxAgeDays: 60, warnAgeDays: 50 } } });
  });

  test('tracking-issue is true or false only', () => {
    expect(problems({ 'tracking-issue': 'yes' })).toEqual(['tracking-issue: must be true or false']);
    expect(parse({ 'tracking-issue': 'FALSE', 'github-token': 'ghs_x' })).toMatchObject({ ok: true, value: { trackingIssue: undefined } });
  });

  test('tracking-issue true needs a token: an input problem before any call', () => {
    expect(problems({ 'tracking-issue': 'true' })).toEqual([expect.stringMatching(/^github-token: is empty, but tracking-issue is true; pass github-token: \$\{\{ github.token \}\} and give the job permissions: issues: write/)]);
  });

  test('tracking-issue true with a token names the repository to open the issue in', () => {
    expect(parse({ 'tracking-issue': 'True', 'github-token': ' ghs_token ' })).toMatchObject({
      ok: true,
      value: { trackingIssue: { token: 'ghs_token', repository: { owner: 'octo-org', repo: 'serverless-app' } } },
    });
    expect(problems({ 'tracking-issue': 'true', 'github-token': 'ghs_token' }, '')).toEqual([expect.stringMatching(/^tracking-issue: is true, but GITHUB_REPOSITORY/)]);
  });

  test('the key inputs are the root action\'s: every problem at once', () => {
    expect(problems({ 'aws-access-key-id': '', 'aws-region': 'Europe', 'max-age-days': 'x' })).toEqual([
      'aws-access-key-id: is required: is the secret set in this repository, and does this run get secrets? (runs for pull requests from forks do not)',
      expect.stringMatching(/^aws-region: must be an AWS region code/),
      expect.stringMatching(/^max-age-days: must be a whole number/),
    ]);
  });
});
