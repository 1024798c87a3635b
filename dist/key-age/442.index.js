"use strict";
exports.id = 442;
exports.ids = [442];
exports.modules = {

/***/ 7442:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   proxyHandlerOptions: () => (/* binding */ proxyHandlerOptions)
/* harmony export */ });
/* harmony import */ var agent_base__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9707);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var http_proxy_agent__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(879);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7666);
/* harmony import */ var proxy_from_env__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7266);
/* harmony import */ var _shared_proxy_settings_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(5869);







/**
 * proxy-from-env reads process.env only; the variables that apply (the inputs may replace the
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
        return (0,proxy_from_env__WEBPACK_IMPORTED_MODULE_5__/* .getProxyForUrl */ .T)(url);
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
/**
 * Routes each connection the SDK opens: through the proxy that applies to its URL (a CONNECT
 * tunnel for https, an absolute-URI request for http), or directly when NO_PROXY matches.
 */
class ProxyRouter extends agent_base__WEBPACK_IMPORTED_MODULE_0__/* .Agent */ .g6 {
    variables;
    agents = new Map();
    direct = { http: new (node_http__WEBPACK_IMPORTED_MODULE_1___default().Agent)({ keepAlive: true }), https: new (node_https__WEBPACK_IMPORTED_MODULE_2___default().Agent)({ keepAlive: true }) };
    constructor(variables) {
        // Not keep-alive itself: a socket pooled here would be handed to the next request without
        // connect(), so a request for an http endpoint would go to the proxy with a relative path and
        // no Proxy-Authorization (a 407 on every call after the first). The agents below pool instead.
        super({ keepAlive: false });
        this.variables = variables;
    }
    connect(_request, options) {
        const scheme = options.secureEndpoint ? 'https' : 'http';
        const proxy = proxyFor(`${scheme}://${options.host}:${options.port}`, this.variables);
        if (proxy === '')
            return this.direct[scheme];
        const key = `${scheme} ${proxy}`;
        let agent = this.agents.get(key);
        if (!agent) {
            agent = options.secureEndpoint ? new https_proxy_agent__WEBPACK_IMPORTED_MODULE_4__/* .HttpsProxyAgent */ .b(proxy, { keepAlive: true }) : new http_proxy_agent__WEBPACK_IMPORTED_MODULE_3__/* .HttpProxyAgent */ .s(proxy, { keepAlive: true });
            this.agents.set(key, agent);
        }
        return agent;
    }
    /** Ends the sockets of every agent this router handed connections to, not only its own. */
    destroy() {
        super.destroy();
        for (const agent of [this.direct.http, this.direct.https, ...this.agents.values()])
            agent.destroy();
    }
}
/** The SDK's request handler options when a proxy applies; undefined keeps the SDK's own. */
function proxyHandlerOptions(variables) {
    if (!(0,_shared_proxy_settings_js__WEBPACK_IMPORTED_MODULE_6__/* .usesProxy */ .Bb)(variables))
        return undefined;
    const router = new ProxyRouter(variables);
    return { httpAgent: router, httpsAgent: router };
}


/***/ })

};
;