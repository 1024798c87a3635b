"use strict";
exports.id = 592;
exports.ids = [592];
exports.modules = {

/***/ 3592:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MAX_TOKEN_BYTES: () => (/* binding */ MAX_TOKEN_BYTES),
/* harmony export */   readTokenFile: () => (/* binding */ readTokenFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8516);




/** The most STS takes as a WebIdentityToken. */
const MAX_TOKEN_BYTES = 20000;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const inside = (dir, file) => file.startsWith(dir.endsWith((node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)) ? dir : `${dir}${(node_path__WEBPACK_IMPORTED_MODULE_2___default().sep)}`);
/**
 * Where the file really is (symbolic links resolved), if it is in the workspace: the action reads
 * nothing outside it, a Kubernetes service-account token (/var/run/secrets/…) included.
 */
async function permittedPath(given, workspace) {
    if (!node_path__WEBPACK_IMPORTED_MODULE_2___default().isAbsolute(given) && !workspace)
        return { ok: false, reason: _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenFileRefusals */ .tS.noWorkspace(given) };
    const resolved = node_path__WEBPACK_IMPORTED_MODULE_2___default().resolve(workspace ?? '/', given);
    let real;
    try {
        real = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(resolved);
    }
    catch (error) {
        return { ok: false, reason: _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenFileRefusals */ .tS.unreadable(given, error.code ?? 'error') };
    }
    const inWorkspace = workspace !== undefined && inside(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.realpath)(workspace).catch(() => workspace), real);
    return inWorkspace ? { ok: true, file: real } : { ok: false, reason: _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenFileRefusals */ .tS.outsideWorkspace(given) };
}
/**
 * web-identity-token-file: a file in the workspace, read
 * once, at most MAX_TOKEN_BYTES, and only when it holds a JSON web token. The token is a secret:
 * the caller masks it before anything else; no message here quotes the file's content.
 */
async function readTokenFile(given, workspace) {
    const place = await permittedPath(given, workspace);
    if (!place.ok || !('file' in place))
        return place;
    let handle;
    try {
        handle = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.open)(place.file, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NOFOLLOW);
    }
    catch (error) {
        return { ok: false, reason: _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenFileRefusals */ .tS.unreadable(given, error.code ?? 'error') };
    }
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            return { ok: false, reason: _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenFileRefusals */ .tS.notAFile(given) };
        if (stats.size > MAX_TOKEN_BYTES)
            return { ok: false, reason: _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenFileRefusals */ .tS.tooLarge(given, MAX_TOKEN_BYTES) };
        const buffer = Buffer.alloc(MAX_TOKEN_BYTES + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (bytesRead > MAX_TOKEN_BYTES)
            return { ok: false, reason: _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenFileRefusals */ .tS.tooLarge(given, MAX_TOKEN_BYTES) };
        const token = buffer.subarray(0, bytesRead).toString('utf8').trim();
        return JWT.test(token) ? { ok: true, token } : { ok: false, reason: _shared_messages_peer_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .tokenFileRefusals */ .tS.notAToken(given) };
    }
    finally {
        await handle.close();
    }
}


/***/ })

};
;