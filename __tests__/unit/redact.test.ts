import { describe, expect, test } from '@jest/globals';
import { redact, withoutSecrets } from '../../src/shared/redact.js';
import { EXAMPLE_KEY } from '../../test/support/fixtures.js';

describe('redact', () => {
  test('cuts out the secrets it is given', () => {
    expect(redact('bad key wJalrXUtnFEMI/K7MDENG in request', ['wJalrXUtnFEMI/K7MDENG'])).toBe('bad key *** in request');
  });

  test('a secret that holds a shorter one is cut out whole, whatever order they were registered in', () => {
    expect(withoutSecrets('token Pr0xy-S3cret-and-more here', ['S3cret', 'Pr0xy-S3cret-and-more'])).toBe('token *** here');
  });

  test('hides anything shaped like a secret key, session token or signature', () => {
    const secret = EXAMPLE_KEY.secretAccessKey;
    const token = 'IQoJb3JpZ2luX2VjE' + 'A'.repeat(120);
    const text = `secret=${secret} token ${token} Signature=${'ab'.repeat(32)} X-Amz-Security-Token: FwoGZXIvYXdzEXAMPLE`;
    const result = redact(text);
    expect(result).not.toContain(secret);
    expect(result).not.toContain(token);
    expect(result).not.toContain('ab'.repeat(32));
    expect(result).not.toContain('FwoGZXIvYXdzEXAMPLE');
  });

  test('keeps the kind and last four characters of an access key id, and leaves a git SHA alone', () => {
    expect(redact('key AKIAIOSFODNN7EXAMPLE is inactive')).toBe('key AKIA…MPLE is inactive');
    const sha = '0123456789abcdef0123456789abcdef01234567';
    expect(redact(`commit ${sha}`)).toBe(`commit ${sha}`);
  });

  test('puts text from outside on one line, so it cannot start a workflow command', () => {
    expect(redact('denied\n::set-env name=X::y\r\n%0A\u2028next')).toBe('denied ::set-env name=X::y %0A next');
  });

  test('caps the length', () => {
    expect(redact('x '.repeat(1000)).length).toBeLessThanOrEqual(600);
  });
});
