// @ts-check
/**
 * What the test server knows: accounts' users, their access keys and tags, roles, OIDC providers,
 * disabled regions, and the sessions STS issued (with their secrets, which leave only through
 * `sessionCredentials` and `knownSecrets`). Every service module reads and changes this.
 */
import { randomBytes } from 'node:crypto';

/**
 * @typedef {import('./world-types.js').User} User
 * @typedef {import('./world-types.js').LastUse} LastUse
 * @typedef {import('./world-types.js').AccessKey} AccessKey
 * @typedef {import('./world-types.js').Role} Role
 * @typedef {import('./world-types.js').SessionRecord} SessionRecord
 * @typedef {import('./world-types.js').IssuedSession} IssuedSession
 * @typedef {import('./world-types.js').Caller} Caller
 * @typedef {ReturnType<typeof createWorld>} World
 */

/**
 * @param {() => Date} now
 * @param {{ maxSessionSeconds?: number }} [options]
 */
export function createWorld(now, { maxSessionSeconds = Number.POSITIVE_INFINITY } = {}) {
  /** @type {Map<string, User>} */
  const users = new Map();
  /** @type {Map<string, AccessKey>} */
  const accessKeys = new Map();
  /** @type {Map<string, Role>} role ARN → role */
  const roles = new Map();
  /** @type {import('./web-identity.js').OidcProvider[]} */
  const oidcProviders = [];
  /** @type {Map<string, IssuedSession>} session access key id → session */
  const issuedSessions = new Map();
  /** @type {SessionRecord[]} */
  const sessions = [];
  /** @type {Map<string, Map<string, string>>} user name → tags */
  const userTags = new Map();
  /** @type {Map<string, Date>} role ARN → its sessions issued before this are denied */
  const revokedBefore = new Map();
  /** @type {Set<string>} */
  const disabledRegions = new Set();

  return {
    now,
    users,
    accessKeys,
    roles,
    oidcProviders,
    issuedSessions,
    sessions,
    userTags,
    revokedBefore,
    disabledRegions,

    /** @param {{ account: string, name: string, path?: string, canAssume?: string[] | '*', selfIamRead?: boolean, keyAdmin?: boolean }} user */
    addUser({ account, name, path = '/', canAssume = [], selfIamRead = false, keyAdmin = false }) {
      if (users.has(name)) throw new Error(`user ${name} already exists`);
      const arn = `arn:aws:iam::${account}:user${path}${name}`;
      const user = { account, name, arn, userId: randomId('AIDA', 17), canAssume: [canAssume].flat(), selfIamRead, keyAdmin };
      users.set(name, user);
      return { arn: user.arn, userId: user.userId };
    },

    /**
     * @param {string} userName
     * @param {{ accessKeyId: string, secretAccessKey: string, status?: 'Active' | 'Inactive', createDate?: Date, lastUsed?: LastUse, acceptedFrom?: Date }} key
     */
    addAccessKey(userName, { accessKeyId, secretAccessKey, status = 'Active', createDate = now(), lastUsed, acceptedFrom }) {
      const user = users.get(userName);
      if (!user) throw new Error(`no user ${userName}`);
      accessKeys.set(accessKeyId, { accessKeyId, secretAccessKey, status, createDate, lastUsed, user, acceptedFrom });
    },

    /**
     * @param {{ account: string, name: string, path?: string, trustedPrincipals: string[] | string, trustActions?: string[],
     *   maxSessionDuration?: number, federatedTrust?: import('./web-identity.js').FederatedStatement[], canAssume?: string[] | '*', keyAdmin?: boolean, readsKeysOf?: string[] }} role
     */
    addRole({
      account,
      name,
      path = '/',
      trustedPrincipals,
      trustActions = ['sts:AssumeRole'],
      maxSessionDuration = 3600,
      federatedTrust = [],
      canAssume = [],
      keyAdmin = false,
      readsKeysOf = [],
    }) {
      const arn = `arn:aws:iam::${account}:role${path}${name}`;
      const role = {
        account,
        name,
        arn,
        roleId: randomId('AROA', 17),
        trustedPrincipals: [trustedPrincipals].flat(),
        trustActions,
        maxSessionDuration,
        federatedTrust,
        canAssume: [canAssume].flat(),
        keyAdmin,
        readsKeysOf,
      };
      roles.set(role.arn, role);
      return { arn: role.arn, roleId: role.roleId };
    },

    /** @param {{ account: string, url: string, clientIds: string[], keys: object[] }} provider */
    addOidcProvider({ account, url, clientIds, keys }) {
      const arn = `arn:aws:iam::${account}:oidc-provider/${url.replace(/^https:\/\//, '')}`;
      oidcProviders.push({ arn, url, clientIds, keys: /** @type {import('node:crypto').JsonWebKey[]} */ (keys) });
      return { arn };
    },

    /**
     * A new session of the role, for AssumeRole and AssumeRoleWithWebIdentity alike.
     * @param {Role} role
     * @param {Omit<SessionRecord, 'accessKeyId' | 'roleArn' | 'assumedRoleArn' | 'assumedRoleId' | 'expiration'>} fields
     */
    issueSession(role, fields) {
      const accessKeyId = randomId('ASIA', 16);
      const issuedAt = now();
      /** @type {SessionRecord} */
      const record = {
        ...fields,
        accessKeyId,
        roleArn: role.arn,
        assumedRoleArn: `arn:aws:sts::${role.account}:assumed-role/${role.name}/${fields.roleSessionName}`,
        assumedRoleId: `${role.roleId}:${fields.roleSessionName}`,
        // maxSessionSeconds (a test option) cuts every session short, so tests can watch sessions expire.
        expiration: new Date(Math.floor(issuedAt.getTime() / 1000) * 1000 + Math.min(fields.durationSeconds, maxSessionSeconds) * 1000),
      };
      const session = { record, role, secretAccessKey: randomSecret(), sessionToken: randomBytes(330).toString('base64'), issuedAt };
      issuedSessions.set(accessKeyId, session);
      sessions.push(record);
      return session;
    },

    /** @param {string} accessKeyId */
    sessionCredentials(accessKeyId) {
      const session = issuedSessions.get(accessKeyId);
      return session && { accessKeyId, secretAccessKey: session.secretAccessKey, sessionToken: session.sessionToken };
    },

    /** @returns {{ label: string, value: string }[]} */
    knownSecrets() {
      return [
        ...[...accessKeys.values()].map((key) => ({ label: `secret access key of ${key.accessKeyId}`, value: key.secretAccessKey })),
        ...[...issuedSessions.values()].flatMap(({ record, secretAccessKey, sessionToken }) => [
          { label: `secret access key of session ${record.accessKeyId}`, value: secretAccessKey },
          { label: `session token of session ${record.accessKeyId}`, value: sessionToken },
        ]),
      ];
    },

    /** @param {string} userName */
    keysOf(userName) {
      return [...accessKeys.values()]
        .filter((key) => key.user.name === userName)
        .map(({ accessKeyId, status, createDate, lastUsed }) => ({ accessKeyId, status, createDate, lastUsed }));
    },
  };
}

/** @param {string} prefix @param {number} length characters after the prefix, from the base-32 alphabet AWS ids use */
export function randomId(prefix, length) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + [...randomBytes(length)].map((byte) => alphabet.charAt(byte % alphabet.length)).join('');
}

/** A 40-character secret access key. */
export function randomSecret() {
  return randomBytes(30).toString('base64');
}
