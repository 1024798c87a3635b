// @ts-check
/**
 * A loopback STS + IAM endpoint that answers the AWS query protocol the way AWS does: SigV4
 * signatures checked against the stored secrets, trust policies, session expiry, AWS's error codes
 * and messages, fault injection. What it models and what it does not: README.md beside this file.
 */
import http from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { URLSearchParams } from 'node:url';
import { IncompleteSignatureError, parseAuthorization, signatureMatches } from './sigv4.js';
import { keyAdminHandlers, sessionRevoked } from './iam-key-admin.js';
import { tokenBucket } from './token-bucket.js';
import { verifyWebIdentityToken } from './aws-server/web-identity.js';

const NAMESPACES = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  iam: 'https://iam.amazonaws.com/doc/2010-05-08/',
};
const API_VERSIONS = { sts: '2011-06-15', iam: '2010-05-08' };
/** IAM is a global service: requests are signed for us-east-1 in the aws partition. */
const IAM_SIGNING_REGION = 'us-east-1';
const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const DEFAULT_DURATION_SECONDS = 3600;
const ROLE_CHAINING_MAX_SECONDS = 3600;
/** Stand-in for STS's packed (compressed) session-policy budget; see README. */
const PACKED_POLICY_BUDGET_BYTES = 2048;
const SESSION_NAME_PATTERN = /^[\w+=,.@-]*$/;
const EXTERNAL_ID_PATTERN = /^[\w+=,.@:/-]*$/;

/** @type {Record<'throttle' | 'server-error' | 'unavailable', [number, string, string]>} */
const ERROR_FAULTS = {
  throttle: [400, 'Throttling', 'Rate exceeded'],
  'server-error': [500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'],
  unavailable: [503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'],
};

/**
 * @typedef {'sts' | 'iam'} Service
 * @typedef {'AssumeRole' | 'GetCallerIdentity' | 'ListAccessKeys' | 'GetAccessKeyLastUsed'} Action
 * @typedef {'throttle' | 'server-error' | 'unavailable' | 'reset' | 'delay' | 'malformed'} FaultKind
 *
 * @typedef {object} User
 * @property {string} account
 * @property {string} name
 * @property {string} arn
 * @property {string} userId
 * @property {string[]} canAssume role ARNs (or '*') the user's identity policy allows to assume
 * @property {boolean} selfIamRead
 * @property {boolean} [keyAdmin] may manage the keys and tags of its account's users (the rotator)
 *
 * @typedef {object} AccessKey
 * @property {string} accessKeyId
 * @property {string} secretAccessKey
 * @property {'Active' | 'Inactive'} status
 * @property {Date} createDate
 * @property {LastUse | undefined} lastUsed
 * @property {User} user
 * @property {Date} [acceptedFrom] a key CreateAccessKey made is rejected by STS until then
 *
 * @typedef {object} LastUse
 * @property {Date} date
 * @property {string} service
 * @property {string} region
 *
 * @typedef {object} Role
 * @property {string} account
 * @property {string} name
 * @property {string} arn
 * @property {string} roleId
 * @property {string[]} trustedPrincipals
 * @property {string[]} trustActions
 * @property {number} maxSessionDuration
 * @property {string | undefined} externalId
 * @property {import('./aws-server/web-identity.js').FederatedStatement[]} federatedTrust statements for AssumeRoleWithWebIdentity
 *
 * What one successful AssumeRole issued, without its secrets (see `sessionCredentials`).
 * @typedef {object} SessionRecord
 * @property {string} accessKeyId
 * @property {string} callerArn
 * @property {string} roleArn
 * @property {string} assumedRoleArn
 * @property {string} assumedRoleId
 * @property {string} roleSessionName
 * @property {string} region the region the AssumeRole call was signed for
 * @property {number} durationSeconds
 * @property {Date} expiration
 * @property {string | undefined} externalId
 * @property {string | undefined} sourceIdentity
 * @property {{ key: string, value: string }[]} tags
 * @property {string[]} transitiveTagKeys
 * @property {string | undefined} policy
 * @property {string[]} policyArns
 * @property {{ provider: string, audience: string, subject: string } | undefined} [webIdentity] for AssumeRoleWithWebIdentity
 *
 * @typedef {object} IssuedSession
 * @property {SessionRecord} record
 * @property {Role} role
 * @property {string} secretAccessKey
 * @property {string} sessionToken
 * @property {Date} [issuedAt]
 *
 * @typedef {{ kind: 'user', arn: string, account: string, user: User }
 *   | { kind: 'session', arn: string, account: string, session: IssuedSession }} Caller
 *
 * @typedef {object} RequestRecord
 * @property {string} action
 * @property {string | undefined} service from the SigV4 credential scope
 * @property {string | undefined} region from the SigV4 credential scope
 * @property {string | undefined} accessKeyId
 * @property {number | undefined} status undefined when no answer was sent (a `reset` fault)
 * @property {string | undefined} errorCode
 * @property {FaultKind | undefined} fault the injected fault this request consumed
 *
 * @typedef {object} Fault
 * @property {Action | '*'} action
 * @property {FaultKind} kind
 * @property {number} remaining
 * @property {number} delayMs
 *
 * @typedef {object} CallContext
 * @property {Caller} caller
 * @property {Map<string, string>} params
 * @property {string} region
 *
 * @typedef {object} AwsTestServer
 * @property {string} url e.g. http://127.0.0.1:PORT
 * @property {() => Promise<void>} close stops listening and destroys open connections
 * @property {(user: { account: string, name: string, path?: string, canAssume?: string[] | '*', selfIamRead?: boolean, keyAdmin?: boolean }) => { arn: string, userId: string }} addUser
 *   user names are unique across the server's accounts
 * @property {(userName: string, key: { accessKeyId: string, secretAccessKey: string, status?: 'Active' | 'Inactive', createDate?: Date, lastUsed?: LastUse }) => void} addAccessKey
 * @property {(role: { account: string, name: string, path?: string, trustedPrincipals: string[] | string, trustActions?: string[], maxSessionDuration?: number, externalId?: string, federatedTrust?: import('./aws-server/web-identity.js').FederatedStatement[] }) => { arn: string, roleId: string }} addRole
 * @property {(provider: { account: string, url: string, clientIds: string[], keys: object[] }) => { arn: string }} addOidcProvider
 *   an IAM OIDC identity provider; `keys` are the issuer's public JWKs (AWS reads them from the issuer)
 * @property {(region: string) => void} disableRegion STS answers RegionDisabledException for calls signed for it
 * @property {(action: Action | '*', fault: { kind: FaultKind, times?: number, delayMs?: number }) => void} injectFault
 * @property {RequestRecord[]} requests every request received, in order, without secrets or signatures
 * @property {SessionRecord[]} sessions every session AssumeRole issued, in order, without secrets
 * @property {(accessKeyId: string) => { accessKeyId: string, secretAccessKey: string, sessionToken: string } | undefined} sessionCredentials
 *   the secrets of an issued session, for a test that must use or look for them
 * @property {(userName: string) => Map<string, string>} userTags the user's tags (see iam-key-admin.js)
 * @property {(userName: string) => { accessKeyId: string, status: string, createDate: Date, lastUsed: LastUse | undefined }[]} keysOf
 * @property {() => { label: string, value: string }[]} knownSecrets every secret key and session token the
 *   server holds, labelled without the value, in the shape `findSecretLeaks` takes
 */

class AwsError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * @param {{ now?: () => Date, iamPageSize?: number, assumeRoleRateLimit?: { perSecond: number, burst: number }, newKeyDelayMs?: number, recordLastUse?: boolean }} [options]
 *   newKeyDelayMs: how long a key made by CreateAccessKey is rejected (AWS: a few seconds);
 *   recordLastUse: every authenticated call sets its user key's last use (AWS does, hours later);
 *   now: the server's clock (expiry, skew, the Date header); iamPageSize: most items per ListAccessKeys
 *   page whatever MaxItems asks (IAM may return fewer than MaxItems), small so pagination is exercised;
 *   assumeRoleRateLimit: a token bucket on the server clock; authenticated AssumeRole calls over it are Throttling
 * @returns {Promise<AwsTestServer>}
 */
export async function startAwsTestServer(options = {}) {
  const now = options.now ?? (() => new Date());
  const iamPageSize = options.iamPageSize ?? 1;
  const assumeRoleLimit = options.assumeRoleRateLimit && tokenBucket({ ...options.assumeRoleRateLimit, now });

  /** @type {Map<string, User>} */
  const users = new Map();
  /** @type {Map<string, AccessKey>} */
  const accessKeys = new Map();
  /** @type {Map<string, Role>} */
  const roles = new Map();
  /** @type {Map<string, IssuedSession>} */
  const issuedSessions = new Map();
  /** @type {Set<string>} */
  const disabledRegions = new Set();
  /** @type {Fault[]} */
  const faults = [];
  /** @type {RequestRecord[]} */
  const requests = [];
  /** @type {SessionRecord[]} */
  const sessions = [];
  const closing = new AbortController();
  /** @type {import('./aws-server/web-identity.js').OidcProvider[]} */
  const oidcProviders = [];
  /** @type {Map<string, Map<string, string>>} */
  const userTags = new Map();
  /** @type {Map<string, Date>} */
  const revokedBefore = new Map();

  /** @type {Record<Service, Partial<Record<string, (context: CallContext) => string>>>} */
  const handlers = {
    sts: { AssumeRole: assumeRole, GetCallerIdentity: getCallerIdentity },
    iam: {
      ListAccessKeys: listAccessKeys,
      GetAccessKeyLastUsed: getAccessKeyLastUsed,
      ...keyAdminHandlers({
        users, accessKeys, roles, userTags, revokedBefore, now, newKeyDelayMs: options.newKeyDelayMs ?? 0,
        error: (status, code, message) => new AwsError(status, code, message), accessDenied, element, textElement, randomId, isoSeconds,
      }),
    },
  };

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((error) => {
      if (res.headersSent) return;
      const requestId = randomUUID();
      sendXml(res, 500, errorXml('sts', 'InternalFailure', `test server bug: ${error}`, requestId, 500), requestId);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('test server has no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    close,
    addUser,
    addAccessKey,
    addRole,
    addOidcProvider,
    disableRegion: (region) => void disabledRegions.add(region),
    injectFault,
    requests,
    sessions,
    sessionCredentials,
    knownSecrets,
    userTags: (userName) => new Map(userTags.get(userName) ?? []),
    keysOf: (userName) => [...accessKeys.values()].filter((key) => key.user.name === userName)
      .map(({ accessKeyId, status, createDate, lastUsed }) => ({ accessKeyId, status, createDate, lastUsed })),
  };

  async function close() {
    closing.abort();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(() => resolve(undefined)));
  }

  /** @type {AwsTestServer['addUser']} */
  function addUser({ account, name, path = '/', canAssume = [], selfIamRead = false, keyAdmin = false }) {
    if (users.has(name)) throw new Error(`user ${name} already exists`);
    const user = {
      account,
      name,
      arn: `arn:aws:iam::${account}:user${path}${name}`,
      userId: randomId('AIDA', 17),
      canAssume: [canAssume].flat(),
      selfIamRead,
      keyAdmin,
    };
    users.set(name, user);
    return { arn: user.arn, userId: user.userId };
  }

  /** @type {AwsTestServer['addAccessKey']} */
  function addAccessKey(userName, { accessKeyId, secretAccessKey, status = 'Active', createDate = now(), lastUsed }) {
    const user = users.get(userName);
    if (!user) throw new Error(`no user ${userName}`);
    accessKeys.set(accessKeyId, { accessKeyId, secretAccessKey, status, createDate, lastUsed, user });
  }

  /** @type {AwsTestServer['addRole']} */
  function addRole({ account, name, path = '/', trustedPrincipals, trustActions = ['sts:AssumeRole'], maxSessionDuration = 3600, externalId, federatedTrust = [] }) {
    const role = {
      account,
      name,
      arn: `arn:aws:iam::${account}:role${path}${name}`,
      roleId: randomId('AROA', 17),
      trustedPrincipals: [trustedPrincipals].flat(),
      trustActions,
      maxSessionDuration,
      externalId,
      federatedTrust,
    };
    roles.set(role.arn, role);
    return { arn: role.arn, roleId: role.roleId };
  }

  /** @type {AwsTestServer['addOidcProvider']} */
  function addOidcProvider({ account, url, clientIds, keys }) {
    const arn = `arn:aws:iam::${account}:oidc-provider/${url.replace(/^https:\/\//, '')}`;
    oidcProviders.push({ arn, url, clientIds, keys: /** @type {import('node:crypto').JsonWebKey[]} */ (keys) });
    return { arn };
  }

  /** @type {AwsTestServer['injectFault']} */
  function injectFault(action, { kind, times = 1, delayMs = 0 }) {
    faults.push({ action, kind, remaining: times, delayMs });
  }

  /** @param {string} action */
  function takeFault(action) {
    const fault = faults.find((f) => f.remaining > 0 && (f.action === action || f.action === '*'));
    if (fault) fault.remaining -= 1;
    return fault;
  }

  /** @type {AwsTestServer['sessionCredentials']} */
  function sessionCredentials(accessKeyId) {
    const session = issuedSessions.get(accessKeyId);
    return session && { accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
  }

  /** @type {AwsTestServer['knownSecrets']} */
  function knownSecrets() {
    return [
      ...[...accessKeys.values()].map((key) => ({ label: `secret access key of ${key.accessKeyId}`, value: key.secretAccessKey })),
      ...[...issuedSessions.values()].flatMap(({ record, secretAccessKey, sessionToken }) => [
        { label: `secret access key of session ${record.accessKeyId}`, value: secretAccessKey },
        { label: `session token of session ${record.accessKeyId}`, value: sessionToken },
      ]),
    ];
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handleRequest(req, res) {
    const body = await readBody(req);
    const target = req.url ?? '/';
    const params = requestParameters(req, target, body);
    const action = params.get('Action') ?? '';
    const authorizationHeader = req.headers.authorization;
    const scope = credentialScope(authorizationHeader);
    const service = scope?.service === 'iam' ? 'iam' : 'sts';
    const requestId = randomUUID();
    /** @type {RequestRecord} */
    const record = {
      action,
      service: scope?.service,
      region: scope?.region,
      accessKeyId: scope?.accessKeyId,
      status: undefined,
      errorCode: undefined,
      fault: undefined,
    };
    requests.push(record);

    try {
      const fault = takeFault(action);
      record.fault = fault?.kind;
      switch (fault?.kind) {
        case 'reset':
          req.socket.destroy();
          return;
        case 'malformed':
          record.status = 200;
          sendXml(res, 200, `<${action}Response xmlns="${NAMESPACES[service]}"><${action}Result><Credentials><AccessKeyId>`, requestId);
          return;
        case 'delay':
          await sleep(fault.delayMs, undefined, { signal: closing.signal });
          break;
        case 'throttle':
        case 'server-error':
        case 'unavailable':
          throw new AwsError(...ERROR_FAULTS[fault.kind]);
      }

      // STS reads AssumeRoleWithWebIdentity unsigned: the token is the proof.
      if (service === 'sts' && action === 'AssumeRoleWithWebIdentity') {
        if (params.get('Version') !== API_VERSIONS.sts) throw new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`);
        const result = assumeRoleWithWebIdentity(params);
        record.status = 200;
        sendXml(res, 200, successXml(service, action, result, requestId), requestId);
        return;
      }
      if (!authorizationHeader) throw new AwsError(403, 'MissingAuthenticationToken', 'Request is missing Authentication Token');
      const authorization = parseAuthorizationOrFail(authorizationHeader);
      const caller = authenticate(req, target, body, authorization);
      if (service === 'sts' && disabledRegions.has(authorization.region)) {
        throw new AwsError(
          403,
          'RegionDisabledException',
          `STS is not activated in this region for account:${caller.account}. Your account administrator can activate STS in this region using the IAM Console.`,
        );
      }
      if (service === 'sts' && action === 'AssumeRole' && assumeRoleLimit && !assumeRoleLimit.take()) {
        throw new AwsError(...ERROR_FAULTS.throttle);
      }
      const version = params.get('Version');
      if (sessionRevoked(revokedBefore, caller, action)) throw accessDenied(caller.arn, `${service}:${action}`, '*', ' with an explicit deny in an identity-based policy');
      if (options.recordLastUse && caller.kind === 'user') {
        const usedKey = accessKeys.get(authorization.accessKeyId);
        if (usedKey) usedKey.lastUsed = { date: now(), service, region: authorization.region };
      }
      const handler = handlers[service][action];
      if (!handler || version !== API_VERSIONS[service]) {
        throw new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);
      }
      const result = handler({ caller, params, region: authorization.region });
      record.status = 200;
      sendXml(res, 200, successXml(service, action, result, requestId), requestId);
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      record.status = error.status;
      record.errorCode = error.code;
      sendXml(res, error.status, errorXml(service, error.code, error.message, requestId, error.status), requestId);
    }
  }

  /**
   * @param {http.ServerResponse} res
   * @param {number} status
   * @param {string} xml
   * @param {string} requestId
   */
  function sendXml(res, status, xml, requestId) {
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
   * @param {http.IncomingMessage} req
   * @param {string} target
   * @param {Buffer} body
   * @param {import('./sigv4.js').ParsedAuthorization} authorization
   * @returns {Caller}
   */
  function authenticate(req, target, body, authorization) {
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
    const { caller, secretAccessKey } = findCredentials(authorization.accessKeyId, singleHeader(req, 'x-amz-security-token'));
    checkRequestTime(amzDate);
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
    return caller;
  }

  /**
   * @param {string} accessKeyId
   * @param {string | undefined} sessionToken
   * @returns {{ caller: Caller, secretAccessKey: string }}
   */
  function findCredentials(accessKeyId, sessionToken) {
    const invalidToken = new AwsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.');
    const key = accessKeys.get(accessKeyId);
    if (key) {
      if (key.status !== 'Active' || sessionToken !== undefined) throw invalidToken;
      if (key.acceptedFrom instanceof Date && now() < key.acceptedFrom) throw invalidToken;
      const { user } = key;
      return { caller: { kind: 'user', arn: user.arn, account: user.account, user }, secretAccessKey: key.secretAccessKey };
    }
    const session = issuedSessions.get(accessKeyId);
    if (!session || sessionToken !== session.sessionToken) throw invalidToken;
    if (now() >= session.record.expiration) {
      throw new AwsError(400, 'ExpiredToken', 'The security token included in the request is expired');
    }
    return {
      caller: { kind: 'session', arn: session.record.assumedRoleArn, account: session.role.account, session },
      secretAccessKey: session.secretAccessKey,
    };
  }

  /** @param {string} amzDate */
  function checkRequestTime(amzDate) {
    const requestTime = parseAmzDate(amzDate);
    if (requestTime === undefined) {
      throw new AwsError(400, 'IncompleteSignature', `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`);
    }
    const serverTime = now().getTime();
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

  /** @param {CallContext} context */
  function assumeRole({ caller, params, region }) {
    const roleArn = params.get('RoleArn');
    const roleSessionName = params.get('RoleSessionName');
    const durationText = params.get('DurationSeconds');
    const externalId = params.get('ExternalId');
    const sourceIdentity = params.get('SourceIdentity');
    const policy = params.get('Policy');
    const tags = memberList(params, 'Tags').map((tag) => ({ key: tag.get('Key') ?? '', value: tag.get('Value') ?? '' }));
    const transitiveTagKeys = memberList(params, 'TransitiveTagKeys').map((item) => item.get('') ?? '');
    const policyArns = memberList(params, 'PolicyArns').map((item) => item.get('arn') ?? '');

    const problems = new ConstraintViolations();
    problems.checkLength('roleArn', roleArn, 20, 2048, { required: true });
    problems.checkLength('roleSessionName', roleSessionName, 2, 64, { required: true, pattern: SESSION_NAME_PATTERN });
    problems.checkInteger('durationSeconds', durationText, 900, 43200);
    problems.checkLength('externalId', externalId, 2, 1224, { pattern: EXTERNAL_ID_PATTERN });
    problems.checkLength('sourceIdentity', sourceIdentity, 2, 64, { pattern: SESSION_NAME_PATTERN });
    problems.checkLength('policy', policy, 1, 2048);
    tags.forEach((tag, i) => {
      problems.checkLength(`tags.${i + 1}.member.key`, tag.key, 1, 128, { required: true });
      problems.checkLength(`tags.${i + 1}.member.value`, tag.value, 0, 256);
    });
    problems.throwIfAny();
    if (policy !== undefined && !isJson(policy)) {
      throw new AwsError(400, 'MalformedPolicyDocument', 'The policy is not in the valid JSON format.');
    }

    const role = roles.get(roleArn ?? '');
    /** @param {string} stsAction */
    const denied = (stsAction) => accessDenied(caller.arn, stsAction, `${roleArn}`);
    if (!role || !trusts(role, caller) || (role.externalId !== undefined && role.externalId !== externalId)) {
      throw denied('sts:AssumeRole');
    }
    if (tags.length > 0 && !role.trustActions.includes('sts:TagSession')) throw denied('sts:TagSession');
    if (sourceIdentity !== undefined && !role.trustActions.includes('sts:SetSourceIdentity')) throw denied('sts:SetSourceIdentity');

    const durationSeconds = durationText === undefined ? DEFAULT_DURATION_SECONDS : Number(durationText);
    if (caller.kind === 'session' && durationSeconds > ROLE_CHAINING_MAX_SECONDS) {
      throw new AwsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
    }
    if (durationSeconds > role.maxSessionDuration) {
      throw new AwsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    const packedPolicySize = packedPolicyPercent(policy, policyArns, tags);

    const accessKeyId = randomId('ASIA', 16);
    const sessionName = /** @type {string} */ (roleSessionName);
    /** @type {SessionRecord} */
    const record = {
      accessKeyId,
      callerArn: caller.arn,
      roleArn: role.arn,
      assumedRoleArn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${sessionName}`,
      assumedRoleId: `${role.roleId}:${sessionName}`,
      roleSessionName: sessionName,
      region,
      durationSeconds,
      expiration: new Date(Math.floor(now().getTime() / 1000) * 1000 + durationSeconds * 1000),
      externalId,
      sourceIdentity,
      tags,
      transitiveTagKeys,
      policy,
      policyArns,
    };
    const secretAccessKey = randomBytes(30).toString('base64');
    const sessionToken = randomBytes(330).toString('base64');
    issuedSessions.set(accessKeyId, { record, role, secretAccessKey, sessionToken, issuedAt: now() });
    sessions.push(record);

    return [
      optionalElement('SourceIdentity', sourceIdentity),
      element('AssumedRoleUser', textElement('Arn', record.assumedRoleArn) + textElement('AssumedRoleId', record.assumedRoleId)),
      element(
        'Credentials',
        textElement('AccessKeyId', accessKeyId) +
          textElement('SecretAccessKey', secretAccessKey) +
          textElement('SessionToken', sessionToken) +
          textElement('Expiration', isoSeconds(record.expiration)),
      ),
      optionalElement('PackedPolicySize', packedPolicySize),
    ].join('');
  }

  /**
   * AssumeRoleWithWebIdentity: the token checked as STS does (web-identity.js), then a session like AssumeRole's.
   * @param {Map<string, string>} params
   */
  function assumeRoleWithWebIdentity(params) {
    const roleArn = params.get('RoleArn');
    const roleSessionName = params.get('RoleSessionName');
    const durationText = params.get('DurationSeconds');
    const policy = params.get('Policy');
    const policyArns = memberList(params, 'PolicyArns').map((item) => item.get('arn') ?? '');
    const token = params.get('WebIdentityToken');
    const problems = new ConstraintViolations();
    problems.checkLength('roleArn', roleArn, 20, 2048, { required: true });
    problems.checkLength('roleSessionName', roleSessionName, 2, 64, { required: true, pattern: SESSION_NAME_PATTERN });
    problems.checkLength('webIdentityToken', token, 4, 20000, { required: true });
    problems.checkInteger('durationSeconds', durationText, 900, 43200);
    problems.checkLength('policy', policy, 1, 2048);
    problems.throwIfAny();
    const account = /^arn:aws[\w-]*:iam::(\d{12}):role\//.exec(roleArn ?? '')?.[1] ?? '';
    const role = roles.get(roleArn ?? '');
    const verdict = verifyWebIdentityToken(/** @type {string} */ (token), {
      providers: oidcProviders.filter((provider) => provider.arn.split(':')[4] === account),
      role: role && { arn: role.arn, account: role.account, federatedTrust: role.federatedTrust },
      now: now(),
    });
    if (!verdict.ok) throw new AwsError(verdict.status, verdict.code, verdict.message);
    const trusted = /** @type {Role} */ (role);
    const durationSeconds = durationText === undefined ? DEFAULT_DURATION_SECONDS : Number(durationText);
    if (durationSeconds > trusted.maxSessionDuration) {
      throw new AwsError(400, 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
    }
    const sessionName = /** @type {string} */ (roleSessionName);
    const accessKeyId = randomId('ASIA', 16);
    /** @type {SessionRecord} */
    const record = {
      accessKeyId,
      callerArn: verdict.provider.arn,
      roleArn: trusted.arn,
      assumedRoleArn: `arn:aws:sts::${trusted.account}:assumed-role/${trusted.name}/${sessionName}`,
      assumedRoleId: `${trusted.roleId}:${sessionName}`,
      roleSessionName: sessionName,
      region: '',
      durationSeconds,
      expiration: new Date(Math.floor(now().getTime() / 1000) * 1000 + durationSeconds * 1000),
      externalId: undefined,
      sourceIdentity: undefined,
      tags: [],
      transitiveTagKeys: [],
      policy,
      policyArns,
      webIdentity: { provider: verdict.provider.arn, audience: verdict.audience, subject: verdict.subject },
    };
    const secretAccessKey = randomBytes(30).toString('base64');
    const sessionToken = randomBytes(330).toString('base64');
    issuedSessions.set(accessKeyId, { record, role: trusted, secretAccessKey, sessionToken });
    sessions.push(record);
    return [
      textElement('SubjectFromWebIdentityToken', verdict.subject),
      textElement('Audience', verdict.audience),
      element('AssumedRoleUser', textElement('Arn', record.assumedRoleArn) + textElement('AssumedRoleId', record.assumedRoleId)),
      element(
        'Credentials',
        textElement('AccessKeyId', accessKeyId) +
          textElement('SecretAccessKey', secretAccessKey) +
          textElement('SessionToken', sessionToken) +
          textElement('Expiration', isoSeconds(record.expiration)),
      ),
      textElement('Provider', verdict.provider.url.replace(/^https:\/\//, '')),
    ].join('');
  }

  /**
   * The trust policy names the caller (enough within one account) or the caller's account root
   * (which then needs the caller's identity policy too, as does any cross-account call).
   * @param {Role} role
   * @param {Caller} caller
   */
  function trusts(role, caller) {
    const principal = caller.kind === 'user' ? caller.arn : caller.session.role.arn;
    const identityPolicyAllows = caller.kind === 'user' && (caller.user.canAssume.includes('*') || caller.user.canAssume.includes(role.arn));
    if (role.trustedPrincipals.includes(principal)) return caller.account === role.account || identityPolicyAllows;
    return role.trustedPrincipals.includes(`arn:aws:iam::${caller.account}:root`) && identityPolicyAllows;
  }

  /** @param {CallContext} context */
  function getCallerIdentity({ caller }) {
    const userId = caller.kind === 'user' ? caller.user.userId : caller.session.record.assumedRoleId;
    return textElement('Arn', caller.arn) + textElement('UserId', userId) + textElement('Account', caller.account);
  }

  /** @param {CallContext} context */
  function listAccessKeys({ caller, params }) {
    const requestedName = params.get('UserName');
    if (caller.kind === 'session' && requestedName === undefined) {
      throw new AwsError(400, 'ValidationError', 'Must specify userName when calling with non-User credentials');
    }
    const userName = requestedName ?? (caller.kind === 'user' ? caller.user.name : '');
    authorizeSelfIamRead(caller, 'iam:ListAccessKeys', userName);

    const problems = new ConstraintViolations();
    problems.checkInteger('maxItems', params.get('MaxItems'), 1, 1000);
    problems.throwIfAny();
    const pageSize = Math.min(Number(params.get('MaxItems') ?? 100), iamPageSize);
    const start = decodeMarker(params.get('Marker'));
    const keys = [...accessKeys.values()].filter((key) => key.user.name === userName);
    const page = keys.slice(start, start + pageSize);
    const truncated = start + pageSize < keys.length;

    const members = page.map((key) =>
      element(
        'member',
        textElement('UserName', key.user.name) +
          textElement('AccessKeyId', key.accessKeyId) +
          textElement('Status', key.status) +
          textElement('CreateDate', isoSeconds(key.createDate)),
      ),
    );
    return (
      textElement('UserName', userName) +
      element('AccessKeyMetadata', members.join('')) +
      textElement('IsTruncated', String(truncated)) +
      optionalElement('Marker', truncated ? encodeMarker(start + pageSize) : undefined)
    );
  }

  /** @param {CallContext} context */
  function getAccessKeyLastUsed({ caller, params }) {
    const accessKeyId = params.get('AccessKeyId');
    const problems = new ConstraintViolations();
    problems.checkLength('accessKeyId', accessKeyId, 16, 128, { required: true });
    problems.throwIfAny();
    const key = accessKeys.get(accessKeyId ?? '');
    if (!key) throw new AwsError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
    authorizeSelfIamRead(caller, 'iam:GetAccessKeyLastUsed', key.user.name);
    const lastUsed = key.lastUsed;
    return (
      element(
        'AccessKeyLastUsed',
        (lastUsed ? textElement('LastUsedDate', isoSeconds(lastUsed.date)) : '') +
          textElement('ServiceName', lastUsed?.service ?? 'N/A') +
          textElement('Region', lastUsed?.region ?? 'N/A'),
      ) + textElement('UserName', key.user.name)
    );
  }

  /**
   * Models the self-scoped policy on `arn:aws:iam::*:user/${aws:username}`: a user may read its own
   * keys when it has that policy; role sessions have no `aws:username`, so never.
   * @param {Caller} caller
   * @param {string} iamAction
   * @param {string} userName
   */
  function authorizeSelfIamRead(caller, iamAction, userName) {
    const allowed = caller.kind === 'user' && ((caller.user.selfIamRead && caller.user.name === userName) || caller.user.keyAdmin === true);
    if (!allowed) {
      throw accessDenied(caller.arn, iamAction, `user ${userName}`, ` because no identity-based policy allows the ${iamAction} action`);
    }
  }
}

/**
 * Collects parameter problems and reports them in one ValidationError, as AWS does:
 * "2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy constraint: ...; ...".
 */
class ConstraintViolations {
  /** @type {string[]} */
  #violations = [];

  /**
   * @param {string} member
   * @param {string | undefined} value
   * @param {number} min
   * @param {number} max
   * @param {{ required?: boolean, pattern?: RegExp }} [rules]
   */
  checkLength(member, value, min, max, { required = false, pattern } = {}) {
    if (value === undefined) {
      if (required) this.#add(member, value, 'not be null');
      return;
    }
    if (value.length < min) this.#add(member, value, `have length greater than or equal to ${min}`);
    if (value.length > max) this.#add(member, value, `have length less than or equal to ${max}`);
    if (pattern && !pattern.test(value)) this.#add(member, value, `satisfy regular expression pattern: ${pattern.source.slice(1, -1)}`);
  }

  /**
   * @param {string} member
   * @param {string | undefined} value
   * @param {number} min
   * @param {number} max
   */
  checkInteger(member, value, min, max) {
    if (value === undefined) return;
    if (!/^-?\d+$/.test(value)) return this.#add(member, value, 'be an integer');
    if (Number(value) < min) this.#add(member, value, `have value greater than or equal to ${min}`);
    if (Number(value) > max) this.#add(member, value, `have value less than or equal to ${max}`);
  }

  throwIfAny() {
    const count = this.#violations.length;
    if (count === 0) return;
    throw new AwsError(400, 'ValidationError', `${count} validation error${count > 1 ? 's' : ''} detected: ${this.#violations.join('; ')}`);
  }

  /**
   * @param {string} member
   * @param {string | undefined} value
   * @param {string} rule
   */
  #add(member, value, rule) {
    const shown = value === undefined ? 'null' : `'${value}'`;
    this.#violations.push(`Value ${shown} at '${member}' failed to satisfy constraint: Member must ${rule}`);
  }
}

/**
 * @param {string} callerArn
 * @param {string} action
 * @param {string} resource
 * @param {string} [reason]
 */
function accessDenied(callerArn, action, resource, reason = '') {
  return new AwsError(403, 'AccessDenied', `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource}${reason}`);
}

/**
 * Percentage of the session-policy budget used by the inline policy, managed policy ARNs and tags.
 * @param {string | undefined} policy
 * @param {string[]} policyArns
 * @param {{ key: string, value: string }[]} tags
 */
function packedPolicyPercent(policy, policyArns, tags) {
  if (policy === undefined && policyArns.length === 0 && tags.length === 0) return undefined;
  const bytes = (policy ?? '').length + policyArns.join('').length + tags.reduce((sum, tag) => sum + tag.key.length + tag.value.length, 0);
  const percent = Math.max(1, Math.ceil((bytes * 100) / PACKED_POLICY_BUDGET_BYTES));
  if (percent > 100) {
    throw new AwsError(400, 'PackedPolicyTooLarge', `Packed policy consumes ${percent}% of allotted space, please use smaller policy for this session.`);
  }
  return percent;
}

/**
 * The query protocol's lists: `Prefix.member.N.Field=value` (or `Prefix.member.N=value`, read with
 * field ''), in index order.
 * @param {Map<string, string>} params
 * @param {string} prefix
 */
function memberList(params, prefix) {
  /** @type {Map<number, Map<string, string>>} */
  const members = new Map();
  const pattern = new RegExp(`^${prefix}\\.member\\.(\\d+)(?:\\.(.+))?$`);
  for (const [name, value] of params) {
    const match = pattern.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    const fields = members.get(index) ?? new Map();
    fields.set(match[2] ?? '', value);
    members.set(index, fields);
  }
  return [...members.entries()].sort(([a], [b]) => a - b).map(([, fields]) => fields);
}

/**
 * @param {http.IncomingMessage} req
 * @param {string} target
 * @param {Buffer} body
 */
function requestParameters(req, target, body) {
  const queryStart = target.indexOf('?');
  const params = new Map(new URLSearchParams(queryStart < 0 ? '' : target.slice(queryStart + 1)));
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [name, value] of new URLSearchParams(body.toString('utf8'))) params.set(name, value);
  }
  return params;
}

/**
 * The credential scope of a request, read before authentication so every request can be recorded.
 * @param {string | undefined} header
 */
function credentialScope(header) {
  if (!header) return undefined;
  try {
    return parseAuthorization(header);
  } catch {
    return undefined;
  }
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
 * @param {http.IncomingMessage} req
 * @param {string} name lower-case
 */
function singleHeader(req, name) {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** @param {http.IncomingMessage} req */
async function readBody(req) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
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
  return new Date(time).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** @param {Date} date ISO 8601 without milliseconds, as AWS writes timestamps */
function isoSeconds(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** @param {number} offset */
function encodeMarker(offset) {
  return Buffer.from(`offset:${offset}`, 'utf8').toString('base64');
}

/** @param {string | undefined} marker */
function decodeMarker(marker) {
  if (marker === undefined) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(marker, 'base64').toString('utf8'));
  if (!match) throw new AwsError(400, 'ValidationError', 'Invalid Marker.');
  return Number(match[1]);
}

/**
 * @param {string} prefix
 * @param {number} length characters after the prefix, from the base-32 alphabet AWS ids use
 */
function randomId(prefix, length) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + [...randomBytes(length)].map((byte) => alphabet.charAt(byte % alphabet.length)).join('');
}

/** @param {string} text */
function isJson(text) {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {Service} service
 * @param {string} action
 * @param {string} result the XML inside `<ActionResult>`
 * @param {string} requestId
 */
function successXml(service, action, result, requestId) {
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
function errorXml(service, code, message, requestId, status) {
  const type = status >= 500 ? 'Receiver' : 'Sender';
  return (
    `<ErrorResponse xmlns="${NAMESPACES[service]}">` +
    element('Error', textElement('Type', type) + textElement('Code', code) + textElement('Message', message)) +
    textElement('RequestId', requestId) +
    '</ErrorResponse>\n'
  );
}

/**
 * @param {string} name
 * @param {string} content XML
 */
function element(name, content) {
  return `<${name}>${content}</${name}>`;
}

/**
 * @param {string} name
 * @param {string} text
 */
function textElement(name, text) {
  return element(name, escapeXml(text));
}

/**
 * @param {string} name
 * @param {string | number | undefined} value
 */
function optionalElement(name, value) {
  return value === undefined ? '' : textElement(name, String(value));
}

/** @param {string} text character data (this server writes no attribute values from input) */
function escapeXml(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
