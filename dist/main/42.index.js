"use strict";
exports.id = 42;
exports.ids = [42];
exports.modules = {

/***/ 4042:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   launchCredentialsServer: () => (/* binding */ launchCredentialsServer),
/* harmony export */   nonceArgument: () => (/* binding */ nonceArgument)
/* harmony export */ });
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



/** The argument that marks the server's process as started by one step (its nonce). */
const nonceArgument = (nonce) => `--nonce=${nonce}`;
/** Variables the server's environment keeps: the runner's orphan-process tracking, and CA settings. */
const KEPT_VARIABLES = ['RUNNER_TRACKING_ID', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'TZ'];
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
    const script = options.script ?? node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(process.argv[1] ?? '.'), '..', 'credentials-server', 'index.js');
    const log = (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync)(logFile, 'a', 0o600);
    const keptEnv = Object.fromEntries(KEPT_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
    const child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(process.execPath, [script, nonceArgument(config.nonce)], {
        detached: true,
        stdio: ['pipe', log, log, 'pipe'],
        env: keptEnv,
        cwd: node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(logFile),
    });
    (0,node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync)(log);
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


/***/ })

};
;