exports.id = 205;
exports.ids = [205];
exports.modules = {

/***/ 205:
/***/ ((module) => {

module.exports = eval("require")("kerberos");


/***/ })

};
;