/** Keyless mode's inputs: chosen by an empty aws-access-key-id, checked before any call. */
import { describe, expect, test } from '@jest/globals';
import { DEFAULT_AUDIENCE, isKeyless, parseKeylessInputs } from '../../src/assume-role/keyless-inputs.js';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/deploy';
const BASE = { 'aws-region': 'eu-west-1', 'role-to-assume': ROLE_ARN };
const parse = (inputs: Record<string, string>) => {
  const all: Record<string, string> = { ...BASE, ...inputs };
  return parseKeylessInputs((name) => all[name] ?? '');
};
const problems = (inputs: Record<string, string>) => {
  const parsed = parse(inputs);
  return parsed.ok ? [] : parsed.problems;
};

describe('isKeyless', () => {
  test('exactly when aws-access-key-id is empty or white space', () => {
    expect(isKeyless(() => '')).toBe(true);
    expect(isKeyless(() => ' \n')).toBe(true);
    expect(isKeyless((name) => (name === 'aws-access-key-id' ? 'AKIAIOSFODNN7EXAMPLE' : ''))).toBe(false);
  });
});

describe('parseKeylessInputs', () => {
  test('a role ARN and a region are enough; the audience defaults to sts.amazonaws.com', () => {
    expect(parse({})).toEqual({
      ok: true,
      warnings: [],
      value: {
        region: 'eu-west-1',
        partition: 'aws',
        audience: DEFAULT_AUDIENCE,
        role: expect.objectContaining({ arn: ROLE_ARN, account: '111122223333', name: 'deploy' }),
        sessionName: undefined,
        durationSeconds: 3600,
        maskAccountId: false,
        outputCredentials: false,
        allowedAccountIds: [],
        inlineSessionPolicy: undefined,
        managedSessionPolicies: [],
        retryMaxAttempts: 5,
        awsProfile: undefined,
        overwriteAwsProfile: false,
        outputEnvCredentials: true,
        refreshCredentials: false,
        httpProxy: undefined,
        noProxy: undefined,
        unsetCurrentCredentials: false,
        useExistingCredentials: false,
        actionTimeoutSeconds: undefined,
        stsEndpoint: undefined,
        webIdentityTokenFile: undefined,
      },
    });
  });

  test('the shared options read as with keys', () => {
    const parsed = parse({
      audience: 'https://github.com/octo-org',
      'role-duration-seconds': '7200',
      'aws-region': 'us-gov-west-1',
      'role-to-assume': 'arn:aws-us-gov:iam::111122223333:role/ci/deploy',
    });
    expect(parsed.ok && parsed.value).toMatchObject({
      audience: 'https://github.com/octo-org',
      durationSeconds: 7200,
      partition: 'aws-us-gov',
      role: { path: '/ci/', name: 'deploy' },
    });
  });

  test.each([
    [
      'a secret without a key id',
      { 'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      'aws-secret-access-key: is set but aws-access-key-id is empty',
    ],
    ['a bare role name', { 'role-to-assume': 'deploy' }, 'role-to-assume: must be a role ARN'],
    ['an audience with spaces', { audience: 'sts amazonaws com' }, 'audience: must be 1 to 256 characters'],
    ['an audience with a quote', { audience: 'sts"' }, 'audience: must be 1 to 256 characters'],
    ['an external id', { 'role-external-id': 'external-1234' }, 'role-external-id: applies only with keys'],
    ['session tags', { 'session-tags': 'TRUE' }, 'session-tags: applies only with keys'],
    ['a source identity', { 'source-identity': 'octocat' }, 'source-identity: applies only with keys'],
    [
      'a role in another partition than the region',
      { 'aws-region': 'cn-north-1' },
      'role-to-assume: is in partition aws, but aws-region cn-north-1 is in partition aws-cn',
    ],
    [
      'a role outside allowed-account-ids',
      { 'allowed-account-ids': '999988887777' },
      'role-to-assume: is in an account that allowed-account-ids does not list',
    ],
  ])('%s is a problem, found before any call', (_case, inputs, problem) => {
    expect(problems(inputs).some((line) => line.startsWith(problem))).toBe(true);
  });

  test('session-tags: false is accepted, as it changes nothing', () => {
    expect(parse({ 'session-tags': 'false' }).ok).toBe(true);
  });

  test('every problem at once', () => {
    expect(problems({ 'role-to-assume': 'deploy', audience: 'a b', 'aws-region': 'Europe' })).toHaveLength(3);
  });
});
