"use strict";
exports.id = 762;
exports.ids = [762];
exports.modules = {

/***/ 8762:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   callerArn: () => (/* binding */ callerArn),
/* harmony export */   createStsClient: () => (/* binding */ createStsClient)
/* harmony export */ });
/* unused harmony exports assumeRole, assumedRoleFrom */
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7876);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3401);
/* harmony import */ var _shared_messages_aws_failures_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3805);
/* harmony import */ var _aws_endpoint_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2841);
/* harmony import */ var _proxy_handler_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1123);
/* harmony import */ var _aws_call_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6611);






/**
 * One client for the run, signing with the limited user's keys. The SDK's own retries are off:
 * withRetries decides what to retry, and the deadlines are ours, so the retry mode, the defaults
 * mode (timeouts) and the request handler are given, not looked up in the environment and the AWS
 * config file. The endpoint is the regional one for `region`, unless AWS_ENDPOINT_URL_STS or
 * AWS_ENDPOINT_URL in the step's environment says otherwise; through the proxy that `proxy` names
 * for it, if any (the proxy agents are loaded only then).
 */
async function createStsClient(keys, env, proxy) {
    const endpoint = (0,_aws_endpoint_js__WEBPACK_IMPORTED_MODULE_1__/* .endpointFromEnv */ .h)(env, 'STS');
    const requestHandler = await (0,_proxy_handler_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyRequestHandler */ .q)(proxy);
    return new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_4__/* .STSClient */ .i({
        region: keys.region,
        credentials: {
            accessKeyId: keys.accessKeyId,
            secretAccessKey: keys.secretAccessKey,
            ...(keys.sessionToken ? { sessionToken: keys.sessionToken } : {}),
        },
        maxAttempts: 1,
        retryMode: 'standard',
        defaultsMode: 'legacy',
        ...(endpoint ? { endpoint } : {}),
        requestHandler: requestHandler ?? {},
    });
}
/** The account and partition of the keys, needed only when role-to-assume is a bare role name. */
async function callerArn(client, options) {
    const identity = await (0,_aws_call_js__WEBPACK_IMPORTED_MODULE_3__/* .sendWithRetries */ .HI)((abortSignal) => client.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_5__/* .GetCallerIdentityCommand */ .z({}), { abortSignal }), options);
    if (!identity.Arn)
        throw new Error((0,_shared_messages_aws_failures_js__WEBPACK_IMPORTED_MODULE_0__/* .incompleteAnswer */ .pv)('STS GetCallerIdentity', 'an ARN'));
    return identity.Arn;
}
async function assumeRole(client, request, options) {
    const answer = await sendWithRetries((abortSignal) => client.send(new AssumeRoleCommand(request), { abortSignal }), options);
    return assumedRoleFrom(answer, 'STS AssumeRole', { roleArn: request.RoleArn ?? '', sessionName: request.RoleSessionName ?? '' }, options.mask);
}
/** The credentials of an AssumeRole-shaped answer, every secret masked before anything else is read. */
function assumedRoleFrom(answer, call, asked, mask) {
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = answer.Credentials ?? {};
    for (const secret of [AccessKeyId, SecretAccessKey, SessionToken])
        if (secret)
            mask(secret);
    const assumedRoleArn = answer.AssumedRoleUser?.Arn;
    const account = assumedRoleArn && accountOfArn(assumedRoleArn);
    if (!AccessKeyId || !SecretAccessKey || !SessionToken || !Expiration || !assumedRoleArn || !account) {
        throw new Error(incompleteAnswer(call, 'complete credentials'));
    }
    return {
        credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken, expiration: Expiration },
        assumedRoleArn,
        roleArn: asked.roleArn,
        account,
        sessionName: asked.sessionName,
    };
}


/***/ })

};
;