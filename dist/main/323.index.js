"use strict";
exports.id = 323;
exports.ids = [323];
exports.modules = {

/***/ 1323:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   requestRunnerIdToken: () => (/* binding */ requestRunnerIdToken)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _shared_proxy_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(5483);



/** A token answer is about a kilobyte; anything much larger is not the runner's token service. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** An HTTP answer as the retry policy reads failures: `$metadata.httpStatusCode`, as the AWS SDK's errors carry it. */
function statusError(message, status) {
    return Object.assign(new Error(message), { name: 'IdTokenRequestError', $metadata: { httpStatusCode: status } });
}
/**
 * One GET that ends at the deadline whatever phase it is in (connecting, waiting, reading): the
 * request is destroyed, and its socket with it, so nothing outlives the attempt and keeps the step
 * from exiting. A fresh connection per request (`agent: false`) unless a proxy applies.
 */
function getOnce(url, headers, agent, timeoutMs) {
    return new Promise((resolve, reject) => {
        const request = (url.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default())).request(url, { method: 'GET', headers, agent: agent ?? false }, (response) => {
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                size += chunk.length;
                if (size > MAX_ANSWER_BYTES)
                    request.destroy(statusError(`GitHub's token service answered more than ${MAX_ANSWER_BYTES} bytes`, 502));
                else
                    chunks.push(chunk);
            });
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            response.on('error', reject);
        });
        const timer = setTimeout(() => {
            request.destroy(Object.assign(new Error(`no ID token within ${(timeoutMs / 1000).toFixed(1)} s`), { name: 'TimeoutError' }));
        }, timeoutMs);
        request.on('error', reject);
        request.on('close', () => clearTimeout(timer));
        request.end();
    });
}
/** The agent for the runner's proxy variables, loaded only when one applies; a password in them is masked first. */
async function proxyAgentFor(env, url, mask) {
    const variables = (0,_shared_proxy_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .maskedProxyVariables */ .Vk)(env, {}, mask);
    if (!(0,_shared_proxy_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .usesProxy */ .Bb)(variables))
        return undefined;
    const { proxyHandlerOptions } = await __webpack_require__.e(/* import() */ 164).then(__webpack_require__.bind(__webpack_require__, 7164));
    const agents = proxyHandlerOptions(variables);
    return url.protocol === 'https:' ? agents?.httpsAgent : agents?.httpAgent;
}
function tokenOf(body) {
    try {
        const value = JSON.parse(body)?.value;
        return typeof value === 'string' && value !== '' ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * GitHub's OIDC ID token for `audience`, requested as `core.getIDToken` does (the runner's URL with
 * `&audience=`, the request token as bearer, `{ value }` back, through the runner's proxy if one
 * is set), with two differences that keyless mode's retry policy needs: one attempt per call (no
 * hidden retries inside), and a deadline that ends the request itself.
 * `mask` gets the token before this returns.
 */
async function requestRunnerIdToken(env, audience, timeoutMs, mask) {
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !requestToken)
        throw statusError('the runner gave this step no ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN', 403);
    const target = new URL(`${url}&audience=${encodeURIComponent(audience)}`);
    const agent = await proxyAgentFor(env, target, mask);
    try {
        const answer = await getOnce(target, { authorization: `Bearer ${requestToken}`, accept: 'application/json', 'user-agent': 'assume-deploy-role' }, agent, timeoutMs);
        if (answer.status < 200 || answer.status > 299)
            throw statusError(`GitHub's token service answered HTTP ${answer.status}`, answer.status);
        const token = tokenOf(answer.body);
        if (token === undefined)
            throw statusError(`GitHub's token service answered HTTP ${answer.status} without a token`, 502);
        mask(token);
        return token;
    }
    finally {
        agent?.destroy();
    }
}


/***/ })

};
;