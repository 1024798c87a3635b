/**
 * src/shared/input-parser.ts: the strict reading of inputs every action shares. Booleans are
 * true/false in any case and nothing else, numbers are digits only, lists split on lines and
 * commas, and every problem is collected, never thrown, so one run reports them all.
 */
import { describe, expect, test } from '@jest/globals';
import { InputParser } from '../../src/shared/input-parser.js';
import { ACCESS_KEY_ID, SECRET_ACCESS_KEY } from '../../src/shared/aws-names.js';
import { inputRules } from '../../src/shared/messages/inputs.js';
import { EXAMPLE_KEY } from '../../test/support/fixtures.js';

const parserOf = (inputs: Record<string, string>) => new InputParser((name) => inputs[name] ?? '');

describe('boolean', () => {
  test.each([
    ['true', true],
    ['TRUE', true],
    ['True', true],
    [' false\n', false],
    ['FaLsE', false],
  ])('%j is %s', (text, expected) => {
    const parser = parserOf({ flag: text });
    expect(parser.boolean('flag', !expected)).toBe(expected);
    expect(parser.problems).toEqual([]);
  });

  test.each(['yes', 'no', '1', '0', 'on', 'y', 'truee', 't'])('%j is a problem, and the fallback is kept', (text) => {
    const parser = parserOf({ flag: text });
    expect(parser.boolean('flag', true)).toBe(true);
    expect(parser.problems).toEqual([`flag: ${inputRules.boolean}`]);
  });

  test('an empty input is the fallback, without a problem', () => {
    const parser = parserOf({ flag: '  ' });
    expect(parser.boolean('flag', false)).toBe(false);
    expect(parser.problems).toEqual([]);
  });
});

describe('wholeNumber', () => {
  test('digits only, white space around them ignored', () => {
    const parser = parserOf({ days: ' 45\n' });
    expect(parser.wholeNumber('days', 90, 1, 3650)).toBe(45);
    expect(parser.problems).toEqual([]);
  });

  test.each(['1e2', '0x10', '4.5', '-3', '+3', '45 days', '٤٥', '1_000', 'Infinity'])('%j is not a whole number in digits', (text) => {
    const parser = parserOf({ days: text });
    expect(parser.wholeNumber('days', 90, 1, 3650)).toBe(90);
    expect(parser.problems).toEqual(['days: must be a whole number written in digits only, from 1 to 3650']);
  });

  test('out of range names the range and the number given', () => {
    const parser = parserOf({ days: '0' });
    expect(parser.wholeNumber('days', 90, 1, 3650)).toBe(90);
    expect(parser.problems).toEqual(['days: must be from 1 to 3650, got 0']);
  });

  test('a 400-digit number is out of range in a short message that does not echo its digits', () => {
    const parser = parserOf({ days: '9'.repeat(400) });
    expect(parser.wholeNumber('days', 90, 1, 3650)).toBe(90);
    expect(parser.problems).toHaveLength(1);
    expect(parser.problems[0]).toMatch(/^days: must be from 1 to 3650; the value given is larger$/);
    expect(parser.problems[0]).not.toContain('9999');
    expect(parser.problems[0]?.length).toBeLessThan(80);
  });

  test('an empty input is the fallback, without a problem', () => {
    const parser = parserOf({});
    expect(parser.wholeNumber('days', 90, 1, 3650)).toBe(90);
    expect(parser.problems).toEqual([]);
  });
});

describe('list', () => {
  test('one item per line or comma, trimmed, empty items dropped', () => {
    expect(parserOf({ ids: '111122223333, 444455556666\n\n 777788889999 ,,' }).list('ids')).toEqual([
      '111122223333',
      '444455556666',
      '777788889999',
    ]);
    expect(parserOf({ ids: 'a\r\nb' }).list('ids')).toEqual(['a', 'b']);
    expect(parserOf({}).list('ids')).toEqual([]);
  });
});

describe('required, optional and pattern', () => {
  test('required: an empty or blank input is a problem; a value is trimmed', () => {
    const parser = parserOf({ region: ' eu-west-1 ', blank: ' \n ' });
    expect(parser.required('region')).toBe('eu-west-1');
    expect(parser.required('blank')).toBeUndefined();
    expect(parser.required('missing')).toBeUndefined();
    expect(parser.problems).toEqual(['blank: is required', 'missing: is required']);
  });

  test('pattern: the rule in words when the value does not match; an empty input passes as undefined', () => {
    const parser = parserOf({ code: 'eu_west' });
    expect(parser.pattern('code', /^[a-z]+-[a-z]+$/, 'must be two words with a hyphen')).toBeUndefined();
    expect(parser.pattern('none', /^x$/, 'never')).toBeUndefined();
    expect(parser.problems).toEqual(['code: must be two words with a hyphen']);
  });
});

describe('credential', () => {
  test('white space around the value is removed with a warning that never shows the value', () => {
    const parser = parserOf({ 'aws-secret-access-key': ` ${EXAMPLE_KEY.secretAccessKey}\n` });
    expect(parser.credential('aws-secret-access-key', SECRET_ACCESS_KEY, inputRules.secretAccessKey)).toBe(EXAMPLE_KEY.secretAccessKey);
    expect(parser.problems).toEqual([]);
    expect(parser.warnings).toHaveLength(1);
    expect(parser.warnings[0]).toMatch(/^aws-secret-access-key: removed white space around the value/);
    expect(parser.warnings[0]).not.toContain(EXAMPLE_KEY.secretAccessKey);
    expect(parser.warnings[0]).not.toContain(EXAMPLE_KEY.secretAccessKey.slice(0, 8));
  });

  test('a clean value gives no warning', () => {
    const parser = parserOf({ 'aws-access-key-id': EXAMPLE_KEY.accessKeyId });
    expect(parser.credential('aws-access-key-id', ACCESS_KEY_ID, inputRules.accessKeyId)).toBe(EXAMPLE_KEY.accessKeyId);
    expect(parser.warnings).toEqual([]);
  });

  test('white space inside, an empty secret and a wrong shape are problems that never show the value', () => {
    const split = `${EXAMPLE_KEY.secretAccessKey.slice(0, 20)} ${EXAMPLE_KEY.secretAccessKey.slice(20)}`;
    const parser = parserOf({ inside: split, shape: 'not-a-key!' });
    expect(parser.credential('inside', SECRET_ACCESS_KEY, inputRules.secretAccessKey)).toBeUndefined();
    expect(parser.credential('empty', SECRET_ACCESS_KEY, inputRules.secretAccessKey)).toBeUndefined();
    expect(parser.credential('shape', ACCESS_KEY_ID, inputRules.accessKeyId)).toBeUndefined();
    expect(parser.problems).toEqual([
      `inside: ${inputRules.secretWhiteSpace}`,
      `empty: ${inputRules.secretRequired}`,
      `shape: ${inputRules.accessKeyId}`,
    ]);
    expect(parser.problems.join('\n')).not.toContain(EXAMPLE_KEY.secretAccessKey.slice(0, 20));
    expect(parser.problems.join('\n')).not.toContain('not-a-key!');
  });
});

describe('result', () => {
  test('every problem together, never thrown; ok only with no problem and a value', () => {
    const parser = parserOf({ flag: 'yes', days: 'ten' });
    parser.boolean('flag', false);
    parser.wholeNumber('days', 1, 1, 10);
    parser.required('region');
    const result = parser.result({ any: 1 });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.problems).toHaveLength(3);
    expect(parserOf({}).result(undefined).ok).toBe(false);
    expect(parserOf({}).result('v')).toEqual({ ok: true, value: 'v', warnings: [] });
  });
});
