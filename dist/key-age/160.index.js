"use strict";
exports.id = 160;
exports.ids = [160];
exports.modules = {

/***/ 3160:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createIssueApi: () => (/* binding */ createIssueApi)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1329);

/** Per attempt; Octokit makes one attempt per call. */
const REQUEST_TIMEOUT_MS = 10000;
/**
 * `fetch` replaces the proxy-aware transport of @actions/github; only tests pass one, to answer
 * through nock or a loopback server, which see the global fetch but not undici's.
 */
function createIssueApi(token, repository, fetch, baseUrl) {
    const github = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
        ...(fetch ? { request: { fetch } } : {}),
        ...(baseUrl ? { baseUrl } : {}),
    });
    const signal = () => ({ request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } });
    return {
        listOpen: async () => {
            const issues = await github.paginate(github.rest.issues.listForRepo, { ...repository, state: 'open', per_page: 100, ...signal() });
            return issues.filter((issue) => issue.pull_request === undefined).map((issue) => ({ number: issue.number, body: issue.body ?? '' }));
        },
        create: async (title, body) => Number((await github.rest.issues.create({ ...repository, title, body, ...signal() })).data.number),
        update: async (number, title, body) => {
            await github.rest.issues.update({ ...repository, issue_number: number, title, body, ...signal() });
        },
        comment: async (number, body) => {
            await github.rest.issues.createComment({ ...repository, issue_number: number, body, ...signal() });
        },
        close: async (number, reason) => {
            await github.rest.issues.update({ ...repository, issue_number: number, state: 'closed', state_reason: reason, ...signal() });
        },
    };
}


/***/ })

};
;