"use strict";
exports.id = 179;
exports.ids = [179];
exports.modules = {

/***/ 2179:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  assumeRoleWithWebIdentity: () => (/* binding */ assumeRoleWithWebIdentity),
  createWebIdentityStsClient: () => (/* binding */ createWebIdentityStsClient),
  requestIdToken: () => (/* binding */ requestIdToken),
  tokenRequestFailure: () => (/* binding */ tokenRequestFailure)
});

// EXTERNAL MODULE: ../node_modules/@aws-sdk/client-sts/dist-es/STSClient.js + 197 modules
var STSClient = __webpack_require__(8222);
// EXTERNAL MODULE: ../node_modules/@aws-sdk/client-sts/dist-es/commandBuilder.js + 3 modules
var commandBuilder = __webpack_require__(2979);
// EXTERNAL MODULE: ../node_modules/@aws-sdk/client-sts/dist-es/schemas/schemas_0.js + 2 modules
var schemas_0 = __webpack_require__(3287);
;// CONCATENATED MODULE: ../node_modules/@aws-sdk/client-sts/dist-es/commands/AssumeRoleWithWebIdentityCommand.js


class AssumeRoleWithWebIdentityCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "AssumeRoleWithWebIdentity", schemas_0/* AssumeRoleWithWebIdentity$ */.p$) {
}

// EXTERNAL MODULE: ../src/shared/step.ts + 3 modules
var step = __webpack_require__(7924);
// EXTERNAL MODULE: ../src/shared/step-failure.ts
var step_failure = __webpack_require__(4168);
// EXTERNAL MODULE: ../src/adapters/aws-endpoint.ts
var aws_endpoint = __webpack_require__(1403);
// EXTERNAL MODULE: ../src/adapters/proxy-handler.ts
var proxy_handler = __webpack_require__(4693);
// EXTERNAL MODULE: ../src/adapters/sts.ts + 2 modules
var sts = __webpack_require__(1598);
// EXTERNAL MODULE: ../src/shared/retry.ts + 1 modules
var retry = __webpack_require__(4713);
// EXTERNAL MODULE: ../src/adapters/aws-call.ts + 1 modules
var aws_call = __webpack_require__(3497);
;// CONCATENATED MODULE: ../src/adapters/sts-web-identity.ts








/**
 * STS reads AssumeRoleWithWebIdentity unsigned: the token is the proof. The SDK models the call as
 * noAuth, so it never asks for credentials; the provider below makes sure that if a future SDK
 * did, the call fails loudly instead of reaching the default chain (which the bundles leave out)
 * or keys that an earlier step left in the environment.
 */
const noCredentials = async () => {
    throw new Error('keyless mode signs nothing: AssumeRoleWithWebIdentity must be sent unsigned');
};
/**
 * The regional endpoint of `region`, unless AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL in the step's
 * environment says otherwise; through the proxy that `proxy` names for it, if any (the proxy
 * agents are loaded only then).
 */
async function createWebIdentityStsClient(region, env, proxy) {
    const endpoint = (0,aws_endpoint/* endpointFromEnv */.h)(env, 'STS');
    const requestHandler = await (0,proxy_handler/* proxyRequestHandler */.q)(proxy);
    return new STSClient/* STSClient */.i({
        region,
        credentials: noCredentials,
        maxAttempts: 1,
        ...(endpoint ? { endpoint } : {}),
        ...(requestHandler ? { requestHandler } : {}),
    });
}
/** The one STS call of keyless mode, under the retry policy with a deadline per attempt. */
async function assumeRoleWithWebIdentity(client, request, options) {
    const answer = await (0,aws_call/* sendWithRetries */.HI)((abortSignal) => client.send(new AssumeRoleWithWebIdentityCommand(request), { abortSignal }), options);
    return (0,sts/* assumedRoleFrom */.vl)(answer, 'STS AssumeRoleWithWebIdentity', { roleArn: request.RoleArn, sessionName: request.RoleSessionName }, options.mask);
}
/**
 * The token request's failure as the retry policy reads failures. The runner adapter's errors
 * already carry an HTTP status, a Node network code or the TimeoutError name; a source that only
 * has text (`core.getIDToken` folds the status into its message) is read back from the message.
 */
function tokenRequestFailure(error) {
    const readable = error instanceof step_failure/* StepFailure */.p ||
        (typeof error === 'object' &&
            error !== null &&
            ('$metadata' in error ||
                error.name === 'TimeoutError' ||
                typeof error.code === 'string'));
    if (readable)
        return error;
    const message = (0,step/* errorText */.kc)(error);
    const failure = new Error(message);
    failure.name = 'IdTokenRequestError';
    const network = /\b(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|EAI_AGAIN|EPIPE|ECONNABORTED|EHOSTUNREACH|ENETUNREACH)\b/.exec(message)?.[1];
    const status = /Error Code\s*:\s*(\d{3})\b/.exec(message)?.[1];
    if (network)
        failure.code = network;
    else if (/socket hang up|timed? ?out/i.test(message))
        failure.code = 'ECONNRESET';
    // Without a status or a network code, assume the service failed (5xx): retried within the policy's bounds.
    if (!network)
        failure.$metadata = { httpStatusCode: status ? Number(status) : 500 };
    return failure;
}
/**
 * The ID token, requested under its own retry policy and deadlines. `mask` runs on the token
 * before this returns, so nothing can print it unmasked.
 */
async function requestIdToken(source, audience, options) {
    const token = await (0,retry/* withRetries */.LH)(async (timeoutMs) => {
        try {
            return await source(audience, timeoutMs);
        }
        catch (error) {
            throw tokenRequestFailure(error);
        }
    }, options.policy, options.clock, options.onRetry);
    options.mask(token);
    return token;
}


/***/ })

};
;