// @ts-check
/**
 * The query protocol's answers as AWS writes them: `<ActionResponse>` with its result and request
 * id, `<ErrorResponse>` (`Type` `Sender`, or `Receiver` for 5xx), and the HTTP answer with
 * `x-amzn-RequestId` and a `Date` header from the server clock.
 */

/** @typedef {'sts' | 'iam'} Service */

export const NAMESPACES = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};

/**
 * @param {Service} service
 * @param {string} action
 * @param {string} result the XML inside `<ActionResult>`
 * @param {string} requestId
 */
export function successXml(service, action, result, requestId) {
  return (
    `<${action}Response xmlns="${NAMESPACES[service]}">` +
    element(`${action}Result`, result) +
    element('ResponseMetadata', textElement('RequestId', requestId)) +
    `</${action}Response>\n`
  );
}

/**
 * @param {Service} service
 * @param {string} code
 * @param {string} message
 * @param {string} requestId
 * @param {number} status
 */
export function errorXml(service, code, message, requestId, status) {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NAMESPACES[service]}">` +
    element('Error', textElement('Type', type) + textElement('Code', code) + textElement('Message', message)) +
    textElement('RequestId', requestId) +
    '</ErrorResponse>\n'
  );
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {{ status: number, xml: string, requestId: string, now: () => Date }} answer
 */
export function sendXml(res, { status, xml, requestId, now }) {
  const body = Buffer.from(xml, 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/xml',
    'Content-Length': body.length,
    'x-amzn-RequestId': requestId,
    // SDKs correct their clock skew from this header, so it must come from the server's clock.
    Date: now().toUTCString(),
  });
  res.end(body);
}

/**
 * @param {string} name
 * @param {string} content XML
 */
export function element(name, content) {
  return `<${name}>${content}</${name}>`;
}

/**
 * @param {string} name
 * @param {string} text
 */
export function textElement(name, text) {
  return element(name, escapeXml(text));
}

/**
 * @param {string} name
 * @param {string | number | undefined} value
 */
export function optionalElement(name, value) {
  return value === undefined ? '' : textElement(name, String(value));
}

/** @param {Date} date ISO 8601 without milliseconds, as AWS writes timestamps */
export function isoSeconds(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** @param {string} text character data (this server writes no attribute values from input) */
function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
