import { describe, expect, test } from '@jest/globals';
import {
  CREATED_FILE_TEXT,
  hasProfile,
  isLeftover,
  markerLine,
  removeProfile,
  sectionHeader,
  writeProfile,
} from '../../src/assume-role/profile-files.js';

const USER_FILE = [
  '# my laptop profiles',
  '[default]',
  'aws_access_key_id = AKIAUSERDEFAULT00000',
  'aws_secret_access_key = userSecret',
  '',
  '; the production account',
  '[prod-readonly]',
  'aws_access_key_id = AKIAUSERREADONLY0000',
  '',
].join('\n');

const CREDENTIALS: Array<[string, string]> = [
  ['aws_access_key_id', 'ASIATEMP000000000001'],
  ['aws_secret_access_key', 'tempSecret/+='],
  ['aws_session_token', 'token+/='],
];

describe('writeProfile', () => {
  test("appends a new section after the user's, keeping their sections and comments byte for byte", () => {
    const text = writeProfile(USER_FILE, 'credentials', 'test', CREDENTIALS, 'm1');
    expect(text.startsWith(USER_FILE)).toBe(true);
    expect(text.slice(USER_FILE.length)).toBe(
      `\n[test]\n${markerLine('m1')}\naws_access_key_id = ASIATEMP000000000001\naws_secret_access_key = tempSecret/+=\naws_session_token = token+/=\n`,
    );
  });

  test('config sections are [profile NAME], except [default]', () => {
    expect(sectionHeader('config', 'prod')).toBe('[profile prod]');
    expect(sectionHeader('config', 'default')).toBe('[default]');
    expect(sectionHeader('credentials', 'prod')).toBe('[prod]');
    expect(writeProfile('', 'config', 'prod', [['region', 'eu-west-1']], 'm')).toBe(
      `[profile prod]\n${markerLine('m')}\nregion = eu-west-1\n`,
    );
  });

  test('replaces an existing section in place, keeping the comment that introduces the next one', () => {
    const text = writeProfile(USER_FILE, 'credentials', 'default', CREDENTIALS, 'm2');
    const lines = text.split('\n');
    expect(lines[0]).toBe('# my laptop profiles');
    expect(lines[1]).toBe('[default]');
    expect(text).not.toContain('AKIAUSERDEFAULT00000');
    expect(text).toContain('; the production account\n[prod-readonly]\naws_access_key_id = AKIAUSERREADONLY0000');
  });

  test('leaves one section where there were duplicates (botocore refuses a file with two)', () => {
    const text = writeProfile('[a]\nx = 1\n[a]\ny = 2\n[b]\nz = 3\n', 'credentials', 'a', [['k', 'v']], 'm');
    expect(text.match(/^\[a\]$/gm)).toHaveLength(1);
    expect(text).toContain('[b]\nz = 3');
  });

  test('refuses a value that would start another line', () => {
    expect(() => writeProfile('', 'credentials', 'a', [['aws_session_token', 'x\n[evil]']], 'm')).toThrow('aws_session_token');
  });

  test('keeps CRLF line endings', () => {
    expect(writeProfile('[a]\r\nx = 1\r\n', 'credentials', 'b', [['k', 'v']], 'm')).toBe(
      `[a]\r\nx = 1\r\n\r\n[b]\r\n${markerLine('m')}\r\nk = v\r\n`,
    );
  });
});

describe('hasProfile', () => {
  test('finds sections as botocore names them', () => {
    expect(hasProfile(USER_FILE, 'credentials', 'prod-readonly')).toBe(true);
    expect(hasProfile('[profile   prod]\nregion = x\n', 'config', 'prod')).toBe(true);
    expect(hasProfile('[profile default]\n', 'config', 'default')).toBe(true);
    // In the config file a bare [prod] is not profile prod (botocore ignores it).
    expect(hasProfile('[prod]\n', 'config', 'prod')).toBe(false);
    expect(hasProfile(USER_FILE, 'credentials', 'prod')).toBe(false);
  });
});

describe('removeProfile', () => {
  test('a write then a remove gives back the file as it was', () => {
    const written = writeProfile(USER_FILE, 'credentials', 'test', CREDENTIALS, 'm1');
    expect(removeProfile(written, 'credentials', 'test', 'm1')).toEqual({ text: USER_FILE, removed: true });
  });

  test('removes only the section with its own marker: a later write by another run stays', () => {
    const first = writeProfile('', 'credentials', 'test', CREDENTIALS, 'first');
    const second = writeProfile(first, 'credentials', 'test', CREDENTIALS, 'second');
    expect(removeProfile(second, 'credentials', 'test', 'first')).toEqual({ text: second, removed: false });
    expect(removeProfile(second, 'credentials', 'test', 'second').text).toBe('');
  });

  test('never removes a section without the marker, even of the same name', () => {
    expect(removeProfile(USER_FILE, 'credentials', 'default', 'm')).toEqual({ text: USER_FILE, removed: false });
  });

  test('removing a first section leaves no blank line at the top', () => {
    const text = writeProfile('', 'credentials', 'a', [['k', 'v']], 'm');
    const both = `${text}\n[b]\nz = 3\n`;
    expect(removeProfile(both, 'credentials', 'a', 'm').text).toBe('[b]\nz = 3\n');
  });
});

describe('isLeftover: which file a post step deletes', () => {
  test("blank in a file this step created; only the created-file line, whoever created it; never the user's text", () => {
    expect(isLeftover('', true)).toBe(true);
    expect(isLeftover('\n\n', false)).toBe(false);
    const created = writeProfile(CREATED_FILE_TEXT, 'credentials', 'a', [['k', 'v']], 'm');
    expect(created.startsWith(CREATED_FILE_TEXT)).toBe(true);
    expect(isLeftover(removeProfile(created, 'credentials', 'a', 'm').text, false)).toBe(true);
    expect(isLeftover(CREATED_FILE_TEXT.replace('\n', '\r\n'), false)).toBe(true);
    expect(isLeftover(`${CREATED_FILE_TEXT}\n[mine]\nx = 1\n`, true)).toBe(false);
    expect(isLeftover('# my own comment\n', true)).toBe(false);
  });
});
