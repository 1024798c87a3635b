import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileProfileStore, profilePaths } from '../../src/adapters/profile-store.js';
import { parseWrittenProfile, removeAwsProfile, writeAwsProfile } from '../../src/assume-role/aws-profile.js';

const credentials = { accessKeyId: 'ASIATEMP000000000001', secretAccessKey: 'tempSecret', sessionToken: 'tempToken' };

async function withHome(fn: (home: string) => Promise<void>): Promise<void> {
  const home = await mkdtemp(path.join(tmpdir(), 'aws-profile-'));
  try {
    await fn(home);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

describe('profilePaths', () => {
  test('AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE win over ~/.aws, with ~ expanded', () => {
    expect(profilePaths({ HOME: '/h' })).toEqual({ credentials: '/h/.aws/credentials', config: '/h/.aws/config' });
    expect(profilePaths({ HOME: '/h', AWS_SHARED_CREDENTIALS_FILE: '~/c', AWS_CONFIG_FILE: '/x/config' })).toEqual({ credentials: '/h/c', config: '/x/config' });
  });
});

describe('writeAwsProfile and removeAwsProfile on real files', () => {
  test('a config file that cannot be written: the credentials just written are removed again, and the error is the step\'s', () => withHome(async (home) => {
    const paths = profilePaths({ HOME: home });
    const failing = { ...fileProfileStore, write: async (file: string, text: string) => {
      if (file === paths.config) throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      await fileProfileStore.write(file, text);
    } };
    await expect(writeAwsProfile(failing, paths, { profile: 'test', credentials, region: 'eu-west-1', overwrite: false, marker: 'm' })).rejects.toThrow('EROFS');
    await expect(stat(paths.credentials)).rejects.toThrow('ENOENT');
  }));

  test('new files are 0600 in a 0700 folder, and the post step deletes the files it created', () => withHome(async (home) => {
    const paths = profilePaths({ HOME: home });
    const result = await writeAwsProfile(fileProfileStore, paths, { profile: 'test', credentials, region: 'eu-west-1', overwrite: false, marker: 'm' });
    expect(result.ok).toBe(true);
    expect((await stat(paths.credentials)).mode & 0o777).toBe(0o600);
    expect((await stat(paths.config)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(paths.config))).mode & 0o777).toBe(0o700);
    expect(await readFile(paths.config, 'utf8')).toContain('[profile test]');
    if (!result.ok) return;
    const state = parseWrittenProfile(JSON.stringify(result.written));
    expect(state).toEqual(result.written);
    expect(await removeAwsProfile(fileProfileStore, result.written)).toEqual([paths.credentials, paths.config]);
    await expect(stat(paths.credentials)).rejects.toThrow('ENOENT');
    await expect(stat(paths.config)).rejects.toThrow('ENOENT');
  }));

  test('an existing profile of that name is refused and neither file is touched', () => withHome(async (home) => {
    const paths = profilePaths({ HOME: home, AWS_CONFIG_FILE: path.join(home, 'config') });
    await writeFile(paths.config, '[profile test]\nregion = us-east-1\n', { mode: 0o644 });
    const result = await writeAwsProfile(fileProfileStore, paths, { profile: 'test', credentials, region: 'eu-west-1', overwrite: false, marker: 'm' });
    expect(result).toEqual({ ok: false, existing: [{ kind: 'config', file: paths.config }] });
    await expect(stat(paths.credentials)).rejects.toThrow('ENOENT');
    expect(await readFile(paths.config, 'utf8')).toBe('[profile test]\nregion = us-east-1\n');
  }));

  test('overwrite replaces it; the post step removes the section, keeps the user\'s others and leaves the file 0600', () => withHome(async (home) => {
    const paths = profilePaths({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials') });
    await writeFile(paths.credentials, '[mine]\naws_access_key_id = AKIAMINE000000000000\n\n[test]\naws_access_key_id = AKIAOLD0000000000000\n', { mode: 0o644 });
    const result = await writeAwsProfile(fileProfileStore, paths, { profile: 'test', credentials, region: 'eu-west-1', overwrite: true, marker: 'm' });
    if (!result.ok) throw new Error('refused');
    expect((await stat(paths.credentials)).mode & 0o777).toBe(0o600);
    expect(await readFile(paths.credentials, 'utf8')).not.toContain('AKIAOLD');
    await removeAwsProfile(fileProfileStore, result.written);
    expect(await readFile(paths.credentials, 'utf8')).toBe('[mine]\naws_access_key_id = AKIAMINE000000000000\n');
  }));
});

test('state that is not ours is ignored', () => {
  expect(parseWrittenProfile('')).toBeUndefined();
  expect(parseWrittenProfile('{"profile":"a"}')).toBeUndefined();
  expect(parseWrittenProfile('not json')).toBeUndefined();
});
