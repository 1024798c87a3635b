/** The root action's mode comes from its inputs, never from the environment. */
import { describe, expect, test } from '@jest/globals';
import { parseActionInputs } from '../../src/assume-role/action-inputs.js';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/deploy';
const KEYS = { 'aws-access-key-id': 'AKIAIOSFODNN7EXAMPLE', 'aws-secret-access-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const read = (inputs: Record<string, string>) => (name: string) =>
  (({ 'aws-region': 'eu-west-1', 'role-to-assume': ROLE_ARN, ...inputs }) as Record<string, string>)[name] ?? '';

describe('parseActionInputs', () => {
  test('with aws-access-key-id: keys, as before', () => {
    const parsed = parseActionInputs(read(KEYS));
    expect(parsed.ok && parsed.value).toMatchObject({ mode: 'keys', accessKeyId: KEYS['aws-access-key-id'], role: { kind: 'arn' } });
  });

  test('without it: keyless', () => {
    const parsed = parseActionInputs(read({}));
    expect(parsed.ok && parsed.value).toMatchObject({ mode: 'keyless', audience: 'sts.amazonaws.com', role: { arn: ROLE_ARN } });
  });

  test('a key id without its secret stays in key mode and says so', () => {
    const parsed = parseActionInputs(read({ 'aws-access-key-id': KEYS['aws-access-key-id'] }));
    expect(parsed.ok ? [] : parsed.problems).toEqual([expect.stringMatching(/^aws-secret-access-key: is required/)]);
  });

  test('the audience input is not read in key mode', () => {
    expect(parseActionInputs(read({ ...KEYS, audience: 'a b' })).ok).toBe(true);
  });
});

describe('refresh-credentials', () => {
  test('false by default, true in either mode', () => {
    const keys = parseActionInputs(read(KEYS));
    expect(keys.ok && keys.value.refreshCredentials).toBe(false);
    for (const inputs of [{ ...KEYS, 'refresh-credentials': 'TRUE' }, { 'refresh-credentials': 'true' }]) {
      const parsed = parseActionInputs(read(inputs));
      expect(parsed.ok && parsed.value.refreshCredentials).toBe(true);
    }
  });

  test.each([
    ['aws-profile', { 'aws-profile': 'prod' }],
    ['output-env-credentials: false', { 'output-env-credentials': 'false' }],
  ])('with %s: one input error, in either mode', (_label, extra) => {
    for (const inputs of [{ ...KEYS, ...extra }, extra]) {
      const parsed = parseActionInputs(read({ ...inputs, 'refresh-credentials': 'true' }));
      expect(parsed.ok ? [] : parsed.problems).toEqual([expect.stringMatching(/^refresh-credentials: cannot be true with aws-profile/)]);
    }
  });
});
