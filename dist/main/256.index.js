exports.id = 256;
exports.ids = [256];
exports.modules = {

/***/ 256:
/***/ ((module) => {

module.exports = eval("require")("kerberos");


/***/ })

};
;