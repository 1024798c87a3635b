// @ts-check
/**
 * Who is calling, as STS and IAM decide it: the SigV4 `Authorization` header parsed and checked
 * (service, signed `host`, `x-amz-date` within 15 minutes of the server clock and matching the
 * credential scope, IAM signed for us-east-1, the signature from the stored secret), the access key
 * or session looked up, and the session-revocation deny applied.
 */
import { IncompleteSignatureError, parseAuthorization, signatureMatches } from './sigv4.js';
import { AwsError } from './errors.js';
import { singleHeader } from './query.js';

/** IAM is a global service: requests are signed for us-east-1 in the aws partition. */
const IAM_SIGNING_REGION = 'us-east-1';
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;

/**
 * The credential scope of a request, read before authentication so every request can be recorded.
 * @param {string | undefined} header
 */
export function credentialScope(header) {
  if (!header) return undefined;
  try {
    return parseAuthorization(header);
  } catch {
    return undefined;
  }
}

/**
 * @param {import('./world.js').World} world
 * @param {import('node:http').IncomingMessage} req
 * @param {{ target: string, body: Buffer }} request
 * @returns {{ caller: import('./world.js').Caller, authorization: import('./sigv4.js').ParsedAuthorization }}
 */
export function authenticate(world, req, { target, body }) {
  const header = req.headers.authorization;
  if (!header) throw new AwsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
  const authorization = parseAuthorizationOrFail(header);
  if (authorization.service !== 'sts' && authorization.service !== 'iam') {
    throw new AwsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to correct service: 'sts'. `);
  }
  if (!authorization.signedHeaders.includes('host')) {
    throw new AwsError(403, 'SignatureDoesNotMatch', "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const amzDate = singleHeader(req, 'x-amz-date');
  if (amzDate === undefined) {
    throw new AwsError(400, 'IncompleteSignature', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  const { caller, secretAccessKey } = findCredentials(world, authorization.accessKeyId, singleHeader(req, 'x-amz-security-token'));
  checkRequestTime(amzDate, world.now().getTime());
  if (authorization.scopeDate !== amzDate.slice(0, 8)) {
    throw new AwsError(
      403,
      'SignatureDoesNotMatch',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${authorization.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (authorization.service === 'iam' && authorization.region !== IAM_SIGNING_REGION) {
    throw new AwsError(403, 'SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${authorization.region}'. `);
  }
  const received = { method: req.method ?? 'GET', target, rawHeaders: req.rawHeaders, body };
  if (!signatureMatches(received, authorization, amzDate, secretAccessKey)) {
    throw new AwsError(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return { caller, authorization };
}

/**
 * The revocation deny (PutRolePolicy with `DateLessThan aws:TokenIssueTime`), as AWS applies it: a
 * session of the role issued before the time is denied every action but GetCallerIdentity.
 * @param {import('./world.js').World} world
 * @param {import('./world.js').Caller} caller
 * @param {string} action
 */
export function sessionRevoked(world, caller, action) {
  if (caller.kind !== 'session' || action === 'GetCallerIdentity') return false;
  const before = world.revokedBefore.get(caller.session.role.arn);
  return before !== undefined && caller.session.issuedAt.getTime() < before.getTime();
}

/** @param {string} header */
function parseAuthorizationOrFail(header) {
  try {
    return parseAuthorization(header);
  } catch (error) {
    if (error instanceof IncompleteSignatureError) throw new AwsError(400, 'IncompleteSignature', error.message);
    throw error;
  }
}

/**
 * @param {import('./world.js').World} world
 * @param {string} accessKeyId
 * @param {string | undefined} sessionToken
 * @returns {{ caller: import('./world.js').Caller, secretAccessKey: string }}
 */
function findCredentials(world, accessKeyId, sessionToken) {
  const invalidToken = new AwsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
  const key = world.accessKeys.get(accessKeyId);
  if (key) {
    if (key.status !== 'Active' || sessionToken !== undefined) throw invalidToken;
    if (key.acceptedFrom instanceof Date && world.now() < key.acceptedFrom) throw invalidToken;
    const { user } = key;
    return { caller: { kind: 'user', arn: user.arn, account: user.account, user }, secretAccessKey: key.secretAccessKey };
  }
  const session = world.issuedSessions.get(accessKeyId);
  if (!session || sessionToken !== session.sessionToken) throw invalidToken;
  if (world.now() >= session.record.expiration) {
    throw new AwsError(400, 'ExpiredToken', 'The security token included in the request is expired');
  }
  return {
    caller: { kind: 'session', arn: session.record.assumedRoleArn, account: session.role.account, session },
    secretAccessKey: session.secretAccessKey,
  };
}

/**
 * @param {string} amzDate
 * @param {number} serverTime
 */
function checkRequestTime(amzDate, serverTime) {
  const requestTime = parseAmzDate(amzDate);
  if (requestTime === undefined) {
    throw new AwsError(
      400,
      'IncompleteSignature',
      `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
    );
  }
  if (requestTime < serverTime - MAX_CLOCK_SKEW_MS) {
    throw new AwsError(
      403,
      'SignatureDoesNotMatch',
      `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(serverTime - MAX_CLOCK_SKEW_MS)} (${formatAmzDate(serverTime)} - 15 min.)`,
    );
  }
  if (requestTime > serverTime + MAX_CLOCK_SKEW_MS) {
    throw new AwsError(
      403,
      'SignatureDoesNotMatch',
      `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(serverTime + MAX_CLOCK_SKEW_MS)} (${formatAmzDate(serverTime)} + 15 min.)`,
    );
  }
}

/** @param {string} amzDate YYYYMMDDTHHMMSSZ */
function parseAmzDate(amzDate) {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
}

/** @param {number} time */
function formatAmzDate(time) {
  return new Date(time)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}
