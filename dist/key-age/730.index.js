"use strict";
exports.id = 730;
exports.ids = [730];
exports.modules = {

/***/ 3349:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   requestRunnerIdToken: () => (/* binding */ requestRunnerIdToken)
/* harmony export */ });
/* harmony import */ var _actions_http_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(66);
/* harmony import */ var _actions_http_client_auth__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(381);
// @actions/http-client under the package's own alias (package.json "imports"): the main and post
// bundles give @actions/core a stand-in for it (build-stubs/README.md) and this real one only to
// keyless mode, in a chunk the key path never reads (src/adapters/actions-io.ts loads it).


/** An HTTP answer as the retry policy reads failures: `$metadata.httpStatusCode`, as the AWS SDK's errors carry it. */
function statusError(message, status) {
    return Object.assign(new Error(message), { name: 'IdTokenRequestError', $metadata: { httpStatusCode: status } });
}
/**
 * GitHub's OIDC ID token for `audience`, requested as `core.getIDToken` does (the runner's URL with
 * `&audience=`, the request token as bearer, `{ value }` back), with two differences that keyless
 * mode's retry policy needs: one attempt per call (no hidden retries inside), and a deadline that
 * ends the request itself, so no socket outlives the attempt and keeps the step from exiting.
 * `mask` gets the token before this returns.
 */
async function requestRunnerIdToken(env, audience, timeoutMs, mask) {
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !requestToken)
        throw statusError('the runner gave this step no ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN', 403);
    const client = new _actions_http_client__WEBPACK_IMPORTED_MODULE_0__/* .HttpClient */ .Qq('assume-deploy-role', [new _actions_http_client_auth__WEBPACK_IMPORTED_MODULE_1__/* .BearerCredentialHandler */ .tZ(requestToken)], { allowRetries: false, socketTimeout: timeoutMs, keepAlive: false });
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => {
            client.dispose();
            reject(Object.assign(new Error(`no ID token within ${(timeoutMs / 1000).toFixed(1)} s`), { name: 'TimeoutError' }));
        }, timeoutMs);
    });
    try {
        const answer = await Promise.race([client.getJson(`${url}&audience=${encodeURIComponent(audience)}`), deadline]);
        const token = answer.result?.value;
        if (typeof token !== 'string' || token === '')
            throw statusError(`GitHub's token service answered HTTP ${answer.statusCode} without a token`, answer.statusCode === 200 ? 502 : answer.statusCode);
        mask(token);
        return token;
    }
    catch (error) {
        const status = error.statusCode;
        if (typeof status === 'number')
            throw statusError(`GitHub's token service answered HTTP ${status}`, status);
        throw error;
    }
    finally {
        clearTimeout(timer);
        client.dispose();
    }
}


/***/ })

};
;