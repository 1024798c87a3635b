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
/* harmony import */ var _github_call_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3063);


/** Our own open issues are one or two; the bound only guards against a listing that never ends. */
const MAX_PAGES = 5;
/**
 * `fetch` replaces the proxy-aware transport of @actions/github; only tests pass one, to answer
 * through nock or a loopback server, which see the global fetch but not undici's.
 */
function createIssueApi(token, repository, fetch, baseUrl, deadlines = _github_call_js__WEBPACK_IMPORTED_MODULE_1__/* .GITHUB_DEADLINES */ .yG, clock) {
    const github = (0,_github_call_js__WEBPACK_IMPORTED_MODULE_1__/* .withDeadlines */ .yZ)((0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, {
        ...(fetch ? { request: { fetch } } : {}),
        ...(baseUrl ? { baseUrl } : {}),
    }), deadlines, clock ? { clock } : {});
    return {
        viewerLogin: async () => {
            const answer = await github.graphql('query { viewer { login } }');
            const login = answer.viewer?.login;
            if (typeof login !== 'string' || login === '')
                throw new Error('GitHub GraphQL named no viewer for github-token');
            return login;
        },
        listOpenBy: async (login) => {
            const issues = [];
            let page = 0;
            for await (const response of github.paginate.iterator(github.rest.issues.listForRepo, { ...repository, state: 'open', creator: login, per_page: 100 })) {
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


/***/ })

};
;