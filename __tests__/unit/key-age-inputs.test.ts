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
    expect(problems({ 'max-age-days': '90.5' })).toEqual([
      expect.stringMatching(/^max-age-days: must be a whole number written in digits only/),
    ]);
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
    expect(problems({ 'max-age-days': '60', 'warn-age-days': '60' })).toEqual([
      expect.stringMatching(/^warn-age-days: must be less than max-age-days \(60 is not less than 60\); leave it out/),
    ]);
    expect(parse({ 'max-age-days': '60', 'warn-age-days': '50' })).toMatchObject({
      ok: true,
      value: { thresholds: { maxAgeDays: 60, warnAgeDays: 50 } },
    });
  });

  test('tracking-issue is true or false only', () => {
    expect(problems({ 'tracking-issue': 'yes' })).toEqual(['tracking-issue: must be true or false']);
    expect(parse({ 'tracking-issue': 'FALSE', 'github-token': 'ghs_x' })).toMatchObject({ ok: true, value: { trackingIssue: undefined } });
  });

  test('tracking-issue true needs a token: an input problem before any call', () => {
    expect(problems({ 'tracking-issue': 'true' })).toEqual([
      expect.stringMatching(
        /^github-token: is empty, but tracking-issue is true; pass github-token: \$\{\{ github.token \}\} and give the job permissions: issues: write/,
      ),
    ]);
  });

  test('tracking-issue true with a token names the repository to open the issue in', () => {
    expect(parse({ 'tracking-issue': 'True', 'github-token': ' ghs_token ' })).toMatchObject({
      ok: true,
      value: { trackingIssue: { token: 'ghs_token', repository: { owner: 'octo-org', repo: 'serverless-app' } } },
    });
    expect(problems({ 'tracking-issue': 'true', 'github-token': 'ghs_token' }, '')).toEqual([
      expect.stringMatching(/^tracking-issue: is true, but GITHUB_REPOSITORY/),
    ]);
  });

  test("the key inputs are the root action's: every problem at once", () => {
    expect(problems({ 'aws-access-key-id': '', 'aws-region': 'Europe', 'max-age-days': 'x' })).toEqual([
      'aws-access-key-id: is required: is the secret set in this repository, and does this run get secrets? (runs for pull requests from forks do not)',
      expect.stringMatching(/^aws-region: must be an AWS region code/),
      expect.stringMatching(/^max-age-days: must be a whole number/),
    ]);
  });
});

describe('parseKeyAgeInputs: credentials an earlier step exported (user-name, no key)', () => {
  const SESSION = {
    AWS_ACCESS_KEY_ID: 'ASIAWATCHERSESSION01',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYWATCHERKEY',
    AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN0000',
  };
  const keyless = (inputs: Record<string, string>, env: Record<string, string> = SESSION) => {
    const all: Record<string, string> = { 'aws-region': 'eu-west-1', ...inputs };
    return parseKeyAgeInputs((name) => all[name] ?? '', REPOSITORY, env);
  };
  const problemsOf = (parsed: ReturnType<typeof keyless>) => (parsed.ok ? [] : parsed.problems);

  test("the environment's role session signs, and user-name is the user whose keys are read", () => {
    expect(keyless({ 'user-name': 'sam-cli-user' })).toMatchObject({
      ok: true,
      value: {
        accessKeyId: SESSION.AWS_ACCESS_KEY_ID,
        secretAccessKey: SESSION.AWS_SECRET_ACCESS_KEY,
        sessionToken: SESSION.AWS_SESSION_TOKEN,
        userName: 'sam-cli-user',
        region: 'eu-west-1',
        partition: 'aws',
      },
    });
  });

  test("user-name is required when an earlier step's credentials would sign; an empty key without them keeps today's error", () => {
    expect(problemsOf(keyless({}))).toEqual([
      expect.stringMatching(/^user-name: is empty and this step's environment holds credentials an earlier step exported/),
    ]);
    expect(problemsOf(keyless({}, {}))).toEqual([
      expect.stringMatching(/^aws-access-key-id: is required/),
      expect.stringMatching(/^aws-secret-access-key: is required/),
    ]);
  });

  test("user-name is checked against IAM's user-name alphabet before any call", () => {
    for (const bad of ['arn:aws:iam::111122223333:user/sam-cli-user', 'ci/sam-cli-user', 'sam cli', 'a'.repeat(65), 'x\n::error::y']) {
      expect([bad, problemsOf(keyless({ 'user-name': bad }))]).toEqual([
        bad,
        [expect.stringMatching(/^user-name: must be an IAM user name/)],
      ]);
    }
    expect(keyless({ 'user-name': 'deploy+ci=1,a.b@c_d-e' }).ok).toBe(true);
  });

  test('user-name with a key, a secret without a key id, and missing or misshapen environment credentials are refused', () => {
    expect(problems({ 'user-name': 'sam-cli-user' })).toEqual([
      expect.stringMatching(/^user-name: is set together with aws-access-key-id/),
    ]);
    expect(problemsOf(keyless({ 'user-name': 'sam-cli-user', 'aws-secret-access-key': SESSION.AWS_SECRET_ACCESS_KEY }))).toEqual([
      expect.stringMatching(/^aws-secret-access-key: is set but aws-access-key-id is empty/),
    ]);
    expect(problemsOf(keyless({ 'user-name': 'sam-cli-user' }, {}))).toEqual([
      expect.stringMatching(
        /^user-name: is set and aws-access-key-id is empty, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set/,
      ),
    ]);
    expect(problemsOf(keyless({ 'user-name': 'sam-cli-user' }, { ...SESSION, AWS_SESSION_TOKEN: 'not a token' }))).toEqual([
      "user-name: is set and aws-access-key-id is empty, but AWS_SESSION_TOKEN in this step's environment is not shaped like an AWS credential; assume the key-age watcher role in an earlier step of this job",
    ]);
  });
});
