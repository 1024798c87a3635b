// @ts-check
/**
 * Verification of AWS Signature Version 4 (AWS4-HMAC-SHA256) request signatures, written from the
 * AWS SigV4 specification ("Create a signed AWS API request"), for the loopback test server.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const ALGORITHM = 'AWS4-HMAC-SHA256';

/**
 * The parts of an `Authorization: AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...` header.
 * @typedef {object} ParsedAuthorization
 * @property {string} accessKeyId
 * @property {string} scopeDate      YYYYMMDD from the credential scope
 * @property {string} region
 * @property {string} service
 * @property {string} scope          DATE/REGION/SERVICE/aws4_request
 * @property {string[]} signedHeaders lower-case names, in the order given
 * @property {string} signature      64 hex digits
 */

/**
 * A request as it arrived on the wire.
 * @typedef {object} ReceivedRequest
 * @property {string} method
 * @property {string} target     the request target: raw path plus `?query` if any, still percent-encoded
 * @property {string[]} rawHeaders name, value, name, value... (Node's `IncomingMessage.rawHeaders`)
 * @property {Buffer} body
 */

/** An Authorization header that does not have the SigV4 shape (AWS answers `IncompleteSignature`). */
export class IncompleteSignatureError extends Error {}

/**
 * @param {string} header the Authorization header value
 * @returns {ParsedAuthorization}
 */
export function parseAuthorization(header) {
  const separator = header.indexOf(' ');
  const algorithm = separator < 0 ? header : header.slice(0, separator);
  if (algorithm !== ALGORITHM) {
    throw new IncompleteSignatureError(`Unsupported authorization type: ${algorithm}`);
  }
  /** @type {Map<string, string>} */
  const fields = new Map();
  for (const part of header.slice(separator + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const credential = requiredField(fields, 'Credential');
  const signedHeaders = requiredField(fields, 'SignedHeaders');
  const signature = requiredField(fields, 'Signature');

  const [accessKeyId, scopeDate, region, service, terminator, ...extra] = credential.split('/');
  if (!accessKeyId || !scopeDate || !region || !service || terminator !== 'aws4_request' || extra.length > 0) {
    throw new IncompleteSignatureError(
      `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential.split('/').slice(1).join('/')}'`,
    );
  }
  if (!/^[0-9a-f]{64}$/.test(signature)) {
    throw new IncompleteSignatureError('Signature must be 64 lower-case hexadecimal characters.');
  }
  return {
    accessKeyId,
    scopeDate,
    region,
    service,
    scope: [scopeDate, region, service, terminator].join('/'),
    signedHeaders: signedHeaders.split(';'),
    signature,
  };
}

/**
 * @param {Map<string, string>} fields
 * @param {string} name
 */
function requiredField(fields, name) {
  const value = fields.get(name);
  if (!value) throw new IncompleteSignatureError(`Authorization header requires '${name}' parameter.`);
  return value;
}

/**
 * Whether `authorization.signature` is the signature of `request` made with `secretAccessKey`.
 * The payload hash is always computed from the body received, so a body changed in transit fails
 * even when the client declared a (then stale) `x-amz-content-sha256`.
 * @param {ReceivedRequest} request
 * @param {ParsedAuthorization} authorization
 * @param {string} amzDate the request's `x-amz-date` (YYYYMMDDTHHMMSSZ)
 * @param {string} secretAccessKey the secret the server holds for the key id
 */
export function signatureMatches(request, authorization, amzDate, secretAccessKey) {
  const canonical = canonicalRequest(request, authorization.signedHeaders);
  const toSign = [ALGORITHM, amzDate, authorization.scope, sha256Hex(canonical)].join('\n');
  const key = signingKey(secretAccessKey, authorization.scopeDate, authorization.region, authorization.service);
  const expected = Buffer.from(createHmac('sha256', key).update(toSign, 'utf8').digest('hex'), 'utf8');
  const given = Buffer.from(authorization.signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * @param {ReceivedRequest} request
 * @param {string[]} signedHeaders
 */
function canonicalRequest(request, signedHeaders) {
  const queryStart = request.target.indexOf('?');
  const rawPath = queryStart < 0 ? request.target : request.target.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : request.target.slice(queryStart + 1);
  const headers = headerValues(request.rawHeaders);
  return [
    request.method,
    canonicalUri(rawPath),
    canonicalQueryString(rawQuery),
    signedHeaders.map((name) => `${name}:${headers.get(name) ?? ''}\n`).join(''),
    signedHeaders.join(';'),
    sha256Hex(request.body),
  ].join('\n');
}

/**
 * Services other than S3 normalize the path and URI-encode each segment of the path as sent,
 * which is already encoded once: the spec's "encode twice".
 * @param {string} rawPath
 */
function canonicalUri(rawPath) {
  /** @type {string[]} */
  const segments = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(uriEncode(segment));
  }
  const trailingSlash = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  return `/${segments.join('/')}${trailingSlash}`;
}

/** @param {string} rawQuery */
function canonicalQueryString(rawQuery) {
  if (rawQuery === '') return '';
  return rawQuery
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const name = equals < 0 ? pair : pair.slice(0, equals);
      const value = equals < 0 ? '' : pair.slice(equals + 1);
      return [uriEncode(decodeQueryComponent(name)), uriEncode(decodeQueryComponent(value))];
    })
    .sort(([nameA = '', valueA = ''], [nameB = '', valueB = '']) => compareCodeUnits(nameA, nameB) || compareCodeUnits(valueA, valueB))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/** @param {string} component */
function decodeQueryComponent(component) {
  return decodeURIComponent(component.replace(/\+/g, ' '));
}

/**
 * @param {string} a
 * @param {string} b
 */
function compareCodeUnits(a, b) {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * The header values to sign: names lower-cased, values trimmed with inner runs of spaces collapsed,
 * repeated headers joined with commas.
 * @param {string[]} rawHeaders
 */
function headerValues(rawHeaders) {
  /** @type {Map<string, string[]>} */
  const values = new Map();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = String(rawHeaders[i]).toLowerCase();
    const value = String(rawHeaders[i + 1]).trim().replace(/ +/g, ' ');
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return new Map([...values].map(([name, list]) => [name, list.join(',')]));
}

/**
 * RFC 3986 encoding as SigV4 defines it: everything except unreserved characters, upper-case hex.
 * @param {string} text
 */
function uriEncode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * @param {string} secretAccessKey
 * @param {string} date
 * @param {string} region
 * @param {string} service
 */
function signingKey(secretAccessKey, date, region, service) {
  const dateKey = hmac(`AWS4${secretAccessKey}`, date);
  return hmac(hmac(hmac(dateKey, region), service), 'aws4_request');
}

/**
 * @param {string | Buffer} key
 * @param {string} data
 */
function hmac(key, data) {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** @param {string | Buffer} data */
function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}
