"use strict";
exports.id = 213;
exports.ids = [213];
exports.modules = {

/***/ 6213:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  assumeKeyless: () => (/* binding */ assumeKeyless)
});

// EXTERNAL MODULE: ../src/shared/messages/aws-failures.ts
var aws_failures = __webpack_require__(5447);
;// CONCATENATED MODULE: ../src/assume-role/messages/web-identity.ts
/**
 * What keyless mode (GitHub's OIDC token → STS AssumeRoleWithWebIdentity) tells the user. Every
 * value in here was checked against its shape before (claims, ARNs) or cleaned (`said`, AWS's
 * words); the token itself never reaches a message.
 */
const ID_TOKEN_PERMISSIONS_BLOCK = ['permissions:', '  id-token: write', '  contents: read'].join('\n');
/** Keyless mode was chosen (no aws-access-key-id) but the runner offers this job no ID token. */
function noIdTokenPermission() {
    return [
        "aws-access-key-id is empty, so the action uses keyless mode (GitHub's OIDC ID token), but this job may not request an ID token: " +
            'the runner did not give it ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN. Give the job (or the workflow) this permission; ' +
            'a permissions: block replaces the defaults, so list what else the job needs too:',
        '',
        ID_TOKEN_PERMISSIONS_BLOCK,
        '',
        "Pull requests from forks get no ID token and no secrets, whatever the workflow asks. To use the limited IAM user's keys instead, " +
            'set aws-access-key-id and aws-secret-access-key; if you did, the secret is empty in this run: it is not set, its name is misspelt, or this event does not receive it.',
    ].join('\n');
}
/** Info and debug lines of keyless mode's successful path; the subject was shape-checked. */
const keylessLog = {
    mode: (audience) => `No aws-access-key-id: keyless mode, requesting GitHub's OIDC ID token for the audience ${audience}`,
    token: (subject) => `GitHub's ID token names sub ${subject}`,
};
/** `refusedStatus`: the HTTP status when GitHub refused the request (4xx), which trying again does not change. */
function idTokenRequestFailed(attempts, seconds, detail, refusedStatus) {
    const advice = refusedStatus === undefined
        ? "This is usually a temporary problem of GitHub's token service: run the job again."
        : `GitHub's token service refused the request (HTTP ${refusedStatus}): the job's token request credentials were not accepted, ` +
            "which can happen when the job has run for hours (they expire with the job's token) or a proxy changed the request. Run the job again; check the proxy settings of a self-hosted runner.";
    return `Requesting GitHub's OIDC ID token failed ${attempts} time${attempts === 1 ? '' : 's'} in ${seconds} s; nothing was exported. ${advice} Last error: ${detail}`;
}
/** AccessDenied: the role's trust policy does not admit this token. AWS says no more than that. */
function webIdentityAccessDenied(context) {
    const where = `(IAM console → Roles → ${context.roleName} → Trust relationships)`;
    const causes = 'AWS does not say which part failed. Either the role trusts no OIDC provider at all (a deploy role made for the limited IAM user ' +
        "trusts only that user: add the statement shown here beside the user's, or use deploy-access.yml's GitHub OIDC option), " +
        "or its statement for GitHub's provider has aud or sub conditions that this run does not meet.";
    if (!context.token) {
        return (`GitHub's OIDC token may not assume ${context.roleArn}. ${causes} Add a statement to the role's trust policy ${where} with ` +
            `Principal Federated ${context.providerArn}, ` +
            `Action sts:AssumeRoleWithWebIdentity and StringEquals conditions on token.actions.githubusercontent.com:aud (${context.audience}) ` +
            `and token.actions.githubusercontent.com:sub (repo:OWNER/REPO:ref:refs/heads/BRANCH, or repo:OWNER/REPO:environment:NAME for jobs with an environment; ` +
            'repositories created since 15 July 2026 send the immutable form repo:OWNER@OWNER_ID/REPO@REPO_ID:…, which a name-only condition never matches). ' +
            `AWS said: ${context.said}`);
    }
    const { token } = context;
    const admits = token.everyPullRequestOf === undefined
        ? `This statement in the role's trust policy ${where} admits exactly this run: ${token.statement}`
        : pullRequestWarning(token.everyPullRequestOf, where, token.statement);
    return (`GitHub's OIDC token for ${token.subject} may not assume ${context.roleArn}. ${causes} ${admits} ` +
        `${token.nearMisses} AWS said: ${context.said}`);
}
/** A `pull_request` sub is the same for every pull request: trusting it trusts their code, unreviewed. */
function pullRequestWarning(repository, where, statement) {
    return (`Careful: every pull_request run of ${repository} has this same sub, so a statement on it admits not just this run but the code of ` +
        'every pull request opened from a branch of the repository, before anyone has reviewed it. Instead, run the AWS step in a job with ' +
        `environment: NAME (an environment with required reviewers or a branch rule) and trust repo:${repository}:environment:NAME in the role's trust policy ${where}. ` +
        `Only for a role that can do no harm, the statement that admits every pull request's run is: ${statement}`);
}
/** Which of GitHub's two `sub` forms this token used, and why a trust written in the other never matches it. */
function subjectFormNote(repository, immutable) {
    if (immutable) {
        const names = repository.replace(/@[0-9]+/g, '');
        return (`This token's sub uses GitHub's immutable form, repo:OWNER@OWNER_ID/REPO@REPO_ID:… (${repository}), which repositories created since 15 July 2026 ` +
            `and older ones that opted in send: a trust condition on the name-only form (repo:${names}:…) will not match it. Write the ids as in the statement ` +
            `(iam/deploy-access.yml: GitHubRepository ${repository}); gh api repos/${names} --jq '.owner.id, .id' prints them.`);
    }
    return (`This token's sub uses the name-only form, repo:OWNER/REPO:… (${repository}): a trust condition written with ids ` +
        '(repo:OWNER@OWNER_ID/REPO@REPO_ID:…, the form of repositories created since 15 July 2026) will not match it.');
}
/** InvalidIdentityToken "No OpenIDConnect provider found in your account for …". */
function noOidcProvider(context) {
    const { issuer } = context;
    return (`Account ${context.account} of ${context.roleArn} has no IAM OIDC identity provider for ${issuer}, so STS cannot check GitHub's token. ` +
        `Create it once per account: deploy iam/deploy-access.yml with its GitHub OIDC option, or IAM console → Identity providers → Add provider → ` +
        `OpenID Connect, provider URL ${issuer}, audience ${context.audience}. It becomes ${context.providerArn}. ` +
        `AWS said: ${context.said}`);
}
/** InvalidIdentityToken "Incorrect token audience". */
function audienceMismatch(context) {
    const provider = context.providerArn;
    return (`The token's audience (the audience input, ${context.audience}) is not one of the audiences of ${provider}. ` +
        `Set audience to one the provider lists (sts.amazonaws.com is the usual one), or add it: ` +
        `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${provider} --client-id ${context.audience}. ` +
        `The trust policy's aud condition must name the same value. AWS said: ${context.said}`);
}
/** ExpiredTokenException: the token had expired by AWS's clock when it arrived. */
function webIdentityTokenExpired(context) {
    const expiry = context.token ? ` (it expired at ${context.token.expiresAt})` : '';
    return (`STS says GitHub's OIDC token had expired when it arrived${expiry}. The action requests the token just before the one STS call, ` +
        `so this means the request took very long (a slow proxy or retries) or GitHub's and AWS's clocks disagree. Run the job again; nothing was exported. ` +
        `AWS said: ${context.said}`);
}
/** Any other InvalidIdentityToken or IDPRejectedClaim: STS could not validate the token. */
function webIdentityTokenRejected(context) {
    return (`STS could not validate GitHub's OIDC token for ${context.roleArn}. Check that the account's OIDC provider for ` +
        `${context.issuer} has the right URL (an enterprise with its own issuer needs its own provider), ` +
        `then run the job again. AWS said: ${context.said}`);
}

// EXTERNAL MODULE: ../src/shared/retry.ts + 1 modules
var retry = __webpack_require__(4713);
// EXTERNAL MODULE: ../src/shared/step-failure.ts
var step_failure = __webpack_require__(4168);
// EXTERNAL MODULE: ../src/assume-role/session-name.ts
var session_name = __webpack_require__(2849);
;// CONCATENATED MODULE: ../node_modules/jose/dist/webapi/lib/buffer_utils.js
const buffer_utils_encoder = new TextEncoder(), decoder = new TextDecoder(), buffer_utils_strictDecoder = new TextDecoder("utf-8", { fatal: !0 }), UINT32_RANGE = (/* unused pure expression or super */ null && (2 ** 32));
function concat(...buffers) {
  const size = buffers.reduce((acc, { length }) => acc + length, 0), buf = new Uint8Array(size);
  let i = 0;
  for (const buffer of buffers)
    buf.set(buffer, i), i += buffer.length;
  return buf;
}
function writeUInt32BE(buf, value, offset) {
  if (value < 0 || value >= UINT32_RANGE)
    throw new RangeError(`value must be >= 0 and <= ${UINT32_RANGE - 1}. Received ${value}`);
  buf.set([value >>> 24, value >>> 16, value >>> 8, value & 255], offset);
}
function uint64be(value) {
  const high = Math.floor(value / UINT32_RANGE), low = value % UINT32_RANGE, buf = new Uint8Array(8);
  return writeUInt32BE(buf, high, 0), writeUInt32BE(buf, low, 4), buf;
}
function uint32be(value) {
  const buf = new Uint8Array(4);
  return writeUInt32BE(buf, value), buf;
}
const NON_ASCII = /[^\x00-\x7f]/;
function buffer_utils_encode(string) {
  if (typeof string == "string" && string.length >= 128) {
    if (NON_ASCII.test(string))
      throw new TypeError("non-ASCII string encountered in encode()");
    return buffer_utils_encoder.encode(string);
  }
  const bytes = new Uint8Array(string.length);
  for (let i = 0; i < string.length; i++) {
    const code = string.charCodeAt(i);
    if (code > 127)
      throw new TypeError("non-ASCII string encountered in encode()");
    bytes[i] = code;
  }
  return bytes;
}
function buffer_utils_encodeBase64(input, url = !1) {
  if (Uint8Array.prototype.toBase64)
    return input.toBase64({ alphabet: url ? "base64url" : "base64", omitPadding: url });
  const CHUNK_SIZE = 32768, arr = [];
  for (let i = 0; i < input.length; i += CHUNK_SIZE)
    arr.push(String.fromCharCode.apply(null, input.subarray(i, i + CHUNK_SIZE)));
  const encoded = btoa(arr.join(""));
  return url ? encoded.replace(/=/g, "").replace(/\+/g, "-").replace(/\//g, "_") : encoded;
}
function decodeBase64(encoded, url = !1) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}
async function digest(algorithm, data) {
  const subtleDigest = `SHA-${algorithm.slice(-3)}`;
  return new Uint8Array(await crypto.subtle.digest(subtleDigest, data));
}


;// CONCATENATED MODULE: ../node_modules/jose/dist/webapi/util/base64url.js

const invalid = "The input to be decoded is not correctly encoded.";
function base64url_decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), !0);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}
function base64url_encode(input) {
  return encodeBase64(typeof input == "string" ? encoder.encode(input) : input, !0);
}


;// CONCATENATED MODULE: ../node_modules/jose/dist/webapi/lib/validate.js



function assertUint8Array(input, label) {
  if (!(input instanceof Uint8Array))
    throw new TypeError(`${label} must be an instance of Uint8Array`);
}
function isObject(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return !1;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
function isJwkSet(input) {
  return isObject(input) && Array.isArray(input.keys) && Array.from(input.keys).every(isObject);
}
function isDisjoint(...headers) {
  const parameters = /* @__PURE__ */ new Set();
  for (const header of headers)
    if (header)
      for (const parameter of Object.keys(header)) {
        if (parameters.has(parameter))
          return !1;
        parameters.add(parameter);
      }
  return !0;
}
function assertNotSet(value, name) {
  if (value !== void 0)
    throw new TypeError(`${name} can only be called once`);
}
function decodeBase64url(value, label, ErrorClass) {
  try {
    return decode(value);
  } catch (cause) {
    throw new ErrorClass(`Failed to base64url decode the ${label}`, { cause });
  }
}
function encodeAsciiMember(value, label, ErrorClass) {
  try {
    return encode(value);
  } catch (cause) {
    throw new ErrorClass(`The ${label} is not a valid base64url string`, { cause });
  }
}
function parseJoseHeader(encodedProtectedHeader, ErrorClass, message) {
  let parsed;
  try {
    parsed = JSON.parse(strictDecoder.decode(decode(encodedProtectedHeader)));
  } catch (cause) {
    throw new ErrorClass(message, { cause });
  }
  if (!isObject(parsed))
    throw new ErrorClass(message);
  return parsed;
}
const JWS_RECOGNIZED = { __proto__: null, b64: !0 }, JWE_RECOGNIZED = { __proto__: null };
function validateAlgorithms(option, algorithms) {
  if (algorithms !== void 0 && (!Array.isArray(algorithms) || algorithms.some((s) => typeof s != "string")))
    throw new TypeError(`"${option}" option must be an array of strings`);
  return algorithms === void 0 ? void 0 : new Set(algorithms);
}
function validateCritDuplicates(Err, protectedHeader) {
  const { crit } = protectedHeader ?? {};
  if (Array.isArray(crit) && new Set(crit).size !== crit.length)
    throw new Err('"crit" (Critical) Header Parameter MUST NOT contain duplicate values');
}
function validateCrit(Err, recognizedDefault, recognizedOption, protectedHeader, joseHeader) {
  if (joseHeader.crit !== void 0 && protectedHeader?.crit === void 0)
    throw new Err('"crit" (Critical) Header Parameter MUST be integrity protected');
  if (!protectedHeader || protectedHeader.crit === void 0)
    return [];
  if (!Array.isArray(protectedHeader.crit) || protectedHeader.crit.length === 0 || protectedHeader.crit.some((input) => typeof input != "string" || input.length === 0))
    throw new Err('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
  const recognized = recognizedOption === void 0 ? recognizedDefault : { __proto__: null, ...recognizedOption, ...recognizedDefault };
  for (const parameter of protectedHeader.crit) {
    if (!(parameter in recognized))
      throw new JOSENotSupported(`Extension Header Parameter "${parameter}" is not recognized`);
    if (!Object.hasOwn(joseHeader, parameter) || joseHeader[parameter] === void 0)
      throw new Err(`Extension Header Parameter "${parameter}" is missing`);
    if (recognized[parameter] && (!Object.hasOwn(protectedHeader, parameter) || protectedHeader[parameter] === void 0))
      throw new Err(`Extension Header Parameter "${parameter}" MUST be integrity protected`);
  }
  return protectedHeader.crit;
}
function validateB64(protectedHeader, extensions) {
  if (extensions.includes("b64")) {
    const b64 = protectedHeader.b64;
    if (typeof b64 != "boolean")
      throw new JWSInvalid('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
    return b64;
  }
  return !0;
}
function serializeJoseHeader(Err, header) {
  let serialized, parsed;
  try {
    serialized = JSON.stringify(header), parsed = JSON.parse(serialized);
  } catch (cause) {
    throw new Err("JOSE Header is not valid JSON", { cause });
  }
  if (!isObject(parsed))
    throw new Err("JOSE Header is not a JSON object");
  return [parsed, serialized];
}


;// CONCATENATED MODULE: ../node_modules/jose/dist/webapi/util/errors.js
class JOSEError extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message, options) {
    super(message, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
}
class JWTClaimValidationFailed extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  claim;
  reason;
  payload;
  constructor(message, payload, claim = "unspecified", reason = "unspecified") {
    super(message, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
}
class JWTExpired extends JOSEError {
  static code = "ERR_JWT_EXPIRED";
  code = "ERR_JWT_EXPIRED";
  claim;
  reason;
  payload;
  constructor(message, payload, claim = "unspecified", reason = "unspecified") {
    super(message, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
}
class JOSEAlgNotAllowed extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JOSE_ALG_NOT_ALLOWED"));
  code = "ERR_JOSE_ALG_NOT_ALLOWED";
}
class errors_JOSENotSupported extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JOSE_NOT_SUPPORTED"));
  code = "ERR_JOSE_NOT_SUPPORTED";
}
class JWEDecryptionFailed extends JOSEError {
  static code = "ERR_JWE_DECRYPTION_FAILED";
  code = "ERR_JWE_DECRYPTION_FAILED";
  constructor(message = "decryption operation failed", options) {
    super(message, options);
  }
}
class JWEInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWE_INVALID"));
  code = "ERR_JWE_INVALID";
}
class errors_JWSInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWS_INVALID"));
  code = "ERR_JWS_INVALID";
}
class JWTInvalid extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
}
class JWKInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWK_INVALID"));
  code = "ERR_JWK_INVALID";
}
class JWKSInvalid extends (/* unused pure expression or super */ null && (JOSEError)) {
  static code = (/* unused pure expression or super */ null && ("ERR_JWKS_INVALID"));
  code = "ERR_JWKS_INVALID";
}
class JWKSNoMatchingKey extends JOSEError {
  static code = "ERR_JWKS_NO_MATCHING_KEY";
  code = "ERR_JWKS_NO_MATCHING_KEY";
  constructor(message = "no applicable key found in the JSON Web Key Set", options) {
    super(message, options);
  }
}
class JWKSMultipleMatchingKeys extends JOSEError {
  [Symbol.asyncIterator] = async function* () {
  };
  static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  constructor(message = "multiple matching keys found in the JSON Web Key Set", options) {
    super(message, options);
  }
}
class JWKSTimeout extends JOSEError {
  static code = "ERR_JWKS_TIMEOUT";
  code = "ERR_JWKS_TIMEOUT";
  constructor(message = "request timed out", options) {
    super(message, options);
  }
}
class JWSSignatureVerificationFailed extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message = "signature verification failed", options) {
    super(message, options);
  }
}


;// CONCATENATED MODULE: ../node_modules/jose/dist/webapi/util/decode_jwt.js




function decodeJwt(jwt) {
  if (typeof jwt != "string")
    throw new JWTInvalid("JWTs must use Compact JWS serialization, JWT must be a string");
  const { 1: encodedPayload, length } = jwt.split(".");
  if (length === 5)
    throw new JWTInvalid("Only JWTs using Compact JWS serialization can be decoded");
  if (length !== 3)
    throw new JWTInvalid("Invalid JWT");
  if (!encodedPayload)
    throw new JWTInvalid("JWTs must contain a payload");
  let claimsSetBytes;
  try {
    claimsSetBytes = base64url_decode(encodedPayload);
  } catch (cause) {
    throw new JWTInvalid("Failed to base64url decode the payload", { cause });
  }
  let claimsSet;
  try {
    claimsSet = JSON.parse(buffer_utils_strictDecoder.decode(claimsSetBytes));
  } catch (cause) {
    throw new JWTInvalid("Failed to parse the decoded payload as JSON", { cause });
  }
  if (!isObject(claimsSet))
    throw new JWTInvalid("Invalid JWT Claims Set");
  return claimsSet;
}


;// CONCATENATED MODULE: ../src/assume-role/web-identity-claims.ts

/** Printable text without control characters, quotes or backslashes, at most `max` characters. */
const safeText = (max) => new RegExp(`^[\\x21\\x23-\\x5b\\x5d-\\x7e][\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]{0,${max - 1}}$`);
const ISSUER = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[\w.~-]+)*$/;
const SUBJECT = safeText(512);
const AUDIENCE = safeText(256);
const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const REF = /^refs\/[\x21-\x7e]{1,500}$/;
const ENVIRONMENT = safeText(255);
const EVENT_NAME = /^[a-z_]{1,64}$/;
function optionalShaped(value, shape) {
    if (value === undefined || value === null || value === '')
        return undefined;
    return typeof value === 'string' && shape.test(value) ? value : null;
}
function seconds(value) {
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
/** The claims of a compact JWT, or undefined when it is not one or a claim has an unexpected shape. */
function decodeWebIdentityClaims(token) {
    let payload;
    try {
        payload = decodeJwt(token);
    }
    catch {
        return undefined;
    }
    const { iss, sub, aud, exp, iat } = payload;
    const audiences = typeof aud === 'string' ? [aud] : aud;
    if (typeof iss !== 'string' || !ISSUER.test(iss) || typeof sub !== 'string' || !SUBJECT.test(sub))
        return undefined;
    if (!Array.isArray(audiences) || audiences.length === 0 || !audiences.every((one) => typeof one === 'string' && AUDIENCE.test(one)))
        return undefined;
    const expiresAt = seconds(exp);
    if (expiresAt === undefined || (iat !== undefined && seconds(iat) === undefined))
        return undefined;
    const repository = optionalShaped(payload.repository, REPOSITORY);
    const ref = optionalShaped(payload.ref, REF);
    const environment = optionalShaped(payload.environment, ENVIRONMENT);
    const eventName = optionalShaped(payload.event_name, EVENT_NAME);
    if (repository === null || ref === null || environment === null || eventName === null)
        return undefined;
    return { issuer: iss, audiences, subject: sub, repository, ref, environment, eventName, expiresAt, issuedAt: seconds(iat) };
}
/** `token.actions.githubusercontent.com`: the issuer without its scheme, as IAM names the provider and its condition keys. */
function providerHostPath(issuer) {
    return issuer.replace(/^https:\/\//, '');
}

// EXTERNAL MODULE: ../src/assume-role/messages/assume-role-failures.ts + 1 modules
var assume_role_failures = __webpack_require__(5785);
;// CONCATENATED MODULE: ../src/assume-role/web-identity-subject.ts
/** GitHub's immutable form, `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` (repositories created since 15 July 2026, or opted in). */
const IMMUTABLE_PREFIX = /^repo:([A-Za-z0-9_.-]+)@([0-9]+)\/([A-Za-z0-9_.-]+)@([0-9]+):/;
/** The sub's repository part is `OWNER@ID/REPO@ID` rather than `OWNER/REPO`. */
const isImmutableForm = (repository) => /^[^/@]+@[0-9]+\/[^/@]+@[0-9]+$/.test(repository);
/**
 * The repository part of a default `sub`, as the sub writes it: the `repository` claim (or its
 * immutable form with ids) when the token has it, else up to the next colon.
 */
function repositoryPrefix(claims) {
    const immutable = IMMUTABLE_PREFIX.exec(claims.subject);
    if (immutable) {
        const [, owner, ownerId, repo, repoId] = immutable;
        if (claims.repository !== undefined && claims.repository !== `${owner}/${repo}`)
            return undefined;
        return `${owner}@${ownerId}/${repo}@${repoId}`;
    }
    if (claims.repository !== undefined) {
        return claims.subject.startsWith(`repo:${claims.repository}:`) ? claims.repository : undefined;
    }
    return /^repo:([^:/]+\/[^:]+):/.exec(claims.subject)?.[1];
}
function branchOf(ref) {
    return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}
function subjectForm(claims) {
    const repository = repositoryPrefix(claims);
    if (repository === undefined)
        return { kind: 'custom' };
    const context = claims.subject.slice(`repo:${repository}:`.length);
    if (context === 'pull_request')
        return { kind: 'pull-request', repository };
    if (context.startsWith('environment:')) {
        const environment = context.slice('environment:'.length);
        if (claims.environment !== undefined && claims.environment !== environment)
            return { kind: 'custom' };
        return { kind: 'environment', repository, environment, branch: branchOf(claims.ref) };
    }
    if (!context.startsWith('ref:'))
        return { kind: 'custom' };
    const ref = context.slice('ref:'.length);
    if (claims.ref !== undefined && claims.ref !== ref)
        return { kind: 'custom' };
    const branch = branchOf(ref);
    if (branch !== undefined)
        return { kind: 'branch', repository, branch };
    if (ref.startsWith('refs/tags/'))
        return { kind: 'tag', repository, tag: ref.slice('refs/tags/'.length) };
    return { kind: 'other-ref', repository, ref };
}
/**
 * What a trust policy written for a neighbouring case would have instead, so a user can compare
 * it with the role's condition. AWS never says which condition failed nor what the role trusts,
 * so this names the usual near misses for this run's form rather than claiming to know the one.
 */
function subjectNearMisses(form) {
    const exact = 'IAM compares sub case-sensitively: OWNER/REPO must be spelled exactly as in the statement.';
    switch (form.kind) {
        case 'environment':
            return (`This job runs in the environment "${form.environment}", so its sub names the environment, not the branch: ` +
                `a condition on repo:${form.repository}:ref:refs/heads/${form.branch ?? 'BRANCH'} (or on another environment) does not match it. ${exact}`);
        case 'branch':
            return (`This job runs on the branch "${form.branch}" without an environment: a condition on another branch, ` +
                `or on repo:${form.repository}:environment:NAME, does not match it; a job with environment: gets the environment form instead. ${exact}`);
        case 'tag':
            return `This run is for the tag "${form.tag}": a condition on a branch (repo:${form.repository}:ref:refs/heads/…) does not match it. ${exact}`;
        case 'pull-request':
            return (`Runs triggered by pull_request get repo:${form.repository}:pull_request whatever their branch: ` +
                `a condition on a branch or an environment does not match them. ${exact}`);
        case 'other-ref':
            return `This run is for ${form.ref}: a condition on a branch or an environment does not match it. ${exact}`;
        case 'custom':
            return ("This repository (or its organisation) uses a customised sub template, so the statement uses this token's sub exactly; " +
                'a condition written for the default form (repo:OWNER/REPO:…) never matches it.');
    }
}

;// CONCATENATED MODULE: ../src/assume-role/web-identity-trust.ts

/** `arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com` */
function oidcProviderArn(partition, account, issuer) {
    return `arn:${partition}:iam::${account}:oidc-provider/${providerHostPath(issuer)}`;
}
/**
 * The trust-policy statement that admits exactly this run: the account's provider for the token's
 * issuer, the audience the action asked for and the token's own `sub`, both compared exactly.
 */
function webIdentityTrustStatement(input) {
    const key = providerHostPath(input.issuer);
    return JSON.stringify({
        Effect: 'Allow',
        Principal: { Federated: oidcProviderArn(input.partition, input.account, input.issuer) },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
            StringEquals: { [`${key}:aud`]: input.audience, [`${key}:sub`]: input.subject },
        },
    });
}

;// CONCATENATED MODULE: ../src/assume-role/web-identity-failure.ts





const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
/** The near misses for this run's form, then which of GitHub's two sub forms it used (a customised sub has neither). */
function nearMissesOf(form) {
    const misses = subjectNearMisses(form);
    return form.kind === 'custom' ? misses : `${misses} ${subjectFormNote(form.repository, isImmutableForm(form.repository))}`;
}
function failureContext(call, said) {
    const { claims } = call;
    const issuer = claims?.issuer ?? GITHUB_ISSUER;
    const form = claims && subjectForm(claims);
    return {
        roleArn: call.roleArn,
        roleName: call.roleName,
        account: call.account,
        audience: call.audience,
        issuer,
        providerArn: oidcProviderArn(call.partition, call.account, issuer),
        token: claims &&
            form && {
            subject: claims.subject,
            statement: webIdentityTrustStatement({
                partition: call.partition,
                account: call.account,
                issuer,
                audience: call.audience,
                subject: claims.subject,
            }),
            everyPullRequestOf: form.kind === 'pull-request' ? form.repository : undefined,
            nearMisses: nearMissesOf(form),
            expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
        },
        said,
    };
}
/** One message per way AssumeRoleWithWebIdentity fails, each saying what to change. */
function explainWebIdentityFailure(failed, call) {
    const callContext = {
        call: 'STS AssumeRoleWithWebIdentity',
        region: call.region,
        partition: call.partition,
        accessKeyId: '',
        secrets: call.secrets,
    };
    if (failed.reason !== 'permanent')
        return (0,aws_failures/* explainGaveUp */.q)(failed, callContext);
    const { failure } = failed;
    const context = failureContext(call, (0,aws_failures/* awsSaid */.pH)(failure, call.secrets));
    switch (failure.code) {
        case 'AccessDenied':
        case 'AccessDeniedException':
            return webIdentityAccessDenied(context);
        case 'ExpiredTokenException':
        case 'ExpiredToken':
            return webIdentityTokenExpired(context);
        case 'InvalidIdentityToken':
        case 'InvalidIdentityTokenException':
            if (/No OpenIDConnect provider found/i.test(failure.message))
                return noOidcProvider(context);
            if (/audience/i.test(failure.message))
                return audienceMismatch(context);
            return webIdentityTokenRejected(context);
        case 'IDPRejectedClaim':
        case 'IDPRejectedClaimException':
            return webIdentityTokenRejected(context);
        default:
            // What both calls share (duration, region, session policies); key problems cannot occur unsigned.
            return (0,assume_role_failures/* explainAssumeRoleFailure */.UP)(failed, {
                ...callContext,
                roleArn: call.roleArn,
                roleName: call.roleName,
                durationSeconds: call.durationSeconds,
                sessionTags: false,
                sourceIdentity: false,
                externalId: false,
            });
    }
}

// EXTERNAL MODULE: ../src/assume-role/messages/peer-inputs.ts
var peer_inputs = __webpack_require__(8708);
;// CONCATENATED MODULE: ../src/assume-role/keyless.ts








/** web-identity-token-file: the token (masked before anything else) instead of GitHub's. */
async function tokenFromFile(io, given, secrets, deps) {
    io.info(peer_inputs/* peerInputLog */.l.tokenFile(given));
    const read = await deps.readTokenFile(given, io.env.GITHUB_WORKSPACE);
    if (!read.ok)
        throw new step_failure/* StepFailure */.p(read.reason);
    secrets.add(read.token);
    return read.token;
}
/**
 * Before any call: the runner offers a token only to jobs with `id-token: write`. Its request
 * token was masked when the step began (run.ts's secretVariables).
 */
function idTokenSource(io) {
    if (!io.env.ACTIONS_ID_TOKEN_REQUEST_URL || !io.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN || !io.idToken)
        throw new step_failure/* StepFailure */.p(noIdTokenPermission());
    return io.idToken.bind(io);
}
async function fetchToken(io, source, request, sessions, secrets) {
    io.info(keylessLog.mode(request.audience));
    try {
        return await sessions.idToken(source, request.audience);
    }
    catch (error) {
        if (!(error instanceof retry/* CallFailed */.Ep))
            throw error;
        const status = error.failure.httpStatus;
        const refused = error.reason === 'permanent' && status !== undefined && status >= 400 && status < 500 ? status : undefined;
        throw new step_failure/* StepFailure */.p(idTokenRequestFailed(error.attempts, (error.elapsedMs / 1000).toFixed(1), (0,aws_failures/* awsSaid */.pH)(error.failure, secrets.values), refused));
    }
}
/** The token, then one AssumeRoleWithWebIdentity; every failure is one StepFailure that says what to change. */
async function assumeKeyless(io, request, sessions, secrets, deps, run) {
    const token = request.webIdentityTokenFile !== undefined
        ? await tokenFromFile(io, request.webIdentityTokenFile, secrets, deps)
        : await fetchToken(io, idTokenSource(io), request, sessions, secrets);
    const claims = decodeWebIdentityClaims(token);
    if (claims)
        io.debug(keylessLog.token(claims.subject));
    const { role } = request;
    try {
        return await sessions.assumeWithWebIdentity({
            RoleArn: role.arn,
            RoleSessionName: request.sessionName ?? (0,session_name/* sessionNameForRun */._)(run, new Date(io.clock.now())),
            WebIdentityToken: token,
            DurationSeconds: request.durationSeconds,
            Policy: request.inlineSessionPolicy,
            PolicyArns: request.managedSessionPolicies.length > 0 ? request.managedSessionPolicies.map((arn) => ({ arn })) : undefined,
        });
    }
    catch (error) {
        if (!(error instanceof retry/* CallFailed */.Ep))
            throw error;
        throw new step_failure/* StepFailure */.p(explainWebIdentityFailure(error, {
            region: request.region,
            partition: request.partition,
            roleArn: role.arn,
            roleName: role.name,
            account: role.account,
            audience: request.webIdentityTokenFile === undefined ? request.audience : (claims?.audiences[0] ?? request.audience),
            claims,
            durationSeconds: request.durationSeconds,
            secrets: secrets.values,
        }));
    }
}


/***/ })

};
;