import { describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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
    expect(profilePaths({ HOME: '/h', AWS_SHARED_CREDENTIALS_FILE: '~/c', AWS_CONFIG_FILE: '/x/config' })).toEqual({
      credentials: '/h/c',
      config: '/x/config',
    });
  });
});

describe('writeAwsProfile and removeAwsProfile on real files', () => {
  test("a config file that cannot be written: the credentials just written are removed again, and the error is the step's", () =>
    withHome(async (home) => {
      const paths = profilePaths({ HOME: home });
      const failing = {
        ...fileProfileStore,
        write: async (file: string, text: string) => {
          if (file === paths.config) throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
          await fileProfileStore.write(file, text);
        },
      };
      await expect(
        writeAwsProfile(failing, paths, { profile: 'test', credentials, region: 'eu-west-1', overwrite: false, marker: 'm' }),
      ).rejects.toThrow('EROFS');
      await expect(stat(paths.credentials)).rejects.toThrow('ENOENT');
    }));

  test('new files are 0600 in a 0700 folder, and the post step deletes the files it created', () =>
    withHome(async (home) => {
      const paths = profilePaths({ HOME: home });
      const result = await writeAwsProfile(fileProfileStore, paths, {
        profile: 'test',
        credentials,
        region: 'eu-west-1',
        overwrite: false,
        marker: 'm',
      });
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

  test('an existing profile of that name is refused and neither file is touched', () =>
    withHome(async (home) => {
      const paths = profilePaths({ HOME: home, AWS_CONFIG_FILE: path.join(home, 'config') });
      await writeFile(paths.config, '[profile test]\nregion = us-east-1\n', { mode: 0o644 });
      const result = await writeAwsProfile(fileProfileStore, paths, {
        profile: 'test',
        credentials,
        region: 'eu-west-1',
        overwrite: false,
        marker: 'm',
      });
      expect(result).toEqual({ ok: false, existing: [{ kind: 'config', file: paths.config }] });
      await expect(stat(paths.credentials)).rejects.toThrow('ENOENT');
      expect(await readFile(paths.config, 'utf8')).toBe('[profile test]\nregion = us-east-1\n');
    }));

  test("overwrite replaces it; the post step removes the section, keeps the user's others and leaves the file 0600", () =>
    withHome(async (home) => {
      const paths = profilePaths({ HOME: home, AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials') });
      await writeFile(
        paths.credentials,
        '[mine]\naws_access_key_id = AKIAMINE000000000000\n\n[test]\naws_access_key_id = AKIAOLD0000000000000\n',
        { mode: 0o644 },
      );
      const result = await writeAwsProfile(fileProfileStore, paths, {
        profile: 'test',
        credentials,
        region: 'eu-west-1',
        overwrite: true,
        marker: 'm',
      });
      if (!result.ok) throw new Error('refused');
      expect((await stat(paths.credentials)).mode & 0o777).toBe(0o600);
      expect(await readFile(paths.credentials, 'utf8')).not.toContain('AKIAOLD');
      await removeAwsProfile(fileProfileStore, result.written);
      expect(await readFile(paths.credentials, 'utf8')).toBe('[mine]\naws_access_key_id = AKIAMINE000000000000\n');
    }));
});

test('a post step after ~/.aws was deleted removes nothing and makes no folder again', () =>
  withHome(async (home) => {
    const paths = profilePaths({ HOME: home });
    const result = await writeAwsProfile(fileProfileStore, paths, {
      profile: 'test',
      credentials,
      region: 'eu-west-1',
      overwrite: false,
      marker: 'm',
    });
    if (!result.ok) throw new Error('refused');
    await rm(path.join(home, '.aws'), { recursive: true });
    expect(await removeAwsProfile(fileProfileStore, result.written)).toEqual([]);
    expect(await readdir(home)).toEqual([]);
  }));

describe('two jobs on one HOME at the same moment', () => {
  /** The real files, but every read takes a while: without a lock, both steps read before either writes. */
  const slowReads = {
    ...fileProfileStore,
    read: async (file: string) => {
      const text = await fileProfileStore.read(file);
      await sleep(30);
      return text;
    },
  };
  const USER = '[mine]\naws_access_key_id = AKIAMINE000000000000\n';
  const USER_CONFIG = '[profile mine]\nregion = us-east-2\n';

  test("both sections are written, and both post steps leave exactly the user's section and no lock file", () =>
    withHome(async (home) => {
      const paths = profilePaths({
        HOME: home,
        AWS_SHARED_CREDENTIALS_FILE: path.join(home, 'credentials'),
        AWS_CONFIG_FILE: path.join(home, 'config'),
      });
      await writeFile(paths.credentials, USER, { mode: 0o600 });
      await writeFile(paths.config, USER_CONFIG, { mode: 0o600 });
      const write = (profile: string) =>
        writeAwsProfile(slowReads, paths, { profile, credentials, region: 'eu-west-1', overwrite: false, marker: `m-${profile}` });
      const [a, b] = await Promise.all([write('a'), write('b')]);
      if (!a?.ok || !b?.ok) throw new Error('refused');
      const both = await readFile(paths.credentials, 'utf8');
      expect([both.includes('[a]'), both.includes('[b]'), both.startsWith(USER)]).toEqual([true, true, true]);
      expect(await readFile(paths.config, 'utf8')).toMatch(/\[profile a\][\s\S]*\[profile b\]|\[profile b\][\s\S]*\[profile a\]/);

      await Promise.all([removeAwsProfile(slowReads, a.written), removeAwsProfile(slowReads, b.written)]);
      expect(await readFile(paths.credentials, 'utf8')).toBe(USER);
      expect(await readFile(paths.config, 'utf8')).toBe(USER_CONFIG);
      expect((await readdir(home)).sort()).toEqual(['config', 'credentials']);
    }));

  test('files neither job found: whichever post step removes the last section deletes them, whoever created them', () =>
    withHome(async (home) => {
      const paths = profilePaths({ HOME: home });
      const write = (profile: string) =>
        writeAwsProfile(slowReads, paths, { profile, credentials, region: 'eu-west-1', overwrite: false, marker: `m-${profile}` });
      const [a, b] = await Promise.all([write('a'), write('b')]);
      if (!a?.ok || !b?.ok) throw new Error('refused');
      // One of them created each file; the other's post step runs last in one of these two orders.
      const creatorOfConfig = a.written.files.find(({ kind }) => kind === 'config')?.created ? a : b;
      const other = creatorOfConfig === a ? b : a;
      await removeAwsProfile(fileProfileStore, creatorOfConfig.written);
      await removeAwsProfile(fileProfileStore, other.written);
      expect(await readdir(path.join(home, '.aws'))).toEqual([]);
    }));
});

test('state that is not ours is ignored', () => {
  expect(parseWrittenProfile('')).toBeUndefined();
  expect(parseWrittenProfile('{"profile":"a"}')).toBeUndefined();
  expect(parseWrittenProfile('not json')).toBeUndefined();
});
