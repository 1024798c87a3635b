// @ts-check
/**
 * The loopback STS + IAM endpoint: one HTTP server that records every request, acts out injected
 * faults, authenticates (auth.js), and hands the call to the STS or IAM action (sts.js, iam.js)
 * over the shared world (world.js), answering in AWS's XML (xml.js).
 */
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { assumeRoleWithWebIdentity, refuseUnavailable, stsActions } from './sts.js';
import { authenticate, credentialScope, sessionRevoked } from './auth.js';
import { AwsError, accessDenied } from './errors.js';
import { actOut, createFaults } from './faults.js';
import { iamActions } from './iam.js';
import { readBody, requestParameters } from './query.js';
import { tokenBucket } from './token-bucket.js';
import { createWorld } from './world.js';
import { errorXml, sendXml, successXml } from './xml.js';

const API_VERSIONS = { sts: '2011-06-15', iam: '2010-05-08' };

/**
 * @typedef {'AssumeRole' | 'AssumeRoleWithWebIdentity' | 'GetCallerIdentity' | 'ListAccessKeys' | 'GetAccessKeyLastUsed'
 *   | 'CreateAccessKey' | 'UpdateAccessKey' | 'DeleteAccessKey' | 'TagUser' | 'UntagUser' | 'ListUserTags' | 'PutRolePolicy'} Action
 *
 * @typedef {object} RequestRecord
 * @property {string} action
 * @property {string | undefined} service from the SigV4 credential scope
 * @property {string | undefined} region from the SigV4 credential scope
 * @property {string | undefined} accessKeyId
 * @property {number | undefined} status undefined when no answer was sent (a `reset` fault)
 * @property {string | undefined} errorCode
 * @property {import('./faults.js').FaultKind | undefined} fault the injected fault this request consumed
 *
 * @typedef {ReturnType<import('./world.js').World['addUser']>} AddedUser
 *
 * @typedef {object} AwsTestServer
 * @property {string} url e.g. http://127.0.0.1:PORT
 * @property {() => Promise<void>} close stops listening and destroys open connections
 * @property {import('./world.js').World['addUser']} addUser user names are unique across the server's accounts
 * @property {(userName: string, key: { accessKeyId: string, secretAccessKey: string, status?: 'Active' | 'Inactive', createDate?: Date, lastUsed?: import('./world.js').LastUse }) => void} addAccessKey
 * @property {import('./world.js').World['addRole']} addRole
 * @property {import('./world.js').World['addOidcProvider']} addOidcProvider
 *   an IAM OIDC identity provider; `keys` are the issuer's public JWKs (AWS reads them from the issuer)
 * @property {(region: string) => void} disableRegion STS answers RegionDisabledException for calls signed for it
 * @property {(action: Action, fault: { kind: import('./faults.js').FaultKind, times?: number, delayMs?: number }) => void} injectFault
 * @property {RequestRecord[]} requests every request received, in order, without secrets or signatures
 * @property {import('./world.js').SessionRecord[]} sessions every session STS issued, in order, without secrets
 * @property {import('./world.js').World['sessionCredentials']} sessionCredentials
 *   the secrets of an issued session, for a test that must use or look for them
 * @property {(userName: string) => Map<string, string>} userTags the user's tags (see iam-key-admin.js)
 * @property {import('./world.js').World['keysOf']} keysOf
 * @property {import('./world.js').World['knownSecrets']} knownSecrets every secret key and session token the
 *   server holds, labelled without the value, in the shape `findSecretLeaks` takes
 */

/**
 * @param {{ now?: () => Date, assumeRoleRateLimit?: { perSecond: number, burst: number }, newKeyDelayMs?: number, recordLastUse?: boolean, maxSessionSeconds?: number }} [options]
 *   now: the server's clock (expiry, skew, the Date header);
 *   assumeRoleRateLimit: a token bucket on the server clock; authenticated AssumeRole calls over it are Throttling;
 *   newKeyDelayMs: how long a key made by CreateAccessKey is rejected (AWS: a few seconds);
 *   recordLastUse: every authenticated call sets its user key's last use (AWS does, hours later);
 *   maxSessionSeconds: every session STS issues expires after at most this many seconds (whatever DurationSeconds asked), to watch refreshes
 * @returns {Promise<AwsTestServer>}
 */
export async function startAwsTestServer(options = {}) {
  const now = options.now ?? (() => new Date());
  const assumeRoleLimit = options.assumeRoleRateLimit && tokenBucket({ ...options.assumeRoleRateLimit, now });
  const world = createWorld(now, { maxSessionSeconds: options.maxSessionSeconds });
  const faults = createFaults();
  /** @type {RequestRecord[]} */
  const requests = [];
  const closing = new AbortController();
  /** @type {Record<import('./xml.js').Service, Partial<Record<string, (context: import('./sts.js').CallContext) => string>>>} */
  const actions = { sts: stsActions(world), iam: iamActions(world, { newKeyDelayMs: options.newKeyDelayMs ?? 0 }) };

  const server = http.createServer((req, res) => {
    handleRequest(req, res).catch((error) => {
      if (res.headersSent) return;
      const requestId = randomUUID();
      sendXml(res, { status: 500, xml: errorXml('sts', 'InternalFailure', `test server bug: ${error}`, requestId, 500), requestId, now });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('test server has no TCP address');

  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      closing.abort();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
    addUser: world.addUser,
    addAccessKey: (userName, { accessKeyId, secretAccessKey, status, createDate, lastUsed }) =>
      world.addAccessKey(userName, { accessKeyId, secretAccessKey, status, createDate, lastUsed }),
    addRole: world.addRole,
    addOidcProvider: world.addOidcProvider,
    disableRegion: (region) => void world.disabledRegions.add(region),
    injectFault: faults.inject,
    requests,
    sessions: world.sessions,
    sessionCredentials: world.sessionCredentials,
    knownSecrets: world.knownSecrets,
    userTags: (userName) => new Map(world.userTags.get(userName) ?? []),
    keysOf: world.keysOf,
  };

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handleRequest(req, res) {
    const body = await readBody(req);
    const target = req.url ?? '/';
    const params = requestParameters(req, target, body);
    const action = params.get('Action') ?? '';
    const version = params.get('Version');
    const scope = credentialScope(req.headers.authorization);
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
    /** @param {number} status @param {string} xml */
    const answer = (status, xml) => {
      record.status = status;
      sendXml(res, { status, xml, requestId, now });
    };
    const unknownAction = () =>
      new AwsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`);

    try {
      const fault = faults.take(action);
      record.fault = fault?.kind;
      const acted = await actOut(fault, { req, res, service, action, requestId, now, signal: closing.signal });
      if (acted.done) {
        record.status = acted.status;
        return;
      }
      // STS reads AssumeRoleWithWebIdentity unsigned: the token is the proof.
      if (service === 'sts' && action === 'AssumeRoleWithWebIdentity') {
        if (version !== API_VERSIONS.sts) throw unknownAction();
        answer(200, successXml(service, action, assumeRoleWithWebIdentity(world, params), requestId));
        return;
      }
      const { caller, authorization } = authenticate(world, req, { target, body });
      if (service === 'sts') refuseUnavailable(world, { caller, region: authorization.region, action, assumeRoleLimit });
      if (sessionRevoked(world, caller, action))
        throw accessDenied(caller.arn, `${service}:${action}`, '*', ' with an explicit deny in an identity-based policy');
      if (options.recordLastUse && caller.kind === 'user') {
        const usedKey = world.accessKeys.get(authorization.accessKeyId);
        if (usedKey) usedKey.lastUsed = { date: now(), service, region: authorization.region };
      }
      const handler = actions[service][action];
      if (!handler || version !== API_VERSIONS[service]) throw unknownAction();
      answer(200, successXml(service, action, handler({ caller, params, region: authorization.region }), requestId));
    } catch (error) {
      if (!(error instanceof AwsError)) throw error;
      record.errorCode = error.code;
      answer(error.status, errorXml(service, error.code, error.message, requestId, error.status));
    }
  }
}
