import { describe, expect, test } from '@jest/globals';
import { parseRootInputs } from '../../src/assume-role/role-inputs.js';
import { EXAMPLE_KEY } from '../../test/support/fixtures.js';

const SECRET = EXAMPLE_KEY.secretAccessKey;
const VALID = {
  'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE',
  'aws-secret-access-key': SECRET,
  'aws-region': 'eu-west-1',
  'role-to-assume': 'arn:aws:iam::111122223333:role/deploy',
};

function parse(inputs: Record<string, string>) {
  return parseRootInputs((name) => inputs[name] ?? '');
}

function problemsOf(inputs: Record<string, string>): string[] {
  const parsed = parse({ ...VALID, ...inputs });
  return parsed.ok ? [] : parsed.problems;
}

describe('parseRootInputs', () => {
  test('applies the documented defaults', () => {
    const parsed = parse(VALID);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value).toMatchObject({
      durationSeconds: 3600,
      maskAccountId: false,
      outputCredentials: false,
      retryMaxAttempts: 5,
      sessionTags: false,
      allowedAccountIds: [],
      managedSessionPolicies: [],
      partition: 'aws',
      role: { kind: 'arn', role: { account: '111122223333', name: 'deploy', path: '/' } },
    });
    expect(parsed.value.sessionName).toBeUndefined();
  });

  test('removes white space around pasted keys with a warning that does not show the value', () => {
    const parsed = parse({ ...VALID, 'aws-secret-access-key': ` ${SECRET}\n`, 'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE\r\n' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.secretAccessKey).toBe(SECRET);
    expect(parsed.value.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(parsed.warnings).toHaveLength(2);
    expect(parsed.warnings.join('\n')).not.toContain(SECRET);
    expect(parsed.warnings.join('\n')).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  test('reports every invalid input at once, naming each input and its rule', () => {
    const problems = problemsOf({ 'aws-region': 'Europe', 'role-duration-seconds': '1h', 'mask-aws-account-id': 'yes' });
    expect(problems).toEqual([
      'aws-region: must be an AWS region code such as us-east-1 or eu-west-2',
      'role-duration-seconds: must be a whole number written in digits only, from 900 to 43200',
      'mask-aws-account-id: must be true or false',
    ]);
  });

  test('never puts a secret value into a problem', () => {
    const problems = problemsOf({ 'aws-secret-access-key': `${SECRET.slice(0, 20)} ${SECRET.slice(20)}` });
    expect(problems).toEqual(['aws-secret-access-key: contains white space inside the value; copy the key again as one piece']);
  });

  test.each([
    ['missing', { 'aws-access-key-id': '' }, 'aws-access-key-id: is required'],
    ['a temporary key', { 'aws-access-key-id': 'ASIAIOSFODNN7EXAMPLE' }, 'aws-access-key-id: is a temporary key'],
    [
      'the secret given as the key id',
      { 'aws-access-key-id': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
      'aws-access-key-id: looks like a secret access key, not a key id: are the two secrets swapped?',
    ],
    ['lower case', { 'aws-access-key-id': 'akiaiosfodnn7example' }, 'aws-access-key-id: must be an AWS access key id'],
    [
      'a secret with odd characters',
      { 'aws-secret-access-key': 'not-a-secret-key-at-all!' },
      'aws-secret-access-key: must be an AWS secret access key',
    ],
    ['no region', { 'aws-region': '' }, 'aws-region: is required'],
  ])('rejects keys and region: %s', (_label, inputs, expected) => {
    expect(problemsOf(inputs).join('\n')).toContain(expected);
  });

  test.each([
    ['arn:aws:iam::111122223333:role/deploy', 'aws', '/', 'deploy'],
    ['arn:aws:iam::111122223333:role/service-role/ci/deploy-prod', 'aws', '/service-role/ci/', 'deploy-prod'],
    ['arn:aws-cn:iam::111122223333:role/deploy', 'aws-cn', '/', 'deploy'],
    ['arn:aws-us-gov:iam::111122223333:role/a+b=c,d.e@f_g-h', 'aws-us-gov', '/', 'a+b=c,d.e@f_g-h'],
  ])('accepts the role ARN %s', (arn, partition, path, name) => {
    const region = { aws: 'us-east-1', 'aws-cn': 'cn-north-1', 'aws-us-gov': 'us-gov-west-1' }[partition] ?? '';
    const parsed = parse({ ...VALID, 'role-to-assume': arn, 'aws-region': region });
    expect(parsed.ok && parsed.value.role).toEqual({ kind: 'arn', role: { arn, partition, account: '111122223333', path, name } });
  });

  test.each([
    'arn:aws:iam::1111:role/deploy',
    'arn:aws:iam::111122223333:user/deploy',
    'arn:aws:sts::111122223333:role/deploy',
    'arn:aws:iam::111122223333:role/',
    'arn:azure:iam::111122223333:role/deploy',
    `arn:aws:iam::111122223333:role/${'x'.repeat(65)}`,
    'arn:aws:iam::111122223333:role/has space',
  ])('rejects the role ARN %s', (arn) => {
    expect(problemsOf({ 'role-to-assume': arn }).join('\n')).toContain('role-to-assume: must be');
  });

  test("accepts a bare role name, with or without a path, for the keys' own account", () => {
    expect(parse({ ...VALID, 'role-to-assume': 'deploy' }).ok && parse({ ...VALID, 'role-to-assume': 'deploy' })).toMatchObject({
      value: { role: { kind: 'name', path: '/', name: 'deploy' } },
    });
    expect(parse({ ...VALID, 'role-to-assume': 'ci/deploy' })).toMatchObject({
      value: { role: { kind: 'name', path: '/ci/', name: 'deploy' } },
    });
  });

  test('rejects a role whose partition does not match the region', () => {
    expect(problemsOf({ 'role-to-assume': 'arn:aws-cn:iam::111122223333:role/deploy' })).toEqual([
      'role-to-assume: is in partition aws-cn, but aws-region eu-west-1 is in partition aws',
    ]);
  });

  test('checks allowed-account-ids against the role ARN before any call', () => {
    expect(problemsOf({ 'allowed-account-ids': '444455556666, 777788889999' })).toEqual([
      'role-to-assume: is in an account that allowed-account-ids does not list',
    ]);
    expect(problemsOf({ 'allowed-account-ids': '444455556666,111122223333' })).toEqual([]);
    expect(problemsOf({ 'allowed-account-ids': '1234' })).toContain(
      'allowed-account-ids: must be 12-digit AWS account ids separated by commas',
    );
  });

  test.each([
    ['899', 'role-duration-seconds: must be from 900 to 43200, got 899'],
    ['43201', 'role-duration-seconds: must be from 900 to 43200, got 43201'],
    ['-1', 'role-duration-seconds: must be a whole number written in digits only, from 900 to 43200'],
    ['3600.5', 'role-duration-seconds: must be a whole number written in digits only, from 900 to 43200'],
    ['0x100', 'role-duration-seconds: must be a whole number written in digits only, from 900 to 43200'],
  ])('rejects role-duration-seconds %s', (value, expected) => {
    expect(problemsOf({ 'role-duration-seconds': value })).toEqual([expected]);
  });

  test('reads booleans as true or false in any case, and nothing else', () => {
    expect(parse({ ...VALID, 'output-credentials': 'TRUE', 'mask-aws-account-id': 'False' })).toMatchObject({
      value: { outputCredentials: true, maskAccountId: false },
    });
    for (const value of ['yes', '1', 'on', 'y'])
      expect(problemsOf({ 'session-tags': value })).toEqual(['session-tags: must be true or false']);
  });

  test('checks the session name, external id and source identity alphabets', () => {
    expect(problemsOf({ 'role-session-name': 'x' })).toHaveLength(1);
    expect(problemsOf({ 'role-session-name': 'deploy/prod' })).toHaveLength(1);
    expect(problemsOf({ 'role-session-name': 'a'.repeat(65) })).toHaveLength(1);
    expect(problemsOf({ 'role-session-name': 'ok_name+=,.@-1' })).toEqual([]);
    expect(problemsOf({ 'role-external-id': 'x' })).toHaveLength(1);
    expect(problemsOf({ 'role-external-id': 'urn:example:tenant/42' })).toEqual([]);
    expect(problemsOf({ 'source-identity': 'aws:me' })).toEqual([
      'source-identity: must be 2 to 64 characters from A-Z a-z 0-9 + = , . @ _ -',
    ]);
    expect(problemsOf({ 'source-identity': 'octocat' })).toEqual([]);
  });

  test('compacts the inline session policy and rejects what STS would', () => {
    const policy = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:*", "Resource": "*" }]\n}';
    expect(parse({ ...VALID, 'inline-session-policy': policy })).toMatchObject({
      value: { inlineSessionPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}' },
    });
    expect(problemsOf({ 'inline-session-policy': '{"Version": ' })).toEqual([
      'inline-session-policy: must be a JSON policy document; it does not parse as JSON',
    ]);
    expect(problemsOf({ 'inline-session-policy': '["s3:*"]' })).toHaveLength(1);
    expect(problemsOf({ 'inline-session-policy': JSON.stringify({ Statement: 'x'.repeat(2100) }) })).toHaveLength(1);
  });

  test('reads managed session policies one per line or comma-separated', () => {
    const arns =
      'arn:aws:iam::aws:policy/ReadOnlyAccess\narn:aws:iam::111122223333:policy/boundaries/deploy-only, arn:aws:iam::aws:policy/AWSCloudFormationFullAccess';
    expect(parse({ ...VALID, 'managed-session-policies': arns })).toMatchObject({
      value: {
        managedSessionPolicies: [
          'arn:aws:iam::aws:policy/ReadOnlyAccess',
          'arn:aws:iam::111122223333:policy/boundaries/deploy-only',
          'arn:aws:iam::aws:policy/AWSCloudFormationFullAccess',
        ],
      },
    });
    expect(problemsOf({ 'managed-session-policies': 'ReadOnlyAccess' })).toHaveLength(1);
    expect(problemsOf({ 'managed-session-policies': Array(11).fill('arn:aws:iam::aws:policy/ReadOnlyAccess').join('\n') })).toHaveLength(1);
  });

  test('bounds retry-max-attempts', () => {
    expect(problemsOf({ 'retry-max-attempts': '0' })).toHaveLength(1);
    expect(problemsOf({ 'retry-max-attempts': '21' })).toHaveLength(1);
    expect(parse({ ...VALID, 'retry-max-attempts': '1' })).toMatchObject({ value: { retryMaxAttempts: 1 } });
  });
});

describe('working-directory', () => {
  test('a relative folder is kept as given; empty means the workspace', () => {
    const given = parse({ ...VALID, 'working-directory': 'services/api' });
    expect(given.ok && given.value.workingDirectory).toBe('services/api');
    const none = parse(VALID);
    expect(none.ok && none.value.workingDirectory).toBeUndefined();
  });

  test.each([
    ['an absolute path', '/home/runner/work/app'],
    ['a Windows drive', 'C:\\app'],
    ['a way out of the workspace', 'app/../../etc'],
    ['a line break', 'app\n::error::x'],
  ])('%s is refused before any call', (_label, value) => {
    expect(problemsOf({ 'working-directory': value })).toEqual([
      'working-directory: must be a folder relative to the workspace, like app or services/api: no leading / or drive, no .. and no control characters',
    ]);
  });
});

describe('config-env', () => {
  test("a section name is kept as given; empty means SAM CLI's default", () => {
    const given = parse({ ...VALID, 'config-env': 'prod' });
    expect(given.ok && given.value.configEnv).toBe('prod');
    const none = parse(VALID);
    expect(none.ok && none.value.configEnv).toBeUndefined();
  });

  test.each([
    ['a space', 'prod env'],
    ['a dot, which would name a nested table', 'prod.deploy'],
    ['a line break', 'prod\n::error::x'],
    ['65 characters', 'p'.repeat(65)],
  ])('%s is refused before any call', (_label, value) => {
    expect(problemsOf({ 'config-env': value })).toEqual([
      'config-env: must be the name of a samconfig environment, as sam deploy --config-env takes it: 1 to 64 characters from A-Z a-z 0-9 _ -, like prod',
    ]);
  });
});
