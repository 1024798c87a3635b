"use strict";
exports.id = 472;
exports.ids = [472];
exports.modules = {

/***/ 472:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createIssueTracker: () => (/* binding */ createIssueTracker)
});

// EXTERNAL MODULE: ../../node_modules/@actions/github/lib/github.js + 22 modules
var lib_github = __webpack_require__(1329);
// EXTERNAL MODULE: ../../src/shared/redact.ts + 1 modules
var redact = __webpack_require__(3131);
;// CONCATENATED MODULE: ../../src/shared/messages/github-calls.ts

/** The one retry loop for GitHub (adapters/github-call.ts). */
const gitHubCallTexts = {
    noAnswer: (ms) => `no answer within ${(ms / 1000).toFixed(0)} s`,
    redirectRefused: (status, method, origin) => `GitHub answered HTTP ${status}, a redirect to ${origin === undefined ? 'an unreadable location' : (0,redact/* redact */.E$)(origin)}; ${method === 'GET' ? 'a redirect to another origin is' : 'a write is'} never followed (the token would go with it)`,
    waitTooLong: (said, ms) => `${said} (GitHub asks to wait ${Math.ceil(ms / 1000)} s, longer than this call may take)`,
    badPublicKey: 'GitHub answered without a usable public key (key_id and a 32-byte base64 key)',
    badSecretList: 'GitHub answered the list of secrets without a secrets array',
    plainHttpThroughProxy: (origin, proxy) => `GitHub's API at ${(0,redact/* redact */.E$)(origin)} is plain http and a proxy (${proxy}) applies to it: over plain http the proxy could answer in GitHub's name, ` +
        'so nothing was sent. Use an https GITHUB_API_URL, or add its host to NO_PROXY if this runner reaches it directly',
    noViewer: 'GitHub GraphQL named no viewer for github-token',
    noPublicKey: (said) => `could not get the secrets' public key, so nothing was sent: ${said}`,
};

// EXTERNAL MODULE: ../../src/shared/github-failure.ts
var github_failure = __webpack_require__(8007);
// EXTERNAL MODULE: ../../src/shared/proxy-settings.ts
var proxy_settings = __webpack_require__(5869);
// EXTERNAL MODULE: ../../src/shared/retry.ts + 1 modules
var shared_retry = __webpack_require__(2467);
;// CONCATENATED MODULE: ../../src/adapters/github-retry.ts

const GITHUB_DEADLINES = {
    attemptTimeoutMs: 10000,
    totalBudgetMs: 30000,
    maxAttempts: 3,
    baseDelayMs: 500,
    maxDelayMs: 4000,
};
/** GitHub's advice for a secondary rate limit that names no time: wait at least a minute. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;
const header = (headers, name) => {
    const value = headers[name];
    return value === undefined ? undefined : String(value);
};
/** The wait a rate-limited answer asks for, by GitHub's clock (its `Date`), never the local one. */
function askedWait(status, headers, message) {
    const retryAfter = header(headers, 'retry-after');
    if (retryAfter !== undefined && /^\d{1,6}$/.test(retryAfter))
        return Number(retryAfter) * 1000;
    const reset = header(headers, 'x-ratelimit-reset');
    const serverNow = Date.parse(header(headers, 'date') ?? '');
    if (header(headers, 'x-ratelimit-remaining') === '0' && reset !== undefined && /^\d{1,12}$/.test(reset) && !Number.isNaN(serverNow)) {
        return Math.max(0, Number(reset) * 1000 - serverNow) + 1000;
    }
    if ((status === 403 || status === 429) && /secondary rate limit/i.test(message))
        return SECONDARY_LIMIT_WAIT_MS;
    return undefined;
}
/**
 * Whether an HTTP answer can heal by waiting, and how long: 5xx with backoff; 429, and a 403 that
 * is a rate limit (primary or secondary), after the wait GitHub asks for. Anything else is final.
 */
function verdictForStatus(status, headers, message, retry, deadlines, random) {
    const backoff = (0,shared_retry/* backoffDelay */.EY)(retry, deadlines, random);
    if (status >= 500 && status <= 599)
        return { retry: true, delayMs: backoff };
    if (status !== 403 && status !== 429)
        return { retry: false };
    const asked = askedWait(status, headers, message);
    if (asked !== undefined)
        return { retry: true, delayMs: Math.max(asked, backoff), askedMs: asked };
    return status === 429 ? { retry: true, delayMs: backoff } : { retry: false };
}

// EXTERNAL MODULE: ../../src/adapters/proxy-for-url.ts
var proxy_for_url = __webpack_require__(2500);
// EXTERNAL MODULE: ../../src/adapters/system-clock.ts
var system_clock = __webpack_require__(9454);
;// CONCATENATED MODULE: ../../src/adapters/github-call.ts








/** A redirect is followed only for a read to GitHub's own origin, never for a write and never elsewhere. */
const MAX_REDIRECTS = 3;
function field(value, name) {
    return typeof value === 'object' && value !== null ? value[name] : undefined;
}
/** The first Node or undici error code along the `cause` chain (fetch wraps them in TypeError). */
function networkCode(error) {
    for (let cause = error, depth = 0; cause !== undefined && depth < 5; cause = field(cause, 'cause'), depth++) {
        const code = field(cause, 'code');
        if (typeof code === 'string')
            return code;
    }
    return undefined;
}
function messageOf(error) {
    const message = field(error, 'message');
    return typeof message === 'string' ? message : String(error);
}
/**
 * A connection's failure in the words of every link of its `cause` chain: fetch says only "fetch
 * failed", the reason (a proxy's refusal, a certificate) is in undici's error beneath it.
 */
function networkMessageOf(error) {
    const messages = [];
    for (let cause = error, depth = 0; cause !== undefined && depth < 5; cause = field(cause, 'cause'), depth++) {
        const message = messageOf(cause);
        if (message !== '' && !messages.includes(message))
            messages.push(message);
    }
    return messages.join(': ');
}
const headersOf = (value) => (field(value, 'headers') ?? {});
/**
 * The proxy GitHub's transport would send a plain http request to `base` through, if any:
 * @actions/github's undici ProxyAgent reads http_proxy / HTTP_PROXY and no_proxy from the process.
 */
function proxyForPlainHttp(base) {
    if (new URL(base).protocol !== 'http:')
        return undefined;
    const proxy = (0,proxy_for_url/* proxyFor */.i)(base, { ...(0,proxy_settings/* proxyVariables */.eq)(process.env, {}), https_proxy: '', all_proxy: '' });
    return proxy === '' ? undefined : proxy;
}
function targetOf(location, base) {
    try {
        return location ? new URL(location, base) : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Puts every request of `github` (REST, pagination and GraphQL alike) under the one retry loop for
 * GitHub: per-attempt and total deadlines on the Clock port, bounded retries for what can heal (no
 * answer, a dropped connection, 5xx), and the waits GitHub asks for (Retry-After, a rate limit's
 * reset, a secondary limit) when they fit in the budget. Octokit reports a reset or a timeout as
 * "HTTP 500"; here they keep their own names. (@octokit/plugin-retry and plugin-throttling were
 * weighed: they wait on timers and the local clock outside the Clock port, have no per-attempt
 * deadline, follow redirects and cannot say whether a failed write may have been carried out.)
 */
function withDeadlines(github, deadlines = GITHUB_DEADLINES, options = {}) {
    const clock = options.clock ?? system_clock/* systemClock */.m;
    let startedAt;
    github.hook.wrap('request', async (request, requestOptions) => {
        const start = options.budget === 'per-request' ? clock.now() : (startedAt ??= clock.now());
        const elapsed = () => clock.now() - start;
        const timeLeft = () => deadlines.totalBudgetMs - elapsed();
        const method = String(requestOptions.method ?? 'GET').toUpperCase();
        const base = String(requestOptions.baseUrl ?? 'https://api.github.com');
        const origin = new URL(base).origin;
        // Through a proxy, only an answer over a TLS session verified for GitHub's host counts.
        const proxy = proxyForPlainHttp(base);
        if (proxy !== undefined)
            throw new github_failure/* GitHubCallFailed */.L('refused', gitHubCallTexts.plainHttpThroughProxy(origin, (0,proxy_settings/* proxyForDisplay */.is)(proxy)), 0, 0);
        const noteDate = (headers) => {
            const at = Date.parse(String(headers.date ?? ''));
            if (!Number.isNaN(at))
                options.onServerDate?.(at, clock.now());
        };
        let outcomeUnknown = false;
        let redirects = 0;
        for (let attempt = 1;; attempt++) {
            // One timer per attempt, never past the total budget.
            const attemptAbort = new AbortController();
            const timer = setTimeout(() => attemptAbort.abort(), Math.max(1, Math.min(deadlines.attemptTimeoutMs, timeLeft())));
            try {
                // The inner hook (the token's) merges the options it was bound to, this same object, and
                // drops any new object passed to `request`: so the attempt's signal goes into this one.
                requestOptions.request = { ...requestOptions.request, signal: attemptAbort.signal, redirect: 'manual' };
                const answer = await request(requestOptions);
                // Octokit swallows an abort while it reads the body (a trickled answer) and returns no data.
                if (attemptAbort.signal.aborted)
                    throw new Error('the answer was cut off at the deadline');
                noteDate(answer.headers);
                if (answer.status >= 300 && answer.status < 400) {
                    const target = targetOf(answer.headers.location === undefined ? undefined : String(answer.headers.location), base);
                    if (method === 'GET' && target?.origin === origin && redirects++ < MAX_REDIRECTS) {
                        requestOptions.url = target.href;
                        attempt--;
                        continue;
                    }
                    throw new github_failure/* GitHubCallFailed */.L('http', gitHubCallTexts.redirectRefused(answer.status, method, target?.origin), attempt, elapsed(), answer.status, undefined, outcomeUnknown);
                }
                return answer;
            }
            catch (error) {
                if (error instanceof github_failure/* GitHubCallFailed */.L)
                    throw error;
                const response = field(error, 'response');
                const status = field(response, 'status');
                if (response !== undefined)
                    noteDate(headersOf(response));
                let failure;
                let delayMs;
                const write = method !== 'GET' && method !== 'HEAD';
                if (attemptAbort.signal.aborted || typeof status !== 'number') {
                    outcomeUnknown ||= write;
                    failure = attemptAbort.signal.aborted
                        ? new github_failure/* GitHubCallFailed */.L('timeout', gitHubCallTexts.noAnswer(Math.min(deadlines.attemptTimeoutMs, elapsed())), attempt, elapsed(), undefined, undefined, outcomeUnknown)
                        : new github_failure/* GitHubCallFailed */.L('network', networkMessageOf(error), attempt, elapsed(), undefined, networkCode(error), outcomeUnknown);
                    delayMs = (0,shared_retry/* backoffDelay */.EY)(attempt, deadlines, clock.random);
                }
                else {
                    const verdict = verdictForStatus(status, headersOf(response), messageOf(error), attempt, deadlines, clock.random);
                    if (!verdict.retry) {
                        if (!outcomeUnknown)
                            throw error;
                        throw new github_failure/* GitHubCallFailed */.L('http', messageOf(error), attempt, elapsed(), status, undefined, true);
                    }
                    if (status >= 500)
                        outcomeUnknown ||= write;
                    const said = verdict.askedMs !== undefined && verdict.askedMs > timeLeft()
                        ? gitHubCallTexts.waitTooLong(messageOf(error), verdict.askedMs)
                        : messageOf(error);
                    failure = new github_failure/* GitHubCallFailed */.L('http', said, attempt, elapsed(), status, undefined, outcomeUnknown);
                    delayMs = verdict.delayMs;
                }
                if (attempt >= deadlines.maxAttempts || timeLeft() - delayMs < 500)
                    throw failure;
                await clock.sleep(delayMs);
            }
            finally {
                clearTimeout(timer);
            }
        }
    });
    return github;
}

;// CONCATENATED MODULE: ../../src/adapters/github-issues.ts



/** Our own open issues are one or two; the bound only guards against a listing that never ends. */
const MAX_PAGES = 5;
/**
 * The tracking issue's calls over @actions/github (its proxy-aware transport), under the one retry
 * loop for GitHub (github-call.ts). The viewer comes from GraphQL `viewer`, which answers for every
 * kind of token (REST `GET /user` refuses the workflow's installation token).
 * `fetch` replaces the proxy-aware transport of @actions/github; only tests pass one, to answer
 * through nock or a loopback server, which see the global fetch but not undici's.
 */
function createIssueTracker(token, repository, fetch, baseUrl, deadlines = GITHUB_DEADLINES, clock) {
    const github = withDeadlines((0,lib_github/* getOctokit */.Q)(token, {
        ...(fetch ? { request: { fetch } } : {}),
        ...(baseUrl ? { baseUrl } : {}),
    }), deadlines, clock ? { clock } : {});
    return {
        viewerLogin: async () => {
            const answer = await github.graphql('query { viewer { login } }');
            const login = answer.viewer?.login;
            if (typeof login !== 'string' || login === '')
                throw new Error(gitHubCallTexts.noViewer);
            return login;
        },
        listOpenBy: async (login) => {
            const issues = [];
            let page = 0;
            for await (const response of github.paginate.iterator(github.rest.issues.listForRepo, {
                ...repository,
                state: 'open',
                creator: login,
                per_page: 100,
            })) {
                for (const issue of response.data) {
                    if (issue.pull_request === undefined)
                        issues.push({ number: issue.number, body: issue.body ?? '', author: issue.user?.login ?? '' });
                }
                if (++page >= MAX_PAGES)
                    break;
            }
            return issues;
        },
        create: async (title, body) => Number((await github.rest.issues.create({ ...repository, title, body })).data.number),
        update: async (number, title, body) => {
            await github.rest.issues.update({ ...repository, issue_number: number, title, body });
        },
        comment: async (number, body) => {
            await github.rest.issues.createComment({ ...repository, issue_number: number, body });
        },
        close: async (number, reason) => {
            await github.rest.issues.update({ ...repository, issue_number: number, state: 'closed', state_reason: reason });
        },
    };
}


/***/ }),

/***/ 2500:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ proxyFor)
/* harmony export */ });
/* harmony import */ var proxy_from_env__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7266);

/**
 * The proxy that applies to `url` ('' for none). proxy-from-env reads process.env only; the variables that apply (the inputs may replace the
 * runner's) are put there for the one synchronous call and then restored.
 */
function proxyFor(url, variables) {
    const names = Object.keys(variables).flatMap((name) => [name, name.toUpperCase()]);
    const saved = names.map((name) => [name, process.env[name]]);
    try {
        for (const name of names)
            delete process.env[name];
        for (const [name, value] of Object.entries(variables))
            if (value !== '')
                process.env[name] = value;
        return (0,proxy_from_env__WEBPACK_IMPORTED_MODULE_0__/* .getProxyForUrl */ .T)(url);
    }
    finally {
        for (const [name, value] of saved) {
            if (value === undefined)
                delete process.env[name];
            else
                process.env[name] = value;
        }
    }
}


/***/ })

};
;