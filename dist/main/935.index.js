"use strict";
exports.id = 935;
exports.ids = [935];
exports.modules = {

/***/ 1935:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readTokenFile: () => (/* binding */ readTokenFile)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ../src/shared/messages/token-file.ts
/** web-identity-token-file's reader (adapters/token-file.ts): why a file could not be used; nothing was sent to AWS. */
const tokenFileRefusals = {
    noWorkspace: (given) => `web-identity-token-file ${given}: a relative path needs GITHUB_WORKSPACE, which is not set; give the absolute path`,
    outsideWorkspace: (given) => `web-identity-token-file ${given}: the file (symbolic links resolved) is outside the workspace, and this action reads nothing outside it; on EKS, copy the token in a step before (install -m 600 "$AWS_WEB_IDENTITY_TOKEN_FILE" web-identity-token) and give that path`,
    unreadable: (given, code) => `web-identity-token-file ${given}: the file cannot be read (${code}); check the path and that this job's user may read it`,
    notAFile: (given) => `web-identity-token-file ${given}: not a regular file`,
    tooLarge: (given, max) => `web-identity-token-file ${given}: larger than ${max} bytes, the most STS takes as a web identity token; is it the token file?`,
    notAToken: (given) => `web-identity-token-file ${given}: the file does not hold a JSON web token (three base64url parts separated by dots)`,
};

// EXTERNAL MODULE: ../src/adapters/workspace-path.ts
var workspace_path = __webpack_require__(5105);
;// CONCATENATED MODULE: ../src/adapters/token-file.ts





/** The most STS takes as a WebIdentityToken. */
const MAX_TOKEN_BYTES = 20000;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/**
 * Where the file really is (symbolic links resolved), if it is in the workspace: the action reads
 * nothing outside it, a Kubernetes service-account token (/var/run/secrets/…) included.
 */
async function permittedPath(given, workspace) {
    if (!workspace)
        return { ok: false, reason: external_node_path_default().isAbsolute(given) ? tokenFileRefusals.outsideWorkspace(given) : tokenFileRefusals.noWorkspace(given) };
    try {
        const real = await (0,workspace_path/* realPathInWorkspace */.W)(workspace, external_node_path_default().resolve(workspace, given));
        return real ? { ok: true, file: real } : { ok: false, reason: tokenFileRefusals.outsideWorkspace(given) };
    }
    catch (error) {
        return { ok: false, reason: tokenFileRefusals.unreadable(given, error.code ?? 'error') };
    }
}
/**
 * web-identity-token-file: a file in the workspace, read
 * once, at most MAX_TOKEN_BYTES, and only when it holds a JSON web token. The token is a secret:
 * the caller masks it before anything else; no message here quotes the file's content.
 */
async function readTokenFile(given, workspace) {
    const place = await permittedPath(given, workspace);
    if (!place.ok)
        return place;
    let handle;
    try {
        handle = await (0,promises_.open)(place.file, external_node_fs_.constants.O_RDONLY | external_node_fs_.constants.O_NOFOLLOW);
    }
    catch (error) {
        return { ok: false, reason: tokenFileRefusals.unreadable(given, error.code ?? 'error') };
    }
    try {
        const stats = await handle.stat();
        if (!stats.isFile())
            return { ok: false, reason: tokenFileRefusals.notAFile(given) };
        if (stats.size > MAX_TOKEN_BYTES)
            return { ok: false, reason: tokenFileRefusals.tooLarge(given, MAX_TOKEN_BYTES) };
        const buffer = Buffer.alloc(MAX_TOKEN_BYTES + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (bytesRead > MAX_TOKEN_BYTES)
            return { ok: false, reason: tokenFileRefusals.tooLarge(given, MAX_TOKEN_BYTES) };
        const token = buffer.subarray(0, bytesRead).toString('utf8').trim();
        return JWT.test(token) ? { ok: true, token } : { ok: false, reason: tokenFileRefusals.notAToken(given) };
    }
    finally {
        await handle.close();
    }
}


/***/ })

};
;