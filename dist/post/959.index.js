"use strict";
exports.id = 959;
exports.ids = [959];
exports.modules = {

/***/ 959:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  FILE_MODE: () => (/* binding */ FILE_MODE),
  FOLDER_MODE: () => (/* binding */ FOLDER_MODE),
  fileProfileStore: () => (/* binding */ fileProfileStore),
  profilePaths: () => (/* binding */ profilePaths)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ../src/shared/messages/job-environment.ts
var job_environment = __webpack_require__(542);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
// EXTERNAL MODULE: external "node:timers/promises"
var external_node_timers_promises_ = __webpack_require__(500);
;// CONCATENATED MODULE: ../src/adapters/file-lock.ts
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





const DEFAULT_LOCK_TIMING = { waitMs: 30_000, staleMs: 20_000, pollMs: 20 };
/** Thrown when the lock stayed held by a live owner for all of `waitMs`. */
class FileLockTimeout extends Error {
    lockFile;
    waitedMs;
    holderPid;
    heldForMs;
    constructor(lockFile, waitedMs, holderPid, heldForMs) {
        super(`${lockFile} is held by ${holderPid === undefined ? 'another process' : `process ${holderPid}`}`);
        this.lockFile = lockFile;
        this.waitedMs = waitedMs;
        this.holderPid = holderPid;
        this.heldForMs = heldForMs;
        this.name = 'FileLockTimeout';
    }
}
let ownScope;
function processScope() {
    ownScope ??= (0,promises_.readlink)('/proc/self/ns/pid')
        .catch(() => '')
        .then((namespace) => `${(0,external_node_os_.hostname)()} ${namespace}`);
    return ownScope;
}
function parseOwner(text) {
    try {
        const value = JSON.parse(text);
        const ok = Number.isSafeInteger(value.pid) &&
            typeof value.scope === 'string' &&
            typeof value.nonce === 'string' &&
            typeof value.since === 'string';
        return ok ? value : undefined;
    }
    catch {
        return undefined; // still being written, or not ours: judged by its age alone
    }
}
async function inspect(lockFile) {
    try {
        const [info, text] = await Promise.all([(0,promises_.lstat)(lockFile), (0,promises_.readFile)(lockFile, 'utf8')]);
        return { owner: parseOwner(text), ageMs: Date.now() - info.mtimeMs, identity: `${info.ino} ${info.mtimeMs} ${text}` };
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw error;
    }
}
function processExists(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        // EPERM: it exists, as another user's process.
        return error.code !== 'ESRCH';
    }
}
async function isStale(found, timing) {
    if (found.ageMs > timing.staleMs)
        return true;
    const { owner } = found;
    return owner !== undefined && owner.scope === (await processScope()) && owner.pid !== process.pid && !processExists(owner.pid);
}
/** Creates `file` holding `owner`, or answers false when it exists. */
async function create(file, owner) {
    let handle;
    try {
        handle = await (0,promises_.open)(file, 'wx', 0o600);
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return false;
        throw error;
    }
    try {
        await handle.writeFile(JSON.stringify(owner));
    }
    catch (error) {
        await handle.close().catch(() => undefined);
        await (0,promises_.rm)(file, { force: true });
        throw error;
    }
    await handle.close();
    return true;
}
/** Removes the lock `seen` if it is still that very file; answers whether the way is now free. */
async function breakStale(lockFile, seen, owner, timing) {
    const breaker = `${lockFile}.break`;
    if (!(await create(breaker, owner))) {
        // Held for a moment by whoever is breaking; one older than staleMs was left by a process that died there.
        const other = await inspect(breaker);
        if (other && other.ageMs > timing.staleMs)
            await (0,promises_.rm)(breaker, { force: true });
        return false;
    }
    try {
        const now = await inspect(lockFile);
        if (now?.identity === seen.identity)
            await (0,promises_.rm)(lockFile, { force: true });
        return now === undefined || now.identity === seen.identity;
    }
    finally {
        await (0,promises_.rm)(breaker, { force: true });
    }
}
async function acquire(lockFile, timing) {
    const owner = { pid: process.pid, scope: await processScope(), nonce: (0,external_node_crypto_.randomUUID)(), since: new Date().toISOString() };
    const started = Date.now();
    for (;;) {
        if (await create(lockFile, owner))
            return owner;
        const found = await inspect(lockFile);
        if (found === undefined)
            continue; // let go between the two calls
        if ((await isStale(found, timing)) && (await breakStale(lockFile, found, owner, timing)))
            continue;
        if (Date.now() - started >= timing.waitMs)
            throw new FileLockTimeout(lockFile, timing.waitMs, found.owner?.pid, found.ageMs);
        await (0,external_node_timers_promises_.setTimeout)(timing.pollMs * (0.5 + Math.random()));
    }
}
/** Lets go of the lock only if it is still ours (one judged stale and taken over belongs to its new owner). */
async function release(lockFile, owner) {
    const found = await inspect(lockFile);
    if (found?.owner?.nonce === owner.nonce)
        await (0,promises_.rm)(lockFile, { force: true });
}
/** The lock's path for `file`: beside the file a symbolic link leads to, so every name for it shares one lock. */
async function lockFileFor(file) {
    return `${await (0,promises_.realpath)(file).catch(() => external_node_path_default().resolve(file))}.lock`;
}
/**
 * Runs `body` while holding the locks of all `files` (missing folders are made, mode 0700). They
 * are taken in one order, sorted by path, so two processes wanting the same two never wait on each other.
 */
async function withFileLocks(files, body, timing = DEFAULT_LOCK_TIMING) {
    const lockFiles = [...new Set(await Promise.all(files.map(lockFileFor)))].sort();
    const held = [];
    try {
        for (const lockFile of lockFiles) {
            await (0,promises_.mkdir)(external_node_path_default().dirname(lockFile), { recursive: true, mode: 0o700 });
            held.push([lockFile, await acquire(lockFile, timing)]);
        }
        return await body();
    }
    finally {
        for (const [lockFile, owner] of held.reverse())
            await release(lockFile, owner).catch(() => undefined);
    }
}

;// CONCATENATED MODULE: ../src/adapters/profile-store.ts





function expandHome(file, home) {
    return file === '~' || file.startsWith('~/') ? external_node_path_default().join(home, file.slice(1)) : file;
}
function profilePaths(env) {
    const home = env.HOME || (0,external_node_os_.homedir)();
    return {
        credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || external_node_path_default().join(home, '.aws', 'credentials'), home),
        config: expandHome(env.AWS_CONFIG_FILE || external_node_path_default().join(home, '.aws', 'config'), home),
    };
}
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;
const fileProfileStore = {
    async read(file) {
        try {
            return await (0,promises_.readFile)(file, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        }
    },
    async write(file, text) {
        await (0,promises_.mkdir)(external_node_path_default().dirname(file), { recursive: true, mode: FOLDER_MODE });
        // A whole new file renamed over the old one: a reader never sees half a file, and a
        // symbolic link (a dotfiles checkout) is written through rather than replaced.
        const target = await (0,promises_.realpath)(file).catch(() => file);
        const temporary = `${target}.${process.pid}.tmp`;
        try {
            await (0,promises_.writeFile)(temporary, text, { mode: FILE_MODE });
            await (0,promises_.chmod)(temporary, FILE_MODE);
            await (0,promises_.rename)(temporary, target);
        }
        catch (error) {
            // The temporary file holds the credentials too.
            await (0,promises_.rm)(temporary, { force: true });
            throw error;
        }
    },
    async remove(file) {
        await (0,promises_.rm)(file, { force: true });
    },
    async exclusive(files, edit) {
        try {
            return await withFileLocks(files, edit);
        }
        catch (error) {
            if (!(error instanceof FileLockTimeout))
                throw error;
            const holder = { pid: error.holderPid, heldForSeconds: Math.round(error.heldForMs / 1000) };
            throw new Error(job_environment/* profileTexts */.y.locked(error.lockFile, holder, Math.round(error.waitedMs / 1000)), { cause: error });
        }
    },
};


/***/ })

};
;