exports.id = 256;
exports.ids = [256];
exports.modules = {

/***/ 6256:
/***/ ((module) => {

module.exports = eval("require")("kerberos");


/***/ })

};
;