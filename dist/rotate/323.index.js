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
/* harmony import */ var _shared_proxy_settings_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8451);



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
    const { proxyHandlerOptions } = await __webpack_require__.e(/* import() */ 717).then(__webpack_require__.bind(__webpack_require__, 3717));
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


/***/ }),

/***/ 9134:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ proxyTexts)
/* harmony export */ });
/**
 * What the step says when a proxy is in the way: a tunnel the proxy did not open, a TLS session
 * that did not verify, a plain-http endpoint behind a proxy, a proxy variable that is not a URL.
 * `proxy` is always the proxy's URL with its password already replaced (proxyForDisplay).
 */
const RULE = 'an answer counts only when it comes over a TLS session with the endpoint whose certificate verified';
const proxyTexts = {
    connectRefused: (proxy, target, status) => `The proxy ${proxy} answered CONNECT ${target} with HTTP ${status}, not 200, so no TLS session with ${target} was opened ` +
        `and nothing the proxy sent is used (${RULE}). Check the proxy's rules and credentials for ${target} (407: the proxy wants other credentials; ` +
        `403: it does not allow the host); nothing was exported.`,
    tlsUnverified: (proxy, target, reason) => `Through the proxy ${proxy}, the TLS session with ${target} did not verify (${reason}), so something other than ${target} answered ` +
        `and nothing it sent is used (${RULE}). If the proxy inspects TLS with a certificate authority of its own, give that CA to the step ` +
        `with NODE_EXTRA_CA_CERTS; nothing was exported.`,
    plainHttp: (url, proxy) => `${url} is plain http and the proxy ${proxy} applies to it: through a proxy only https endpoints are used, since over plain http ` +
        `the proxy or anyone on the way could answer in the endpoint's name. Use the https endpoint, or list its host in no-proxy / NO_PROXY ` +
        `to reach it directly; nothing was exported.`,
    /** The value is never shown: it may hold a password, and a fragment of it would be masked badly. */
    notAUrl: (variable) => `${variable}: is not a proxy URL this step can use (http://HOST:PORT or https://HOST:PORT, optionally with USER:PASSWORD@, ` +
        `special characters in the password percent-encoded, / as %2F); the value is not shown, since it may hold a password`,
};


/***/ }),

/***/ 8451:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Vk: () => (/* binding */ maskedProxyVariables),
  is: () => (/* binding */ proxyForDisplay),
  Bb: () => (/* binding */ usesProxy)
});

// UNUSED EXPORTS: isProxyUrl, proxySecrets, proxyVariables

;// CONCATENATED MODULE: ./src/shared/input-problems.ts
/** One error message for every invalid input, each on its own line. */
function describeInputProblems(problems) {
    if (problems.length === 1)
        return `Invalid input ${problems[0]}`;
    return `${problems.length} inputs are invalid:\n${problems.map((problem) => `- ${problem}`).join('\n')}`;
}

// EXTERNAL MODULE: ./src/shared/messages/proxy.ts
var proxy = __webpack_require__(9134);
// EXTERNAL MODULE: ./src/shared/step-failure.ts
var step_failure = __webpack_require__(5528);
;// CONCATENATED MODULE: ./src/shared/proxy-settings.ts



const pick = (env, name) => env[name.toLowerCase()] || env[name.toUpperCase()] || '';
function proxyVariables(env, inputs) {
    return {
        https_proxy: inputs.httpProxy ?? pick(env, 'https_proxy'),
        http_proxy: inputs.httpProxy ?? pick(env, 'http_proxy'),
        all_proxy: inputs.httpProxy === undefined ? pick(env, 'all_proxy') : '',
        no_proxy: inputs.noProxy ?? pick(env, 'no_proxy'),
    };
}
function usesProxy(variables) {
    return variables.https_proxy !== '' || variables.http_proxy !== '' || variables.all_proxy !== '';
}
/** The shortest value registered as a mask, as redact() cuts out no shorter one: a shorter one stars innocent text. */
const MIN_SECRET_LENGTH = 4;
/** A proxy URL as the agents read it (proxy-from-env puts a scheme before a bare HOST:PORT), if they can use it. */
function parseProxyUrl(value) {
    const url = value.includes('://') ? value : `http://${value}`;
    return isProxyUrl(url) ? new URL(url) : undefined;
}
function decoded(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value; // A malformed escape: the value as written is all there is to mask.
    }
}
/**
 * A proxy URL's credentials in every form a log line could show them (as written, decoded, and as
 * the URL parser re-encodes them): the whole user info (`USER:PASSWORD`), and the password, or the
 * user name when there is no password (a token used as the user). The user info ends at the last
 * `@` of the authority, so an unencoded `@` in a password is masked whole; in a URL that does not
 * parse (an unencoded `/` in the password), at the last `@` of all. A piece shorter than
 * MIN_SECRET_LENGTH is not registered on its own: the whole user info around it still is.
 */
function proxySecrets(proxyUrl) {
    const parsed = parseProxyUrl(proxyUrl);
    const rest = proxyUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    const authority = parsed ? (rest.split(/[/?#]/, 1)[0] ?? '') : rest;
    const at = authority.lastIndexOf('@');
    if (at < 0)
        return [];
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(':');
    const secret = colon < 0 ? userInfo : userInfo.slice(colon + 1);
    if (secret === '')
        return [];
    const pieces = [userInfo, secret];
    if (parsed)
        pieces.push(parsed.password === '' ? parsed.username : `${parsed.username}:${parsed.password}`, parsed.password || parsed.username);
    return [...new Set(pieces.flatMap((piece) => [piece, decoded(piece)]))].filter((piece) => piece.length >= MIN_SECRET_LENGTH);
}
/** The proxy as messages name it: scheme, user name and host, the password (or a token user) as `***`. */
function proxyForDisplay(proxyUrl) {
    const url = parseProxyUrl(proxyUrl);
    if (!url)
        return 'a proxy whose URL does not parse';
    const credentials = url.password !== '' ? `${url.username}:***@` : url.username !== '' ? '***@' : '';
    return `${url.protocol}//${credentials}${url.host}`;
}
/** Where each proxy variable that applies came from: the input, or the runner's variable as it is spelled. */
function proxySources(env, inputs) {
    if (inputs.httpProxy !== undefined)
        return [{ name: 'http-proxy', value: inputs.httpProxy }];
    return ['https_proxy', 'http_proxy', 'all_proxy'].map((name) => {
        const spelled = env[name] ? name : name.toUpperCase();
        return { name: spelled, value: env[spelled] ?? '' };
    });
}
/**
 * The proxy variables that apply, every credential in them registered as a secret first; one input
 * error, naming the variable and never its value, when one is not a URL the agents can use.
 */
function maskedProxyVariables(env, inputs, mask) {
    const sources = proxySources(env, inputs).filter((source) => source.value !== '');
    for (const source of sources)
        proxySecrets(source.value).forEach(mask);
    const unusable = sources.find((source) => !parseProxyUrl(source.value));
    if (unusable)
        throw new step_failure/* StepFailure */.p(describeInputProblems([proxy/* proxyTexts */.$.notAUrl(unusable.name)]));
    return proxyVariables(env, inputs);
}
/** The http-proxy input's rule: an http or https URL with a host. */
function isProxyUrl(value) {
    try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    }
    catch {
        return false;
    }
}


/***/ })

};
;