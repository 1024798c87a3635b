/**
 * The inputs taken over from aws-actions/configure-aws-credentials v6.2.3: each read with the
 * peer's meaning, or refused, before any call.
 */
import { describe, expect, test } from '@jest/globals';
import { parseActionInputs } from '../../src/assume-role/action-inputs.js';
import { isStsEndpoint } from '../../src/assume-role/peer-options.js';
import { RUN_TAG_KEYS, sessionTagRequest } from '../../src/assume-role/session-tags.js';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/deploy';
const KEYS = { 'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE', 'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const SESSION = {
  AWS_ACCESS_KEY_ID: 'ASIAIOSFODNN7EXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN+/=',
};

const parse = (inputs: Record<string, string>, env: Record<string, string> = {}) => {
  const all: Record<string, string> = { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE_ARN, ...inputs };
  return parseActionInputs((name) => all[name] ?? '', env);
};
const value = (inputs: Record<string, string>, env: Record<string, string> = {}) => {
  const parsed = parse(inputs, env);
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.value;
};
const problems = (inputs: Record<string, string>, env: Record<string, string> = {}) => {
  const parsed = parse(inputs, env);
  return parsed.ok ? [] : parsed.problems;
};

describe('role-chaining', () => {
  test("signs with the environment's credentials, session token included, in key mode", () => {
    expect(value({ 'role-chaining': 'TRUE' }, SESSION)).toMatchObject({
      mode: 'keys',
      credentialSource: 'environment',
      accessKeyId: SESSION.AWS_ACCESS_KEY_ID,
      secretAccessKey: SESSION.AWS_SECRET_ACCESS_KEY,
      sessionToken: SESSION.AWS_SESSION_TOKEN,
    });
  });

  test('with nothing in the environment is refused, never keyless mode', () => {
    expect(problems({ 'role-chaining': 'true' })).toEqual([
      expect.stringMatching(/^role-chaining: is true, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set/),
    ]);
  });

  test('with keys, a token file or unset-current-credentials is refused', () => {
    expect(problems({ 'role-chaining': 'true', 'aws-secret-access-key': KEYS['aws-secret-access-key'] }, SESSION)).toEqual([
      expect.stringMatching(
        /^role-chaining: is true and aws-access-key-id is empty, so the credentials already in this step's environment sign AssumeRole: remove aws-secret-access-key/,
      ),
    ]);
    expect(problems({ 'role-chaining': 'true', 'web-identity-token-file': 't.jwt' }, SESSION)).toEqual([
      expect.stringMatching(/^role-chaining: .*remove web-identity-token-file/),
    ]);
    expect(problems({ 'role-chaining': 'true', 'unset-current-credentials': 'true' }, SESSION)).toEqual([
      expect.stringMatching(/^unset-current-credentials: is true, but role-chaining/),
    ]);
  });

  test('with aws-access-key-id the given keys sign, as in the peer (which exports them first and chains from them)', () => {
    expect(value({ 'role-chaining': 'true', ...KEYS }, SESSION)).toMatchObject({
      mode: 'keys',
      credentialSource: 'inputs',
      accessKeyId: KEYS['aws-access-key-id'],
    });
  });

  test('an environment variable of the wrong shape is named, its value never', () => {
    const found = problems({ 'role-chaining': 'true' }, { ...SESSION, AWS_SECRET_ACCESS_KEY: 'not a key' });
    expect(found).toEqual([
      expect.stringContaining("AWS_SECRET_ACCESS_KEY in this step's environment is not shaped like an AWS credential"),
    ]);
  });

  test("longer than STS's one hour for chained sessions is refused before any call", () => {
    expect(problems({ 'role-chaining': 'true', 'role-duration-seconds': '7200' }, SESSION)).toEqual([
      expect.stringMatching(/^role-duration-seconds: must be at most 3600 with role-chaining/),
    ]);
    expect(parse({ 'role-chaining': 'true', 'role-duration-seconds': '3600' }, SESSION).ok).toBe(true);
  });

  test('role-chaining: yes is a boolean problem, and false leaves the mode to the keys', () => {
    expect(problems({ 'role-chaining': 'yes', ...KEYS })).toEqual(['role-chaining: must be true or false']);
    expect(value({ 'role-chaining': 'false' })).toMatchObject({ mode: 'keyless' });
  });
});

describe('aws-session-token', () => {
  test('lets temporary keys (ASIA…) sign, and is kept for the client', () => {
    const inputs = {
      'aws-access-key-id': SESSION.AWS_ACCESS_KEY_ID,
      'aws-secret-access-key': SESSION.AWS_SECRET_ACCESS_KEY,
      'aws-session-token': SESSION.AWS_SESSION_TOKEN,
    };
    expect(value(inputs)).toMatchObject({ mode: 'keys', credentialSource: 'inputs', sessionToken: SESSION.AWS_SESSION_TOKEN });
    expect(problems({ ...inputs, 'aws-session-token': '' })).toEqual([expect.stringMatching(/^aws-access-key-id: is a temporary key/)]);
  });

  test('without keys is refused (keyless mode would ignore it)', () => {
    expect(problems({ 'aws-session-token': SESSION.AWS_SESSION_TOKEN })).toEqual([
      expect.stringMatching(/^aws-session-token: is set but aws-access-key-id is empty/),
    ]);
  });
});

describe('session tagging', () => {
  test("role-skip-session-tagging: false tags (the peer's default), true does not, and contradictions are refused", () => {
    expect(value({ ...KEYS, 'role-skip-session-tagging': 'false' })).toMatchObject({ sessionTags: true });
    expect(value({ ...KEYS, 'role-skip-session-tagging': 'true' })).toMatchObject({ sessionTags: false });
    expect(value({ ...KEYS })).toMatchObject({ sessionTags: false });
    // The runner passes session-tags' default (false) with every run: it does not veto the peer's input.
    expect(value({ ...KEYS, 'role-skip-session-tagging': 'false', 'session-tags': 'false' })).toMatchObject({ sessionTags: true });
    expect(problems({ ...KEYS, 'role-skip-session-tagging': 'true', 'session-tags': 'true' })).toEqual([
      'role-skip-session-tagging: is true, which contradicts session-tags: true; keep one of the two',
    ]);
    expect(value({ 'role-skip-session-tagging': 'true' })).toMatchObject({ mode: 'keyless' });
  });

  test("custom-tags: strings, numbers and booleans become tags; the run's keys may not be overridden", () => {
    expect(value({ ...KEYS, 'session-tags': 'true', 'custom-tags': '{"Team":"payments","Tier":2,"Prod":true}' })).toMatchObject({
      customTags: [
        { Key: 'Team', Value: 'payments' },
        { Key: 'Tier', Value: '2' },
        { Key: 'Prod', Value: 'true' },
      ],
    });
    expect(problems({ ...KEYS, 'session-tags': 'true', 'custom-tags': '{"RunId":"1"}' })).toEqual([
      'custom-tags: RunId is a tag this action sets from the run; choose another key',
    ]);
    expect(problems({ ...KEYS, 'custom-tags': '{"Team":"payments"}' })).toEqual([
      expect.stringMatching(/^custom-tags: tags the session, which is off/),
    ]);
    expect(problems({ 'custom-tags': '{"Team":"payments"}' })).toEqual([expect.stringMatching(/^custom-tags: applies only with keys/)]);
  });

  test('a custom tag value on two lines is refused without printing it', () => {
    const found = problems({ ...KEYS, 'session-tags': 'true', 'custom-tags': '{"Team":"a\\n::error::b"}' });
    expect(found).toEqual([expect.stringMatching(/^custom-tags: the value of Team must be/)]);
    expect(found.join('')).not.toContain('::error::');
  });

  test('transitive-tag-keys: only keys the session carries', () => {
    expect(
      value({ ...KEYS, 'session-tags': 'true', 'custom-tags': '{"Team":"x"}', 'transitive-tag-keys': 'Repository\nTeam' }),
    ).toMatchObject({ transitiveTagKeys: ['Repository', 'Team'] });
    expect(problems({ ...KEYS, 'session-tags': 'true', 'transitive-tag-keys': 'Team' })).toEqual([
      expect.stringMatching(/^transitive-tag-keys: names keys that are not among/),
    ]);
  });

  test("the request carries the peer's v6.2.3 run tags, then custom-tags; transitive keys only of tags sent", () => {
    const run = {
      repository: 'o/r',
      workflow: 'Deploy',
      action: '__run',
      actor: 'octocat',
      sha: 'abc',
      ref: 'refs/heads/main',
      eventName: 'push',
      runId: '42',
      job: 'deploy',
      triggeringActor: 'octocat',
    };
    const request = sessionTagRequest(run, {
      sessionTags: true,
      customTags: [{ Key: 'Team', Value: 'x' }],
      transitiveTagKeys: ['Repository', 'BaseRef'],
    });
    expect(request.Tags?.map((tag) => tag.Key)).toEqual([
      'GitHub',
      'Repository',
      'Workflow',
      'Action',
      'Actor',
      'Commit',
      'Branch',
      'EventName',
      'RunId',
      'Job',
      'TriggeringActor',
      'Team',
    ]);
    expect(request.TransitiveTagKeys).toEqual(['Repository']);
    expect(RUN_TAG_KEYS).toEqual([
      'GitHub',
      'Repository',
      'Workflow',
      'Action',
      'Actor',
      'Commit',
      'Branch',
      'EventName',
      'BaseRef',
      'HeadRef',
      'RunId',
      'Job',
      'TriggeringActor',
    ]);
    expect(sessionTagRequest(run, { sessionTags: false, customTags: [], transitiveTagKeys: [] })).toEqual({});
  });
});

describe('the other switches', () => {
  test('disable-retry: true is one attempt, whatever retry-max-attempts says (the runner always passes its default)', () => {
    expect(value({ ...KEYS, 'disable-retry': 'true' })).toMatchObject({ retryMaxAttempts: 1 });
    expect(value({ 'disable-retry': 'true' })).toMatchObject({ retryMaxAttempts: 1 });
    expect(value({ ...KEYS, 'disable-retry': 'true', 'retry-max-attempts': '5' })).toMatchObject({ retryMaxAttempts: 1 });
  });

  test('special-characters-workaround: true is refused naming what to use; false is accepted', () => {
    expect(problems({ ...KEYS, 'special-characters-workaround': 'true' })).toEqual([
      expect.stringMatching(/^special-characters-workaround: is not supported.*use aws-profile/),
    ]);
    expect(parse({ ...KEYS, 'special-characters-workaround': 'false' }).ok).toBe(true);
  });

  test('force-skip-oidc: true needs keys, a token file or role chaining', () => {
    expect(problems({ 'force-skip-oidc': 'true' })).toEqual([
      expect.stringMatching(/^force-skip-oidc: is true, but no credentials other than GitHub's OIDC token/),
    ]);
    expect(value({ 'force-skip-oidc': 'true', 'web-identity-token-file': 'token.jwt' })).toMatchObject({
      mode: 'keyless',
      webIdentityTokenFile: 'token.jwt',
    });
    expect(parse({ 'force-skip-oidc': 'true', ...KEYS }).ok).toBe(true);
    expect(parse({ 'force-skip-oidc': 'true', 'role-chaining': 'true' }, SESSION).ok).toBe(true);
  });

  test('action-timeout-s: digits, 0 for none', () => {
    expect(value({ ...KEYS, 'action-timeout-s': '90' })).toMatchObject({ actionTimeoutSeconds: 90 });
    expect(value({ ...KEYS, 'action-timeout-s': '0' }).actionTimeoutSeconds).toBeUndefined();
    expect(problems({ ...KEYS, 'action-timeout-s': '1m' })).toEqual([expect.stringMatching(/^action-timeout-s: must be a whole number/)]);
  });

  test('use-existing-credentials and unset-current-credentials contradict each other', () => {
    expect(value({ ...KEYS, 'use-existing-credentials': 'true' })).toMatchObject({
      useExistingCredentials: true,
      unsetCurrentCredentials: false,
    });
    expect(problems({ ...KEYS, 'use-existing-credentials': 'true', 'unset-current-credentials': 'true' })).toEqual([
      expect.stringMatching(/^use-existing-credentials: is true, but unset-current-credentials/),
    ]);
  });

  test.each([
    ['https://sts.eu-west-1.amazonaws.com', true],
    ['https://sts.example.com:8443/base', true],
    ['http://127.0.0.1:4566', true],
    ['http://localhost:4566', true],
    ['http://sts.example.com', false],
    ['https://user:pass@sts.example.com', false],
    ['https://sts.example.com/?x=1', false],
    ['https://sts.example.com\n::error::x', false],
    ['sts.example.com', false],
  ])('sts-endpoint %j → %s', (url, ok) => {
    expect(isStsEndpoint(url)).toBe(ok);
    expect(problems({ ...KEYS, 'sts-endpoint': url }).length === 0).toBe(ok);
  });
});
