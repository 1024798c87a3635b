// @ts-check
/**
 * SigV4's canonical request (method, normalized URI, sorted query, signed headers with trimmed
 * values, the payload's hash), written from the AWS SigV4 specification ("Create a signed AWS API
 * request").
 */
import { createHash } from 'node:crypto';

/**
 * A request as it arrived on the wire.
 * @typedef {object} ReceivedRequest
 * @property {string} method
 * @property {string} target     the request target: raw path plus `?query` if any, still percent-encoded
 * @property {string[]} rawHeaders name, value, name, value... (Node's `IncomingMessage.rawHeaders`)
 * @property {Buffer} body
 */

/**
 * The canonical request SigV4 signs, rebuilt from the bytes received.
 * @param {ReceivedRequest} request
 * @param {string[]} signedHeaders
 */
export function canonicalRequest(request, signedHeaders) {
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
    const value = String(rawHeaders[i + 1])
      .trim()
      .replace(/ +/g, ' ');
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

/** @param {string | Buffer} data */
export function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}
