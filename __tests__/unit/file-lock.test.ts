import { afterEach, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileLockTimeout, lockFileFor, withFileLocks, type LockTiming } from '../../src/adapters/file-lock.js';

const QUICK: LockTiming = { waitMs: 300, staleMs: 60_000, pollMs: 5 };
const folders: string[] = [];

async function folder(): Promise<string> {
  const made = await mkdtemp(path.join(tmpdir(), 'file-lock-'));
  folders.push(made);
  return made;
}

afterEach(async () => {
  await Promise.all(folders.splice(0).map((made) => rm(made, { recursive: true, force: true })));
});

/** Holds the lock of `file` until the returned release is called; resolves once it is held. */
async function hold(file: string, timing = QUICK): Promise<{ release: () => void; done: Promise<void> }> {
  let release = () => {};
  let held = () => {};
  const isHeld = new Promise<void>((resolve) => {
    held = resolve;
  });
  const done = withFileLocks(
    [file],
    () =>
      new Promise<void>((resolve) => {
        release = resolve;
        held();
      }),
    timing,
  );
  await isHeld;
  return { release, done };
}

/** A pid no process has any more: a child that has exited and been reaped. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('withFileLocks', () => {
  test('two holders never overlap: the second edit starts after the first has ended, and no lock file stays', async () => {
    const file = path.join(await folder(), 'credentials');
    const events: string[] = [];
    const edit = (name: string) =>
      withFileLocks([file], async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        events.push(`${name} end`);
      });
    await Promise.all([edit('a'), edit('b')]);
    expect(events.map((event) => event.split(' ')[1])).toEqual(['start', 'end', 'start', 'end']);
    expect(await readdir(path.dirname(file))).toEqual([]);
  });

  test('the lock file names its owner (pid, machine, a nonce, the time) and holds nothing else', async () => {
    const file = path.join(await folder(), 'credentials');
    const held = await hold(file);
    const owner = JSON.parse(await readFile(`${file}.lock`, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(owner).sort()).toEqual(['nonce', 'pid', 'scope', 'since']);
    expect(owner.pid).toBe(process.pid);
    held.release();
    await held.done;
  });

  test('a lock held by a live owner: the wait ends with FileLockTimeout naming it, and the lock is left as it was', async () => {
    const file = path.join(await folder(), 'credentials');
    const held = await hold(file);
    const before = await readFile(`${file}.lock`, 'utf8');
    const waited = withFileLocks([file], async () => 'ran', QUICK);
    await expect(waited).rejects.toBeInstanceOf(FileLockTimeout);
    await expect(waited).rejects.toMatchObject({ lockFile: `${file}.lock`, holderPid: process.pid });
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(before);
    held.release();
    await held.done;
  });

  test('a lock whose owner process is gone (same machine) is broken at once', async () => {
    const file = path.join(await folder(), 'credentials');
    const held = await hold(file);
    const owner = JSON.parse(await readFile(`${file}.lock`, 'utf8')) as Record<string, unknown>;
    held.release();
    await held.done;
    await writeFile(`${file}.lock`, JSON.stringify({ ...owner, pid: deadPid(), nonce: 'left-by-a-killed-step' }));
    expect(await withFileLocks([file], async () => 'ran', QUICK)).toBe('ran');
    expect(await readdir(path.dirname(file))).toEqual([]);
  });

  test('a lock older than staleMs is broken even when its owner cannot be judged (another machine, a half-written file)', async () => {
    const file = path.join(await folder(), 'credentials');
    for (const text of [
      JSON.stringify({ pid: process.pid, scope: 'another-host', nonce: 'n', since: '2020-01-01T00:00:00Z' }),
      '{"pid":',
    ]) {
      await writeFile(`${file}.lock`, text);
      await expect(withFileLocks([file], async () => 'ran', QUICK)).rejects.toBeInstanceOf(FileLockTimeout);
      const old = new Date(Date.now() - 120_000);
      await utimes(`${file}.lock`, old, old);
      expect(await withFileLocks([file], async () => 'ran', QUICK)).toBe('ran');
    }
  });

  test('a lock that is no longer ours when the edit ends (taken over as stale) is not removed', async () => {
    const file = path.join(await folder(), 'credentials');
    await withFileLocks([file], async () => {
      await writeFile(`${file}.lock`, JSON.stringify({ pid: 1, scope: 'x', nonce: 'the-new-owner', since: 'now' }));
    });
    expect(JSON.parse(await readFile(`${file}.lock`, 'utf8'))).toMatchObject({ nonce: 'the-new-owner' });
  });

  test('through a symbolic link the lock is beside the real file, so both names share it', async () => {
    const dir = await folder();
    await writeFile(path.join(dir, 'real'), '');
    await symlink(path.join(dir, 'real'), path.join(dir, 'link'));
    expect(await lockFileFor(path.join(dir, 'link'))).toBe(await lockFileFor(path.join(dir, 'real')));
    const held = await hold(path.join(dir, 'link'));
    await expect(withFileLocks([path.join(dir, 'real')], async () => 'ran', QUICK)).rejects.toBeInstanceOf(FileLockTimeout);
    held.release();
    await held.done;
  });
});
