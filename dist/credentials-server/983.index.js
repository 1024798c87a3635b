"use strict";
exports.id = 983;
exports.ids = [983];
exports.modules = {

/***/ 8449:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  refresherFor: () => (/* binding */ refresherFor)
});

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
var external_node_http_default = /*#__PURE__*/__webpack_require__.n(external_node_http_);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
var external_node_https_default = /*#__PURE__*/__webpack_require__.n(external_node_https_);
// EXTERNAL MODULE: ../src/shared/proxy-settings.ts + 1 modules
var proxy_settings = __webpack_require__(8083);
;// CONCATENATED MODULE: ../src/adapters/github-id-token.ts



/** A token answer is about a kilobyte; anything much larger is not the runner's token service. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** An HTTP answer as the retry policy reads failures: `$metadata.httpStatusCode`, as the AWS SDK's errors carry it. */
function statusError(message, status) {
    return Object.assign(new Error(message), { name: 'IdTokenRequestError', $metadata: { httpStatusCode: status } });
}
/**
 * One GET that ends at the deadline whatever phase it is in (connecting, waiting, reading): the
 * request is destroyed, and its socket with it, so nothing outlives the attempt and keeps the step
 * from exiting. A fresh connection per request (`agent: false`) unless a proxy applies.
 */
function getOnce(url, headers, agent, timeoutMs) {
    return new Promise((resolve, reject) => {
        const request = (url.protocol === 'https:' ? (external_node_https_default()) : (external_node_http_default())).request(url, { method: 'GET', headers, agent: agent ?? false }, (response) => {
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                size += chunk.length;
                if (size > MAX_ANSWER_BYTES)
                    request.destroy(statusError(`GitHub's token service answered more than ${MAX_ANSWER_BYTES} bytes`, 502));
                else
                    chunks.push(chunk);
            });
            response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            response.on('error', reject);
        });
        const timer = setTimeout(() => {
            request.destroy(Object.assign(new Error(`no ID token within ${(timeoutMs / 1000).toFixed(1)} s`), { name: 'TimeoutError' }));
        }, timeoutMs);
        request.on('error', reject);
        request.on('close', () => clearTimeout(timer));
        request.end();
    });
}
/** The agent for the runner's proxy variables, loaded only when one applies; a password in them is masked first. */
async function proxyAgentFor(env, url, mask) {
    const variables = (0,proxy_settings/* maskedProxyVariables */.Vk)(env, {}, mask);
    if (!(0,proxy_settings/* usesProxy */.Bb)(variables))
        return undefined;
    const { proxyHandlerOptions } = await __webpack_require__.e(/* import() */ 164).then(__webpack_require__.bind(__webpack_require__, 7164));
    const agents = proxyHandlerOptions(variables);
    return url.protocol === 'https:' ? agents?.httpsAgent : agents?.httpAgent;
}
function tokenOf(body) {
    try {
        const value = JSON.parse(body)?.value;
        return typeof value === 'string' && value !== '' ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * GitHub's OIDC ID token for `audience`, requested as `core.getIDToken` does (the runner's URL with
 * `&audience=`, the request token as bearer, `{ value }` back, through the runner's proxy if one
 * is set), with two differences that keyless mode's retry policy needs: one attempt per call (no
 * hidden retries inside), and a deadline that ends the request itself.
 * `mask` gets the token before this returns.
 */
async function requestRunnerIdToken(env, audience, timeoutMs, mask) {
    const url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
    const requestToken = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
    if (!url || !requestToken)
        throw statusError('the runner gave this step no ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN', 403);
    const target = new URL(`${url}&audience=${encodeURIComponent(audience)}`);
    const agent = await proxyAgentFor(env, target, mask);
    try {
        const answer = await getOnce(target, { authorization: `Bearer ${requestToken}`, accept: 'application/json', 'user-agent': 'assume-deploy-role' }, agent, timeoutMs);
        if (answer.status < 200 || answer.status > 299)
            throw statusError(`GitHub's token service answered HTTP ${answer.status}`, answer.status);
        const token = tokenOf(answer.body);
        if (token === undefined)
            throw statusError(`GitHub's token service answered HTTP ${answer.status} without a token`, 502);
        mask(token);
        return token;
    }
    finally {
        agent?.destroy();
    }
}

// EXTERNAL MODULE: ../node_modules/@aws-sdk/client-sts/dist-es/STSClient.js + 195 modules
var STSClient = __webpack_require__(4304);
// EXTERNAL MODULE: ../node_modules/@aws-sdk/client-sts/dist-es/commands/AssumeRoleCommand.js
var AssumeRoleCommand = __webpack_require__(9523);
;// CONCATENATED MODULE: ../src/shared/aws-names.ts
/** Shapes of AWS names and identifiers, as IAM and STS define them. */
const PARTITIONS = (/* unused pure expression or super */ null && (['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']));
const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_ID = /^\d{12}$/;
const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+=]{16,128}$/;
/** STS session tokens are long base64; no white space. */
const SESSION_TOKEN = /^[A-Za-z0-9/+=]{16,8192}$/;
/** An IAM user name (without its path). */
const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;
/** RoleSessionName and SourceIdentity share this alphabet. */
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
const SESSION_NAME_CHAR = /[\w+=,.@-]/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_PATH_SEGMENT = /^[\x21-\x2e\x30-\x7e]+$/;
const REGION_PREFIX_PARTITIONS = (/* unused pure expression or super */ null && ([
    ['cn-', 'aws-cn'],
    ['us-gov-', 'aws-us-gov'],
    ['us-isob-', 'aws-iso-b'],
    ['us-isof-', 'aws-iso-f'],
    ['us-iso-', 'aws-iso'],
    ['eu-isoe-', 'aws-iso-e'],
    ['eusc-', 'aws-eusc'],
]));
function partitionOfRegion(region) {
    return REGION_PREFIX_PARTITIONS.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}
function isPartition(value) {
    return PARTITIONS.includes(value);
}
/** `path/name` after `role/`: the path is optional, the name is the last segment. */
function splitRolePathAndName(resource) {
    const segments = resource.split('/');
    const name = segments.pop() ?? '';
    if (!ROLE_NAME.test(name))
        return undefined;
    if (segments.some((segment) => !IAM_PATH_SEGMENT.test(segment)))
        return undefined;
    const path = segments.length === 0 ? '/' : `/${segments.join('/')}/`;
    return path.length <= 512 ? { path, name } : undefined;
}
function parseRoleArn(value) {
    const match = /^arn:([a-z-]+):iam::(\d{12}):role\/(.+)$/.exec(value);
    if (!match)
        return undefined;
    const [, partition = '', account = '', resource = ''] = match;
    if (!isPartition(partition))
        return undefined;
    const parts = splitRolePathAndName(resource);
    return parts && { arn: value, partition, account, ...parts };
}
/** A role given without an ARN: `name` or `path/name`, in the account of the keys. */
function parseBareRoleName(value) {
    return value.startsWith('arn:') || value.startsWith('/') ? undefined : splitRolePathAndName(value);
}
function roleArnFor(partition, account, role) {
    return { arn: `arn:${partition}:iam::${account}:role${role.path}${role.name}`, partition, account, ...role };
}
const MANAGED_POLICY_ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::(\d{12}|aws):policy\/([\x21-\x7e]+\/)?[\w+=,.@-]{1,128}$/;
/** The account in an IAM or STS ARN (`arn:aws:sts::123456789012:assumed-role/…`). */
function accountOfArn(arn) {
    return /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}
/** What botocore and the JS SDK accept as a profile name, without quoting or white space. */
const PROFILE_NAME = /^[\w+=,.@-]{1,64}$/;

// EXTERNAL MODULE: ../src/shared/messages/aws-failures.ts
var aws_failures = __webpack_require__(5447);
;// CONCATENATED MODULE: ../src/shared/messages/action-log.ts
/** Info and debug lines of the two actions' successful paths. */
const action_log_actionLog = {
    signing: (keyHint, region) => `Signing with access key ${keyHint} for ${region}`,
    assumed: (assumedRoleArn, expiration) => `Assumed ${assumedRoleArn}; the credentials expire at ${expiration.toISOString()}`,
    /** `url` is cleaned by the caller: it comes from the environment or the AWS config file. */
    endpoint: (call, url, where) => `${call} goes to ${url}, not AWS's default endpoint for ${where} (set by an AWS_ENDPOINT_URL variable or endpoint_url in the AWS config)`,
    blanked: 'Blanked the exported AWS credentials',
    readingKeys: (keyHint, partition) => `Reading the access keys of the user of ${keyHint} from IAM in partition ${partition}`,
};

// EXTERNAL MODULE: ../src/shared/redact.ts + 1 modules
var shared_redact = __webpack_require__(1781);
;// CONCATENATED MODULE: ../src/adapters/aws-endpoint.ts


/**
 * The endpoint a client should use, from the step's environment (io.env, not process.env): the
 * service's own AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else undefined for AWS's own.
 */
function endpointFromEnv(env, service) {
    const value = env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL;
    return value === '' ? undefined : value;
}
/** AWS's own endpoints: `https://sts.eu-west-1.amazonaws.com`, `https://iam.amazonaws.com`, each partition's DNS suffix. */
const AWS_DEFAULT_HOST = /^(sts|iam)(\.[a-z0-9-]+)?\.(amazonaws\.com|amazonaws\.com\.cn|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov|amazonaws\.eu)$/;
function urlOf(request) {
    const port = request.port === undefined ? '' : `:${request.port}`;
    const path = request.path && request.path !== '/' ? request.path : '';
    return `${request.protocol ?? 'https:'}//${request.hostname ?? ''}${port}${path}`;
}
function isAwsDefault(request) {
    return (request.protocol ?? 'https:') === 'https:' && request.port === undefined && AWS_DEFAULT_HOST.test(request.hostname ?? '');
}
/**
 * Logs one line (the call, its URL cleaned of secrets, `where`) per endpoint that is not AWS's default, before the request goes
 * out, however the SDK chose it: AWS_ENDPOINT_URL*, or an `endpoint_url` in the AWS config file,
 * which the SDK follows without a word. The signed request then goes there, so the log says so.
 */
function announceEndpoint(client, service, io, secrets, 
/** What the default endpoint would have been chosen for: the region, or `partition aws`. */
where) {
    const notice = (call, url) => io.info(actionLog.endpoint(call, redact(url, secrets.values), where));
    const announced = new Set();
    client.middlewareStack.add((next, context) => async (args) => {
        const request = args.request;
        if (!isAwsDefault(request)) {
            const url = urlOf(request);
            if (!announced.has(url)) {
                announced.add(url);
                notice(`${service} ${(context.commandName ?? '').replace(/Command$/, '')}`, url);
            }
        }
        return next(args);
    }, { step: 'build', name: 'announceNonDefaultEndpoint' });
}

;// CONCATENATED MODULE: ../src/adapters/proxy-handler.ts

/**
 * The AWS clients' request handler options when a proxy applies, else undefined (the SDK keeps its
 * own). The proxy agents (proxy.ts) are loaded only then, in a chunk of their own.
 */
async function proxyRequestHandler(proxy) {
    if (!proxy || !(0,proxy_settings/* usesProxy */.Bb)(proxy))
        return undefined;
    return (await __webpack_require__.e(/* import() */ 164).then(__webpack_require__.bind(__webpack_require__, 7164))).proxyHandlerOptions(proxy);
}

// EXTERNAL MODULE: ../src/shared/retry.ts + 1 modules
var retry = __webpack_require__(4713);
;// CONCATENATED MODULE: ../src/shared/retry-log.ts

/** One log line per retry, with AWS's words cleaned of every secret. */
function retry_log_logRetry(io, call, secrets) {
    return (notice) => io.info(retryLine(call, notice, secrets.values));
}

;// CONCATENATED MODULE: ../src/adapters/aws-call.ts


/** The run's retry policy for one call: the action's timing, its attempts, the step's clock, each retry logged (cleaned). */
function retryOptionsFor(io, secrets, call, maxAttempts) {
    return { policy: { ...DEFAULT_RETRY_TIMING, maxAttempts }, clock: io.clock, onRetry: logRetry(io, call, secrets) };
}
/**
 * Sends one AWS SDK request with a deadline. The SDK reports our abort as a bare AbortError;
 * it is turned into a TimeoutError that says how long we waited.
 */
async function withDeadline(timeoutMs, send) {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
        return await send(signal);
    }
    catch (error) {
        if (signal.aborted) {
            const timeout = new Error(`no answer within ${(timeoutMs / 1000).toFixed(1)} s`);
            timeout.name = 'TimeoutError';
            throw timeout;
        }
        throw error;
    }
}
/** An AWS call under the retry policy, each attempt with its own deadline. */
function aws_call_sendWithRetries(send, options) {
    return (0,retry/* withRetries */.LH)((timeoutMs) => withDeadline(timeoutMs, send), options.policy, options.clock, options.onRetry);
}

;// CONCATENATED MODULE: ../src/adapters/sts.ts






/**
 * One client for the run, signing with the limited user's keys. The SDK's own retries are off:
 * withRetries decides what to retry, and the deadlines are ours, so the retry mode, the defaults
 * mode (timeouts) and the request handler are given, not looked up in the environment and the AWS
 * config file. The endpoint is the regional one for `region`, unless AWS_ENDPOINT_URL_STS or
 * AWS_ENDPOINT_URL in the step's environment says otherwise; through the proxy that `proxy` names
 * for it, if any (the proxy agents are loaded only then).
 */
async function createStsClient(keys, env, proxy) {
    const endpoint = endpointFromEnv(env, 'STS');
    const requestHandler = await proxyRequestHandler(proxy);
    return new STSClient/* STSClient */.i({
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
    const identity = await sendWithRetries((abortSignal) => client.send(new GetCallerIdentityCommand({}), { abortSignal }), options);
    if (!identity.Arn)
        throw new Error(incompleteAnswer('STS GetCallerIdentity', 'an ARN'));
    return identity.Arn;
}
async function assumeRole(client, request, options) {
    const answer = await aws_call_sendWithRetries((abortSignal) => client.send(new AssumeRoleCommand/* AssumeRoleCommand */.Q(request), { abortSignal }), options);
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
        throw new Error((0,aws_failures/* incompleteAnswer */.pv)(call, 'complete credentials'));
    }
    return {
        credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken, expiration: Expiration },
        assumedRoleArn,
        roleArn: asked.roleArn,
        account,
        sessionName: asked.sessionName,
    };
}

// EXTERNAL MODULE: ../node_modules/@aws-sdk/client-sts/dist-es/commands/AssumeRoleWithWebIdentityCommand.js
var AssumeRoleWithWebIdentityCommand = __webpack_require__(7201);
// EXTERNAL MODULE: ../src/shared/step.ts + 2 modules
var step = __webpack_require__(1223);
// EXTERNAL MODULE: ../src/shared/step-failure.ts
var step_failure = __webpack_require__(4168);
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
    const endpoint = endpointFromEnv(env, 'STS');
    const requestHandler = await proxyRequestHandler(proxy);
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
    const answer = await aws_call_sendWithRetries((abortSignal) => client.send(new AssumeRoleWithWebIdentityCommand/* AssumeRoleWithWebIdentityCommand */.W(request), { abortSignal }), options);
    return assumedRoleFrom(answer, 'STS AssumeRoleWithWebIdentity', { roleArn: request.RoleArn, sessionName: request.RoleSessionName }, options.mask);
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

;// CONCATENATED MODULE: ../src/adapters/sts-refresher.ts






/**
 * One re-assume of the role as the main step did it, under the action's retry policy: with the
 * limited user's key (AssumeRole), or (keyless) a fresh ID token from the runner's token service
 * and AssumeRoleWithWebIdentity. One STS client for the server's life.
 */
const refresherFor = (config, ports) => {
    const policy = { ...retry/* DEFAULT_RETRY_TIMING */.gY, maxAttempts: config.retryMaxAttempts };
    const options = (call) => ({
        mask: ports.mask,
        policy,
        clock: ports.clock,
        onRetry: (notice) => ports.log((0,aws_failures/* retryLine */.Rn)(call, notice, ports.secrets)),
    });
    const proxy = (0,proxy_settings/* usesProxy */.Bb)(config.proxy) ? config.proxy : undefined;
    const { source } = config;
    let client;
    const checked = (assumed) => {
        if (assumed.credentials.expiration.getTime() <= ports.clock.now())
            throw new Error((0,aws_failures/* incompleteAnswer */.pv)('STS', 'a session that has not expired'));
        return assumed.credentials;
    };
    if (source.kind === 'keys') {
        return async () => {
            client ??= createStsClient({ accessKeyId: source.accessKeyId, secretAccessKey: source.secretAccessKey, region: config.region }, config.stsEndpoint, proxy);
            return checked(await assumeRole(await client, source.request, options('STS AssumeRole')));
        };
    }
    // The token service is asked as the main step asked it; the proxy variables in their lower-case names.
    const tokenEnv = {
        ACTIONS_ID_TOKEN_REQUEST_URL: source.idTokenRequestUrl,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: source.idTokenRequestToken,
        ...config.proxy,
    };
    return async () => {
        const token = await requestIdToken((audience, timeoutMs) => requestRunnerIdToken(tokenEnv, audience, timeoutMs, ports.mask), source.audience, options('GitHub ID token request'));
        client ??= createWebIdentityStsClient(config.region, config.stsEndpoint, proxy);
        return checked(await assumeRoleWithWebIdentity(await client, { ...source.request, WebIdentityToken: token }, options('STS AssumeRoleWithWebIdentity')));
    };
};


/***/ }),

/***/ 1790:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $: () => (/* binding */ proxyTexts)
/* harmony export */ });
/**
 * What the step says when a proxy is in the way: a tunnel the proxy did not open, a TLS session
 * that did not verify, a plain-http endpoint behind a proxy, a proxy variable that is not a URL.
 * `proxy` is always the proxy's URL with its password already replaced (proxyForDisplay).
 */
const RULE = 'an answer counts only when it comes over a TLS session with the endpoint whose certificate verified';
const proxyTexts = {
    connectRefused: (proxy, target, status) => `The proxy ${proxy} answered CONNECT ${target} with HTTP ${status}, not 200, so no TLS session with ${target} was opened ` +
        `and nothing the proxy sent is used (${RULE}). Check the proxy's rules and credentials for ${target} (407: the proxy wants other credentials; ` +
        `403: it does not allow the host); nothing was exported.`,
    tlsUnverified: (proxy, target, reason) => `Through the proxy ${proxy}, the TLS session with ${target} did not verify (${reason}), so something other than ${target} answered ` +
        `and nothing it sent is used (${RULE}). If the proxy inspects TLS with a certificate authority of its own, give that CA to the step ` +
        `with NODE_EXTRA_CA_CERTS; nothing was exported.`,
    plainHttp: (url, proxy) => `${url} is plain http and the proxy ${proxy} applies to it: through a proxy only https endpoints are used, since over plain http ` +
        `the proxy or anyone on the way could answer in the endpoint's name. Use the https endpoint, or list its host in no-proxy / NO_PROXY ` +
        `to reach it directly; nothing was exported.`,
    /** The value is never shown: it may hold a password, and a fragment of it would be masked badly. */
    notAUrl: (variable) => `${variable}: is not a proxy URL this step can use (http://HOST:PORT or https://HOST:PORT, optionally with USER:PASSWORD@, ` +
        `special characters in the password percent-encoded, / as %2F); the value is not shown, since it may hold a password`,
};


/***/ }),

/***/ 8083:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Vk: () => (/* binding */ maskedProxyVariables),
  is: () => (/* binding */ proxyForDisplay),
  Bb: () => (/* binding */ usesProxy)
});

// UNUSED EXPORTS: isProxyUrl, proxySecrets, proxyVariables

;// CONCATENATED MODULE: ../src/shared/input-problems.ts
/** One error message for every invalid input, each on its own line. */
function describeInputProblems(problems) {
    if (problems.length === 1)
        return `Invalid input ${problems[0]}`;
    return `${problems.length} inputs are invalid:\n${problems.map((problem) => `- ${problem}`).join('\n')}`;
}

// EXTERNAL MODULE: ../src/shared/messages/proxy.ts
var proxy = __webpack_require__(1790);
// EXTERNAL MODULE: ../src/shared/step-failure.ts
var step_failure = __webpack_require__(4168);
;// CONCATENATED MODULE: ../src/shared/proxy-settings.ts



const pick = (env, name) => env[name.toLowerCase()] || env[name.toUpperCase()] || '';
function proxyVariables(env, inputs) {
    return {
        https_proxy: inputs.httpProxy ?? pick(env, 'https_proxy'),
        http_proxy: inputs.httpProxy ?? pick(env, 'http_proxy'),
        all_proxy: inputs.httpProxy === undefined ? pick(env, 'all_proxy') : '',
        no_proxy: inputs.noProxy ?? pick(env, 'no_proxy'),
    };
}
function usesProxy(variables) {
    return variables.https_proxy !== '' || variables.http_proxy !== '' || variables.all_proxy !== '';
}
/** The shortest value registered as a mask, as redact() cuts out no shorter one: a shorter one stars innocent text. */
const MIN_SECRET_LENGTH = 4;
/** A proxy URL as the agents read it (proxy-from-env puts a scheme before a bare HOST:PORT), if they can use it. */
function parseProxyUrl(value) {
    const url = value.includes('://') ? value : `http://${value}`;
    return isProxyUrl(url) ? new URL(url) : undefined;
}
function decoded(value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        return value; // A malformed escape: the value as written is all there is to mask.
    }
}
/**
 * A proxy URL's credentials in every form a log line could show them (as written, decoded, and as
 * the URL parser re-encodes them): the whole user info (`USER:PASSWORD`), and the password, or the
 * user name when there is no password (a token used as the user). The user info ends at the last
 * `@` of the authority, so an unencoded `@` in a password is masked whole; in a URL that does not
 * parse (an unencoded `/` in the password), at the last `@` of all. A piece shorter than
 * MIN_SECRET_LENGTH is not registered on its own: the whole user info around it still is.
 */
function proxySecrets(proxyUrl) {
    const parsed = parseProxyUrl(proxyUrl);
    const rest = proxyUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    const authority = parsed ? (rest.split(/[/?#]/, 1)[0] ?? '') : rest;
    const at = authority.lastIndexOf('@');
    if (at < 0)
        return [];
    const userInfo = authority.slice(0, at);
    const colon = userInfo.indexOf(':');
    const secret = colon < 0 ? userInfo : userInfo.slice(colon + 1);
    if (secret === '')
        return [];
    const pieces = [userInfo, secret];
    if (parsed)
        pieces.push(parsed.password === '' ? parsed.username : `${parsed.username}:${parsed.password}`, parsed.password || parsed.username);
    return [...new Set(pieces.flatMap((piece) => [piece, decoded(piece)]))].filter((piece) => piece.length >= MIN_SECRET_LENGTH);
}
/** The proxy as messages name it: scheme, user name and host, the password (or a token user) as `***`. */
function proxyForDisplay(proxyUrl) {
    const url = parseProxyUrl(proxyUrl);
    if (!url)
        return 'a proxy whose URL does not parse';
    const credentials = url.password !== '' ? `${url.username}:***@` : url.username !== '' ? '***@' : '';
    return `${url.protocol}//${credentials}${url.host}`;
}
/** Where each proxy variable that applies came from: the input, or the runner's variable as it is spelled. */
function proxySources(env, inputs) {
    if (inputs.httpProxy !== undefined)
        return [{ name: 'http-proxy', value: inputs.httpProxy }];
    return ['https_proxy', 'http_proxy', 'all_proxy'].map((name) => {
        const spelled = env[name] ? name : name.toUpperCase();
        return { name: spelled, value: env[spelled] ?? '' };
    });
}
/**
 * The proxy variables that apply, every credential in them registered as a secret first; one input
 * error, naming the variable and never its value, when one is not a URL the agents can use.
 */
function maskedProxyVariables(env, inputs, mask) {
    const sources = proxySources(env, inputs).filter((source) => source.value !== '');
    for (const source of sources)
        proxySecrets(source.value).forEach(mask);
    const unusable = sources.find((source) => !parseProxyUrl(source.value));
    if (unusable)
        throw new step_failure/* StepFailure */.p(describeInputProblems([proxy/* proxyTexts */.$.notAUrl(unusable.name)]));
    return proxyVariables(env, inputs);
}
/** The http-proxy input's rule: an http or https URL with a host. */
function isProxyUrl(value) {
    try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 343:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ defaultProvider)
/* harmony export */ });
// Stand-in for @aws-sdk/credential-provider-node inside the bundles (see README.md here).
// The STS and IAM clients get the limited user's keys explicitly, so the SDK's default credential chain
// (environment, ini files, SSO, IMDS…, with the nested clients they carry) is never consulted.
const defaultProvider = () => async () => {
  throw new Error('assume-deploy-role does not bundle the default AWS credential chain: pass credentials explicitly');
};


/***/ })

};
;