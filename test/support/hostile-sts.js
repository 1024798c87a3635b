// @ts-check
/**
 * A loopback STS that answers whatever a test tells it to, without checking signatures: the
 * stand-in for a fake or redirected endpoint (an `endpoint_url` in an AWS config file, a hostile
 * proxy). Each request goes to `respond`, which returns the raw HTTP answer or `'reset'` to drop
 * the connection. The helpers below build well-formed STS XML around attacker-chosen values.
 */
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { URLSearchParams } from 'node:url';

const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * @typedef {object} HostileAnswer
 * @property {number} status
 * @property {Record<string, string>} [headers]
 * @property {string} body
 *
 * @typedef {object} HostileRequest
 * @property {string} action
 * @property {URLSearchParams} params
 * @property {string} host the Host header the client sent
 *
 * @typedef {(request: HostileRequest) => HostileAnswer | 'reset'} Responder
 */

/**
 * Credentials shaped like STS's: ASIA key id, 40-character secret, a long base64 token.
 * @returns {{ accessKeyId: string, secretAccessKey: string, sessionToken: string }}
 */
export function fakeSessionCredentials() {
  return {
    accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64'),
    sessionToken: randomBytes(330).toString('base64'),
  };
}

/** @param {string} text */
function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A 200 AssumeRole answer with the given values, XML-escaped (a line break stays a line break);
 * with `action: 'AssumeRoleWithWebIdentity'`, the same answer to keyless mode's call.
 * @param {{ arn: string, expiration: string, credentials: { accessKeyId: string, secretAccessKey: string, sessionToken: string }, assumedRoleId?: string, action?: 'AssumeRole' | 'AssumeRoleWithWebIdentity' }} values
 * @returns {HostileAnswer}
 */
export function assumeRoleAnswer({ arn, expiration, credentials, assumedRoleId = 'AROA3XFRBF535PLBIFPI4:session', action = 'AssumeRole' }) {
  const body =
    `<${action}Response xmlns="${STS_NAMESPACE}"><${action}Result>` +
    `<AssumedRoleUser><Arn>${escapeXml(arn)}</Arn><AssumedRoleId>${escapeXml(assumedRoleId)}</AssumedRoleId></AssumedRoleUser>` +
    `<Credentials><AccessKeyId>${escapeXml(credentials.accessKeyId)}</AccessKeyId><SecretAccessKey>${escapeXml(credentials.secretAccessKey)}</SecretAccessKey>` +
    `<SessionToken>${escapeXml(credentials.sessionToken)}</SessionToken><Expiration>${escapeXml(expiration)}</Expiration></Credentials>` +
    `</${action}Result><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></${action}Response>\n`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

/**
 * A 200 GetCallerIdentity answer.
 * @param {{ arn: string, account: string }} values
 * @returns {HostileAnswer}
 */
export function callerIdentityAnswer({ arn, account }) {
  const body =
    `<GetCallerIdentityResponse xmlns="${STS_NAMESPACE}"><GetCallerIdentityResult>` +
    `<Arn>${escapeXml(arn)}</Arn><UserId>AIDAEXAMPLEUSERID</UserId><Account>${escapeXml(account)}</Account>` +
    `</GetCallerIdentityResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></GetCallerIdentityResponse>\n`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

/** What a load balancer in front of a dead service sends. */
export const BAD_GATEWAY_PAGE = {
  status: 502,
  headers: { 'content-type': 'text/html' },
  body: '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n',
};

/** @param {string} location */
export function redirectAnswer(location) {
  return { status: 307, headers: { location, 'content-type': 'text/html' }, body: '<html><body>Temporary Redirect</body></html>' };
}

/**
 * @param {Responder} respond
 * @returns {Promise<{ url: string, requests: HostileRequest[], close(): Promise<void> }>}
 */
export async function startHostileSts(respond) {
  /** @type {HostileRequest[]} */
  const requests = [];
  const server = http.createServer(async (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const chunk of req) chunks.push(/** @type {Buffer} */ (chunk));
    const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const request = { action: params.get('Action') ?? '', params, host: String(req.headers.host) };
    requests.push(request);
    const answer = respond(request);
    if (answer === 'reset') {
      req.socket.destroy();
      return;
    }
    const body = Buffer.from(answer.body, 'utf8');
    res.writeHead(answer.status, { 'content-length': String(body.length), 'x-amzn-RequestId': randomUUID(), ...answer.headers });
    res.end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
