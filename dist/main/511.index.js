"use strict";
exports.id = 511;
exports.ids = [511];
exports.modules = {

/***/ 3511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  publishRefreshing: () => (/* binding */ publishRefreshing)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
;// CONCATENATED MODULE: ../src/shared/messages/credentials-server.ts
/**
 * Texts of refresh-credentials: the main step's and post step's lines, and the credentials
 * server's own log (a file under RUNNER_TEMP, cleaned of every secret before it is written).
 */
const iso = (date) => date.toISOString();
const credentialsServerTexts = {
    started: (port, logFile) => `Started the credentials server on 127.0.0.1:${port} (log: ${logFile}); the following steps get refreshed credentials through AWS_CONTAINER_CREDENTIALS_FULL_URI`,
    notStarted: (reason) => `refresh-credentials: the credentials server did not start (${reason}); nothing was exported. Its log under RUNNER_TEMP may say more; set refresh-credentials: false to export the session itself`,
    stopped: 'Stopped the credentials server; its session is wiped',
    alreadyGone: 'The credentials server had already stopped',
    notOurs: (pid) => `Process ${pid} is not the credentials server this job started; it was left alone`,
    stopFailed: (pid, reason) => `Could not stop the credentials server (process ${pid}): ${reason}. It stops by itself when the job ends`,
};
const serverLog = {
    listening: (port, expiration) => `listening on 127.0.0.1:${port}; the current session expires at ${iso(expiration)}`,
    refreshed: (expiration) => `re-assumed the role; the new session expires at ${iso(expiration)}`,
    refreshRetry: (reason, next, expiration) => `the refresh failed and may heal (${reason}); the current session is served until ${expiration ? iso(expiration) : 'none is left'}, next try at ${iso(next)}`,
    refreshRefused: (reason, expiration) => `the refresh was refused for good (${reason}); no more tries: the current session is served until ${expiration ? iso(expiration) : 'none is left'}, then clients get HTTP 503. Check the role's trust policy and the limited user's key`,
    stopped: (reason) => `stopped (${reason === 'shutdown' ? 'the post step asked' : reason === 'parent' ? "the job's runner process is gone" : "the job's longest run is over"}); the session is wiped`,
    badConfig: (what) => `refused to start: ${what}`,
};

// EXTERNAL MODULE: ../src/shared/redact.ts
var redact = __webpack_require__(2628);
// EXTERNAL MODULE: ../src/shared/step.ts + 3 modules
var step = __webpack_require__(7924);
// EXTERNAL MODULE: ../src/shared/step-failure.ts
var step_failure = __webpack_require__(4168);
// EXTERNAL MODULE: ../src/assume-role/credential-exports.ts
var credential_exports = __webpack_require__(9346);
// EXTERNAL MODULE: ../src/assume-role/peer-options.ts
var peer_options = __webpack_require__(2126);
;// CONCATENATED MODULE: ../src/assume-role/refreshing-exports.ts







/** The longest a job runs: 6 hours on GitHub-hosted runners, 5 days on self-hosted ones. */
const jobLimitMs = (env) => (env.RUNNER_ENVIRONMENT === 'self-hosted' ? 5 * 24 : 6) * 60 * 60 * 1000;
const START_TIMEOUT_MS = 10_000;
function sourceFor(io, assumed, plan) {
    if (plan.kind === 'keys')
        return { kind: 'keys', accessKeyId: plan.keys.accessKeyId, secretAccessKey: plan.keys.secretAccessKey, request: plan.request };
    const { inputs } = plan;
    return {
        kind: 'keyless',
        // keyless.ts checked both before the first token request.
        idTokenRequestUrl: io.env.ACTIONS_ID_TOKEN_REQUEST_URL ?? '',
        idTokenRequestToken: io.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN ?? '',
        audience: inputs.audience,
        request: {
            RoleArn: inputs.role.arn,
            RoleSessionName: assumed.sessionName,
            DurationSeconds: inputs.durationSeconds,
            Policy: inputs.inlineSessionPolicy,
            PolicyArns: inputs.managedSessionPolicies.length > 0 ? inputs.managedSessionPolicies.map((arn) => ({ arn })) : undefined,
        },
    };
}
/**
 * refresh-credentials: true. Starts the credentials server with the first session, then exports
 * where it listens and its token (a secret before anything could print it) instead of the keys.
 */
async function publishRefreshing(io, assumed, inputs, secrets, plan, proxy, deps) {
    const token = deps.secretToken();
    secrets.add(token);
    const nonce = deps.marker();
    const pathId = deps.marker();
    const credentialsPath = `/credentials/${pathId}`;
    const logFile = external_node_path_default().join(io.env.RUNNER_TEMP || io.env.TMPDIR || '/tmp', `assume-deploy-role-credentials-${pathId.slice(0, 8)}.log`);
    // The endpoint the first session came from (sts-endpoint replaces AWS_ENDPOINT_URL_STS), so every refresh goes there too.
    const endpointEnv = (0,peer_options/* withStsEndpoint */.QM)(io.env, inputs.stsEndpoint);
    const stsEndpoint = Object.fromEntries(['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL'].flatMap((name) => (endpointEnv[name] ? [[name, endpointEnv[name] ?? '']] : [])));
    const { credentials } = assumed;
    let server;
    try {
        server = await deps.launchCredentialsServer({
            region: inputs.region,
            stsEndpoint,
            proxy,
            retryMaxAttempts: inputs.retryMaxAttempts,
            token,
            nonce,
            path: credentialsPath,
            lifetimeMs: jobLimitMs(io.env),
            session: { ...credentials, expiration: credentials.expiration.toISOString() },
            source: sourceFor(io, assumed, plan),
            secrets: secrets.values,
        }, { env: io.env, logFile, timeoutMs: START_TIMEOUT_MS });
    }
    catch (error) {
        throw new step_failure/* StepFailure */.p(credentialsServerTexts.notStarted((0,redact/* redact */.E$)((0,step/* errorText */.kc)(error), secrets.values)));
    }
    io.saveState(credential_exports/* SERVER_STATE */.Ex, JSON.stringify({ pid: server.pid, port: server.port, nonce }));
    for (const [name, value] of (0,credential_exports/* serverEnvironmentFor */.oO)(`http://127.0.0.1:${server.port}${credentialsPath}`, token, inputs.region))
        io.exportVariable(name, value);
    io.saveState(credential_exports/* EXPORTED_STATE */.eE, 'true');
    io.info((0,redact/* redact */.E$)(credentialsServerTexts.started(server.port, server.logFile), secrets.values));
}


/***/ })

};
;