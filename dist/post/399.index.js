"use strict";
exports.id = 399;
exports.ids = [399];
exports.modules = {

/***/ 399:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  isAlive: () => (/* binding */ isAlive),
  stopCredentialsServer: () => (/* binding */ stopCredentialsServer)
});

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(455);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(67);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(421);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(24);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(760);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(598);
;// CONCATENATED MODULE: ../src/shared/credentials-server-config.ts

/**
 * What the server's argv carries in place of its nonce, the post step's shutdown secret: the
 * nonce's SHA-256, by which the post step tells the process is ours and the server that the config
 * on its stdin is for it. Any local user can read a process's argv; the nonce itself goes on stdin only.
 */
const nonceMark = (nonce) => (0,external_node_crypto_.createHash)('sha256').update(nonce, 'utf8').digest('hex');
const NONCE_MARK_FLAG = '--nonce-sha256=';

;// CONCATENATED MODULE: ../src/adapters/credentials-server-launch.ts




/** The argument that marks the server's process as started by one step: its nonce's mark, never the nonce. */
const nonceArgument = (nonce) => `${NONCE_MARK_FLAG}${nonceMark(nonce)}`;
/** Variables the server's environment keeps: the runner's orphan-process tracking, and CA settings. */
const KEPT_VARIABLES = (/* unused pure expression or super */ null && (['RUNNER_TRACKING_ID', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'TZ']));
/**
 * Starts the credentials server bundle detached, with the config on its stdin, its
 * stdout and stderr appended to `logFile`, and a third pipe on which it says `listening PORT`
 * once its listener is up. Nothing of the child keeps this step's own stdout open, so the step
 * returns at once. A server that says nothing within `timeoutMs` is killed (it is the child just
 * started) and this throws.
 */
function launchCredentialsServer(launch, options) {
    const config = { ...launch, parentPid: process.ppid };
    const { env, logFile, timeoutMs } = options;
    // The bundle beside this step's own: dist/main/index.js starts dist/credentials-server/index.js.
    const script = options.script ?? path.resolve(path.dirname(process.argv[1] ?? '.'), '..', 'credentials-server', 'index.js');
    const log = openSync(logFile, 'a', 0o600);
    const keptEnv = Object.fromEntries(KEPT_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
    const child = spawn(process.execPath, [script, nonceArgument(config.nonce)], {
        detached: true,
        stdio: ['pipe', log, log, 'pipe'],
        env: keptEnv,
        cwd: path.dirname(logFile),
    });
    closeSync(log);
    return new Promise((resolve, reject) => {
        const ready = child.stdio[3];
        let said = '';
        const finish = (error, port) => {
            clearTimeout(timer);
            ready.removeAllListeners('data');
            ready.destroy();
            child.removeAllListeners('exit');
            if (error || port === undefined || child.pid === undefined) {
                child.kill('SIGKILL');
                reject(error ?? new Error('the credentials server did not start'));
                return;
            }
            child.unref();
            resolve({ pid: child.pid, port, logFile });
        };
        const timer = setTimeout(() => finish(new Error(`no answer within ${(timeoutMs / 1000).toFixed(1)} s`)), timeoutMs);
        ready.on('data', (chunk) => {
            said += chunk.toString('utf8');
            const port = /^listening (\d{1,5})\n/.exec(said)?.[1];
            if (port !== undefined)
                finish(undefined, Number(port));
            else if (said.includes('\n') || said.length > 64)
                finish(new Error('it did not say which port it listens on'));
        });
        child.on('error', (error) => finish(error));
        child.on('exit', (code) => finish(new Error(`it exited (code ${code ?? 'none'})`)));
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(`${JSON.stringify(config)}\n`);
    });
}

;// CONCATENATED MODULE: ../src/adapters/credentials-server-process.ts



/** Whether a process with this id exists (EPERM: it exists, as another user's). */
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
/** Linux: whether the process's argv carries this nonce; undefined where /proc cannot tell. */
async function carriesNonce(pid, nonce) {
    try {
        return (await (0,promises_.readFile)(`/proc/${pid}/cmdline`, 'utf8')).split('\0').includes(nonceArgument(nonce));
    }
    catch {
        return process.platform === 'linux' ? false : undefined;
    }
}
/** The authenticated shutdown request; true when the server said yes. */
function askToStop(port, nonce, timeoutMs) {
    return new Promise((resolve) => {
        const request = external_node_http_default().request({ host: '127.0.0.1', port, path: '/shutdown', method: 'POST', headers: { authorization: nonce }, agent: false, timeout: timeoutMs }, (response) => {
            response.resume();
            resolve(response.statusCode === 200);
        });
        request.on('timeout', () => request.destroy());
        request.on('error', () => resolve(false));
        request.end();
    });
}
async function gone(pid, clock, withinMs) {
    for (let waited = 0; waited < withinMs; waited += 50) {
        if (!isAlive(pid))
            return true;
        await clock.sleep(50);
    }
    return !isAlive(pid);
}
/**
 * Stops the server one main step started, and only it: first by its shutdown request (which
 * needs the nonce); a server that does not go is signalled only if its argv carries the nonce.
 */
async function stopCredentialsServer(server, clock) {
    if (!isAlive(server.pid))
        return 'already gone';
    const asked = await askToStop(server.port, server.nonce, 2000);
    if (await gone(server.pid, clock, asked ? 3000 : 0))
        return 'stopped';
    if ((await carriesNonce(server.pid, server.nonce)) !== true)
        return 'not ours';
    for (const signal of ['SIGTERM', 'SIGKILL']) {
        try {
            process.kill(server.pid, signal);
        }
        catch {
            return 'stopped';
        }
        if (await gone(server.pid, clock, 2000))
            return 'stopped';
    }
    return 'still running';
}


/***/ })

};
;