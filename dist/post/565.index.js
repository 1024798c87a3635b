"use strict";
exports.id = 565;
exports.ids = [565];
exports.modules = {

/***/ 565:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FILE_MODE: () => (/* binding */ FILE_MODE),
/* harmony export */   FOLDER_MODE: () => (/* binding */ FOLDER_MODE),
/* harmony export */   fileProfileStore: () => (/* binding */ fileProfileStore),
/* harmony export */   profilePaths: () => (/* binding */ profilePaths)
/* harmony export */ });
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_os__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



function expandHome(file, home) {
    return file === '~' || file.startsWith('~/') ? node_path__WEBPACK_IMPORTED_MODULE_2___default().join(home, file.slice(1)) : file;
}
function profilePaths(env) {
    const home = env.HOME || (0,node_os__WEBPACK_IMPORTED_MODULE_1__.homedir)();
    return {
        credentials: expandHome(env.AWS_SHARED_CREDENTIALS_FILE || node_path__WEBPACK_IMPORTED_MODULE_2___default().join(home, '.aws', 'credentials'), home),
        config: expandHome(env.AWS_CONFIG_FILE || node_path__WEBPACK_IMPORTED_MODULE_2___default().join(home, '.aws', 'config'), home),
    };
}
const FILE_MODE = 0o600;
const FOLDER_MODE = 0o700;
const fileProfileStore = {
    async read(file) {
        try {
            return await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(file, 'utf8');
        }
        catch (error) {
            if (error.code === 'ENOENT')
                return undefined;
            throw error;
        }
    },
    async write(file, text) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.mkdir)(node_path__WEBPACK_IMPORTED_MODULE_2___default().dirname(file), { recursive: true, mode: FOLDER_MODE });
        // A whole new file renamed over the old one: a reader never sees half a file, and a
        // symbolic link (a dotfiles checkout) is written through rather than replaced.
        const target = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.realpath)(file).catch(() => file);
        const temporary = `${target}.${process.pid}.tmp`;
        try {
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.writeFile)(temporary, text, { mode: FILE_MODE });
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.chmod)(temporary, FILE_MODE);
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rename)(temporary, target);
        }
        catch (error) {
            // The temporary file holds the credentials too.
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(temporary, { force: true });
            throw error;
        }
    },
    async remove(file) {
        await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.rm)(file, { force: true });
    },
};


/***/ })

};
;