/**
 * A lock on a file that every process on the machine taking it this way respects (several runner
 * services of one user share ~/.aws): a file `FILE.lock` beside it, created with O_CREAT|O_EXCL, so
 * exactly one process makes it. It holds who made it (pid, the machine and pid namespace, a random
 * nonce, the time) and nothing secret. Node has no flock(2), and an advisory lock needs only that
 * every writer of ours takes it; other programs never see it and lose nothing by it.
 *
 * A process that dies while holding the lock (the runner kills a cancelled job) leaves the file:
 * the lock is stale when its owner is provably gone (same machine and pid namespace, and its pid
 * does not exist) or when it is older than `staleMs`, far longer than the few milliseconds of a
 * read and a rename it guards. Breaking it is itself guarded by `FILE.lock.break`, under which the
 * lock is read again and removed only if it is still the very file judged stale: a waiter that
 * looked a moment earlier cannot remove the lock a new owner has just made.
 */
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, open, readFile, readlink, realpath, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockTiming {
  /** How long to wait for another owner to let go before giving up. */
  waitMs: number;
  /** How old a lock must be before it counts as abandoned, whoever holds it. */
  staleMs: number;
  /** The pause between two tries, with jitter so waiters do not move in step. */
  pollMs: number;
}

const DEFAULT_LOCK_TIMING: LockTiming = { waitMs: 30_000, staleMs: 20_000, pollMs: 20 };

interface Owner {
  pid: number;
  /** The host name and pid namespace: a pid says whether its process lives only within the same ones. */
  scope: string;
  nonce: string;
  since: string;
}

/** A lock file as found: `identity` tells it from a later lock file at the same path. */
interface Found {
  owner: Owner | undefined;
  ageMs: number;
  identity: string;
}

/** Thrown when the lock stayed held by a live owner for all of `waitMs`. */
export class FileLockTimeout extends Error {
  constructor(
    readonly lockFile: string,
    readonly waitedMs: number,
    readonly holderPid: number | undefined,
    readonly heldForMs: number,
  ) {
    super(`${lockFile} is held by ${holderPid === undefined ? 'another process' : `process ${holderPid}`}`);
    this.name = 'FileLockTimeout';
  }
}

let ownScope: Promise<string> | undefined;
function processScope(): Promise<string> {
  ownScope ??= readlink('/proc/self/ns/pid')
    .catch(() => '')
    .then((namespace) => `${hostname()} ${namespace}`);
  return ownScope;
}

function parseOwner(text: string): Owner | undefined {
  try {
    const value = JSON.parse(text) as Partial<Owner>;
    const ok =
      Number.isSafeInteger(value.pid) &&
      typeof value.scope === 'string' &&
      typeof value.nonce === 'string' &&
      typeof value.since === 'string';
    return ok ? (value as Owner) : undefined;
  } catch {
    return undefined; // still being written, or not ours: judged by its age alone
  }
}

async function inspect(lockFile: string): Promise<Found | undefined> {
  try {
    const [info, text] = await Promise.all([lstat(lockFile), readFile(lockFile, 'utf8')]);
    return { owner: parseOwner(text), ageMs: Date.now() - info.mtimeMs, identity: `${info.ino} ${info.mtimeMs} ${text}` };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, as another user's process.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

async function isStale(found: Found, timing: LockTiming): Promise<boolean> {
  if (found.ageMs > timing.staleMs) return true;
  const { owner } = found;
  return owner !== undefined && owner.scope === (await processScope()) && owner.pid !== process.pid && !processExists(owner.pid);
}

/** Creates `file` holding `owner`, or answers false when it exists. */
async function create(file: string, owner: Owner): Promise<boolean> {
  let handle;
  try {
    handle = await open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(owner));
  } catch (error) {
    await handle.close().catch(() => undefined);
    await rm(file, { force: true });
    throw error;
  }
  await handle.close();
  return true;
}

/** Removes the lock `seen` if it is still that very file; answers whether the way is now free. */
async function breakStale(lockFile: string, seen: Found, owner: Owner, timing: LockTiming): Promise<boolean> {
  const breaker = `${lockFile}.break`;
  if (!(await create(breaker, owner))) {
    // Held for a moment by whoever is breaking; one older than staleMs was left by a process that died there.
    const other = await inspect(breaker);
    if (other && other.ageMs > timing.staleMs) await rm(breaker, { force: true });
    return false;
  }
  try {
    const now = await inspect(lockFile);
    if (now?.identity === seen.identity) await rm(lockFile, { force: true });
    return now === undefined || now.identity === seen.identity;
  } finally {
    await rm(breaker, { force: true });
  }
}

async function acquire(lockFile: string, timing: LockTiming): Promise<Owner> {
  const owner: Owner = { pid: process.pid, scope: await processScope(), nonce: randomUUID(), since: new Date().toISOString() };
  const started = Date.now();
  for (;;) {
    if (await create(lockFile, owner)) return owner;
    const found = await inspect(lockFile);
    if (found === undefined) continue; // let go between the two calls
    if ((await isStale(found, timing)) && (await breakStale(lockFile, found, owner, timing))) continue;
    if (Date.now() - started >= timing.waitMs) throw new FileLockTimeout(lockFile, timing.waitMs, found.owner?.pid, found.ageMs);
    await sleep(timing.pollMs * (0.5 + Math.random()));
  }
}

/** Lets go of the lock only if it is still ours (one judged stale and taken over belongs to its new owner). */
async function release(lockFile: string, owner: Owner): Promise<void> {
  const found = await inspect(lockFile);
  if (found?.owner?.nonce === owner.nonce) await rm(lockFile, { force: true });
}

/** The lock's path for `file`: beside the file a symbolic link leads to, so every name for it shares one lock. */
export async function lockFileFor(file: string): Promise<string> {
  return `${await realpath(file).catch(() => path.resolve(file))}.lock`;
}

/**
 * Runs `body` while holding the locks of all `files` (missing folders are made, mode 0700). They
 * are taken in one order, sorted by path, so two processes wanting the same two never wait on each other.
 */
export async function withFileLocks<T>(
  files: readonly string[],
  body: () => Promise<T>,
  timing: LockTiming = DEFAULT_LOCK_TIMING,
): Promise<T> {
  const lockFiles = [...new Set(await Promise.all(files.map(lockFileFor)))].sort();
  const held: Array<[string, Owner]> = [];
  try {
    for (const lockFile of lockFiles) {
      await mkdir(path.dirname(lockFile), { recursive: true, mode: 0o700 });
      held.push([lockFile, await acquire(lockFile, timing)]);
    }
    return await body();
  } finally {
    for (const [lockFile, owner] of held.reverse()) await release(lockFile, owner).catch(() => undefined);
  }
}
