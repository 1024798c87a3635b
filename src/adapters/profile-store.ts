import { chmod, mkdir, readFile, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import type { ProfilePaths, ProfileStore } from '../assume-role/ports.js';
import type { Io } from '../shared/io.js';
import { profileTexts } from '../shared/messages/job-environment.js';
import { FileLockTimeout, withFileLocks } from './file-lock.js';

function expandHome(file: string, home: string): string {
  return file === '~' || file.startsWith('~/') ? path.join(home, file.slice(1)) : file;
}

export function profilePaths(env: Io['env']): ProfilePaths {
  const home = env.HOME || homedir();
  return {
    credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'), home),
    config: expandHome(env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'), home),
  };
}

export type { ProfilePaths, ProfileStore };

export const FILE_MODE = 0o600;
export const FOLDER_MODE = 0o700;

export const fileProfileStore: ProfileStore = {
  async read(file) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },
  async write(file, text) {
    await mkdir(path.dirname(file), { recursive: true, mode: FOLDER_MODE });
    // A whole new file renamed over the old one: a reader never sees half a file, and a
    // symbolic link (a dotfiles checkout) is written through rather than replaced.
    const target = await realpath(file).catch(() => file);
    const temporary = `${target}.${process.pid}.tmp`;
    try {
      await writeFile(temporary, text, { mode: FILE_MODE });
      await chmod(temporary, FILE_MODE);
      await rename(temporary, target);
    } catch (error) {
      // The temporary file holds the credentials too.
      await rm(temporary, { force: true });
      throw error;
    }
  },
  async remove(file) {
    await rm(file, { force: true });
  },
  async exclusive(files, edit) {
    try {
      return await withFileLocks(files, edit);
    } catch (error) {
      if (!(error instanceof FileLockTimeout)) throw error;
      const holder = { pid: error.holderPid, heldForSeconds: Math.round(error.heldForMs / 1000) };
      throw new Error(profileTexts.locked(error.lockFile, holder, Math.round(error.waitedMs / 1000)), { cause: error });
    }
  },
};
