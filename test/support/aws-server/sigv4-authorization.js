// @ts-check
/**
 * The SigV4 `Authorization` header read (`AWS4-HMAC-SHA256 Credential=..., SignedHeaders=...,
 * Signature=...`), with the `IncompleteSignature` sentences AWS answers for a malformed one.
 */

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
