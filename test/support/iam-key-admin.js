// @ts-check
/**
 * The IAM actions the rotation tool uses, for the loopback test server (aws-test-server.js wires
 * them in): CreateAccessKey (IAM's two-key limit), UpdateAccessKey, DeleteAccessKey, TagUser,
 * UntagUser, ListUserTags, and PutRolePolicy for the session-revocation deny. Only users added
 * with `keyAdmin: true` (a person or rotator with IAM rights) may call them, on any user of their
 * own account; the limited user may not, as the explicit deny in iam/ makes sure.
 */
import { randomBytes } from 'node:crypto';

const MAX_KEYS_PER_USER = 2;
const MAX_TAGS_PER_USER = 50;

/**
 * @typedef {object} KeyAdminWorld
 * @property {Map<string, any>} users
 * @property {Map<string, any>} accessKeys
 * @property {Map<string, any>} roles
 * @property {Map<string, Map<string, string>>} userTags user name → tags
 * @property {Map<string, Date>} revokedBefore role ARN → sessions issued before this are denied
 * @property {() => Date} now
 * @property {number} newKeyDelayMs how long STS rejects a new key
 * @property {(status: number, code: string, message: string) => Error} error
 * @property {(callerArn: string, action: string, resource: string) => Error} accessDenied
 * @property {(name: string, content: string) => string} element
 * @property {(name: string, text: string) => string} textElement
 * @property {(prefix: string, length: number) => string} randomId
 * @property {(date: Date) => string} isoSeconds
 */

/** @param {KeyAdminWorld} world */
export function keyAdminHandlers(world) {
  const { users, accessKeys, roles, userTags, now, error, element, textElement } = world;

  /** @param {any} caller @param {string} action @param {string | undefined} userName */
  function targetUser(caller, action, userName) {
    const user = users.get(userName ?? '');
    const resource = `arn:aws:iam::${caller.account}:user/${userName}`;
    if (caller.kind !== 'user' || !caller.user.keyAdmin) throw world.accessDenied(caller.arn, action, resource);
    if (!user || user.account !== caller.account) throw error(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`);
    return user;
  }

  /** @param {any} user @param {string | undefined} accessKeyId */
  function keyOf(user, accessKeyId) {
    const key = accessKeys.get(accessKeyId ?? '');
    if (!key || key.user !== user) throw error(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
    return key;
  }

  /** @param {Map<string, string>} params @param {string} prefix */
  const members = (params, prefix) => [...params.entries()]
    .map(([name, value]) => ({ match: new RegExp(`^${prefix}\\.member\\.(\\d+)(?:\\.(Key|Value))?$`).exec(name), value }))
    .filter((item) => item.match);

  return {
    /** @param {{ caller: any, params: Map<string, string> }} context */
    CreateAccessKey({ caller, params }) {
      const user = targetUser(caller, 'iam:CreateAccessKey', params.get('UserName'));
      const count = [...accessKeys.values()].filter((key) => key.user === user).length;
      if (count >= MAX_KEYS_PER_USER) throw error(409, 'LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`);
      const accessKeyId = world.randomId('AKIA', 16);
      const secretAccessKey = randomBytes(30).toString('base64');
      const createDate = now();
      accessKeys.set(accessKeyId, {
        accessKeyId, secretAccessKey, status: 'Active', createDate, lastUsed: undefined, user, acceptedFrom: new Date(createDate.getTime() + world.newKeyDelayMs),
      });
      return element('AccessKey', textElement('UserName', user.name) + textElement('AccessKeyId', accessKeyId) + textElement('Status', 'Active') +
        textElement('SecretAccessKey', secretAccessKey) + textElement('CreateDate', world.isoSeconds(createDate)));
    },
    /** @param {{ caller: any, params: Map<string, string> }} context */
    UpdateAccessKey({ caller, params }) {
      const key = keyOf(targetUser(caller, 'iam:UpdateAccessKey', params.get('UserName')), params.get('AccessKeyId'));
      const status = params.get('Status');
      if (status !== 'Active' && status !== 'Inactive') throw error(400, 'ValidationError', `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`);
      key.status = status;
      return '';
    },
    /** @param {{ caller: any, params: Map<string, string> }} context */
    DeleteAccessKey({ caller, params }) {
      const key = keyOf(targetUser(caller, 'iam:DeleteAccessKey', params.get('UserName')), params.get('AccessKeyId'));
      accessKeys.delete(key.accessKeyId);
      return '';
    },
    /** @param {{ caller: any, params: Map<string, string> }} context */
    TagUser({ caller, params }) {
      const user = targetUser(caller, 'iam:TagUser', params.get('UserName'));
      const tags = userTags.get(user.name) ?? new Map();
      /** @type {Map<string, { key?: string, value?: string }>} */
      const byIndex = new Map();
      for (const { match, value } of members(params, 'Tags')) {
        const entry = byIndex.get(match?.[1] ?? '') ?? {};
        if (match?.[2] === 'Key') entry.key = value; else entry.value = value;
        byIndex.set(match?.[1] ?? '', entry);
      }
      const next = new Map(tags);
      for (const { key, value } of byIndex.values()) {
        if (!key || key.length > 128 || (value ?? '').length > 256 || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(`${key}${value ?? ''}`)) {
          throw error(400, 'InvalidInput', 'The specified value for tags is not valid.');
        }
        next.set(key, value ?? '');
      }
      if (next.size > MAX_TAGS_PER_USER) throw error(409, 'LimitExceeded', `Cannot exceed quota for TagsPerUser: ${MAX_TAGS_PER_USER}`);
      userTags.set(user.name, next);
      return '';
    },
    /** @param {{ caller: any, params: Map<string, string> }} context */
    UntagUser({ caller, params }) {
      const user = targetUser(caller, 'iam:UntagUser', params.get('UserName'));
      const tags = userTags.get(user.name) ?? new Map();
      for (const { value } of members(params, 'TagKeys')) tags.delete(value);
      userTags.set(user.name, tags);
      return '';
    },
    /** @param {{ caller: any, params: Map<string, string> }} context */
    ListUserTags({ caller, params }) {
      const user = targetUser(caller, 'iam:ListUserTags', params.get('UserName'));
      const tags = [...(userTags.get(user.name) ?? new Map()).entries()];
      return element('Tags', tags.map(([key, value]) => element('member', textElement('Key', key) + textElement('Value', value))).join('')) + textElement('IsTruncated', 'false');
    },
    /** @param {{ caller: any, params: Map<string, string> }} context */
    PutRolePolicy({ caller, params }) {
      const roleName = params.get('RoleName');
      const role = [...roles.values()].find((candidate) => candidate.name === roleName && candidate.account === caller.account);
      if (caller.kind !== 'user' || !caller.user.keyAdmin) throw world.accessDenied(caller.arn, 'iam:PutRolePolicy', `role ${roleName}`);
      if (!role) throw error(404, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`);
      let document;
      try {
        document = JSON.parse(params.get('PolicyDocument') ?? '');
      } catch {
        throw error(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
      }
      const statement = [document.Statement].flat()[0] ?? {};
      const before = statement?.Condition?.DateLessThan?.['aws:TokenIssueTime'];
      role.inlinePolicies ??= new Map();
      role.inlinePolicies.set(params.get('PolicyName'), document);
      if (statement.Effect === 'Deny' && typeof before === 'string' && !Number.isNaN(Date.parse(before))) world.revokedBefore.set(role.arn, new Date(before));
      return '';
    },
  };
}

/**
 * The revocation deny, as AWS applies it: a session of the role issued before the time is denied
 * every action but GetCallerIdentity (which no policy can deny).
 * @param {Map<string, Date>} revokedBefore
 * @param {any} caller
 * @param {string} action
 */
export function sessionRevoked(revokedBefore, caller, action) {
  if (caller.kind !== 'session' || action === 'GetCallerIdentity') return false;
  const before = revokedBefore.get(caller.session.role.arn);
  const issued = caller.session.issuedAt;
  return before !== undefined && issued instanceof Date && issued.getTime() < before.getTime();
}
