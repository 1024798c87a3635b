// @ts-check
/**
 * Verification of AWS Signature Version 4 (AWS4-HMAC-SHA256) request signatures, written from the
 * AWS SigV4 specification ("Create a signed AWS API request"), for the loopback test server: the
 * header is read by sigv4-authorization.js, the canonical request built by sigv4-canonical-request.js.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalRequest, sha256Hex } from './sigv4-canonical-request.js';

export { IncompleteSignatureError, parseAuthorization } from './sigv4-authorization.js';

/**
 * @typedef {import('./sigv4-authorization.js').ParsedAuthorization} ParsedAuthorization
 * @typedef {import('./sigv4-canonical-request.js').ReceivedRequest} ReceivedRequest
 */

const ALGORITHM = 'AWS4-HMAC-SHA256';

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
