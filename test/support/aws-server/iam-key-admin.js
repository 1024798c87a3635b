// @ts-check
/**
 * The IAM actions the rotation tool uses: CreateAccessKey (IAM's two-key limit), UpdateAccessKey,
 * DeleteAccessKey, TagUser, UntagUser, ListUserTags, and PutRolePolicy for the session-revocation
 * deny (auth.js applies it). Only users and roles added with `keyAdmin: true` (a person, or a rotator role's sessions, with IAM
 * rights) may call them, on any user of their own account; the limited user may not, as the
 * explicit deny in iam/ makes sure.
 */
import { AwsError, accessDenied } from './errors.js';
import { memberList } from './query.js';
import { randomId, randomSecret } from './world.js';
import { element, isoSeconds, textElement } from './xml.js';

const MAX_KEYS_PER_USER = 2;
const MAX_TAGS_PER_USER = 50;

/** @typedef {import('./sts.js').CallContext} CallContext */

/** A person or rotator user added with keyAdmin, or a session of a role added with keyAdmin. @param {import('./world.js').Caller} caller */
const isKeyAdmin = (caller) => (caller.kind === 'user' ? caller.user.keyAdmin : caller.session.role.keyAdmin);

/**
 * @param {import('./world.js').World} world
 * @param {{ newKeyDelayMs: number }} options
 */
export function keyAdminActions(world, { newKeyDelayMs }) {
  const { accessKeys, userTags, now } = world;

  /** @param {import('./world.js').Caller} caller @param {string} action @param {string | undefined} userName */
  function targetUser(caller, action, userName) {
    const user = world.users.get(userName ?? '');
    if (!isKeyAdmin(caller)) throw accessDenied(caller.arn, action, `arn:aws:iam::${caller.account}:user/${userName}`);
    if (!user || user.account !== caller.account)
      throw new AwsError(404, 'NoSuchEntity', `The user with name ${userName} cannot be found.`);
    return user;
  }

  /** @param {import('./world.js').User} user @param {string | undefined} accessKeyId */
  function keyOf(user, accessKeyId) {
    const key = accessKeys.get(accessKeyId ?? '');
    if (!key || key.user !== user) throw new AwsError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
    return key;
  }

  return {
    /** @param {CallContext} context */
    CreateAccessKey({ caller, params }) {
      const user = targetUser(caller, 'iam:CreateAccessKey', params.get('UserName'));
      const count = [...accessKeys.values()].filter((key) => key.user === user).length;
      if (count >= MAX_KEYS_PER_USER)
        throw new AwsError(409, 'LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS_PER_USER}`);
      const accessKeyId = randomId('AKIA', 16);
      const secretAccessKey = randomSecret();
      const createDate = now();
      world.addAccessKey(user.name, {
        accessKeyId,
        secretAccessKey,
        createDate,
        acceptedFrom: new Date(createDate.getTime() + newKeyDelayMs),
      });
      return element(
        'AccessKey',
        textElement('UserName', user.name) +
          textElement('AccessKeyId', accessKeyId) +
          textElement('Status', 'Active') +
          textElement('SecretAccessKey', secretAccessKey) +
          textElement('CreateDate', isoSeconds(createDate)),
      );
    },
    /** @param {CallContext} context */
    UpdateAccessKey({ caller, params }) {
      const key = keyOf(targetUser(caller, 'iam:UpdateAccessKey', params.get('UserName')), params.get('AccessKeyId'));
      const status = params.get('Status');
      if (status !== 'Active' && status !== 'Inactive')
        throw new AwsError(
          400,
          'ValidationError',
          `1 validation error detected: Value '${status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`,
        );
      key.status = status;
      return '';
    },
    /** @param {CallContext} context */
    DeleteAccessKey({ caller, params }) {
      const key = keyOf(targetUser(caller, 'iam:DeleteAccessKey', params.get('UserName')), params.get('AccessKeyId'));
      accessKeys.delete(key.accessKeyId);
      return '';
    },
    /** @param {CallContext} context */
    TagUser({ caller, params }) {
      const user = targetUser(caller, 'iam:TagUser', params.get('UserName'));
      const next = new Map(userTags.get(user.name) ?? []);
      for (const tag of memberList(params, 'Tags')) {
        const key = tag.get('Key');
        const value = tag.get('Value') ?? '';
        if (!key || key.length > 128 || value.length > 256 || !/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(`${key}${value}`)) {
          throw new AwsError(400, 'InvalidInput', 'The specified value for tags is not valid.');
        }
        next.set(key, value);
      }
      if (next.size > MAX_TAGS_PER_USER)
        throw new AwsError(409, 'LimitExceeded', `Cannot exceed quota for TagsPerUser: ${MAX_TAGS_PER_USER}`);
      userTags.set(user.name, next);
      return '';
    },
    /** @param {CallContext} context */
    UntagUser({ caller, params }) {
      const user = targetUser(caller, 'iam:UntagUser', params.get('UserName'));
      const tags = userTags.get(user.name) ?? new Map();
      for (const item of memberList(params, 'TagKeys')) tags.delete(item.get('') ?? '');
      userTags.set(user.name, tags);
      return '';
    },
    /** @param {CallContext} context */
    ListUserTags({ caller, params }) {
      const user = targetUser(caller, 'iam:ListUserTags', params.get('UserName'));
      const tags = [...(userTags.get(user.name) ?? new Map()).entries()];
      return (
        element('Tags', tags.map(([key, value]) => element('member', textElement('Key', key) + textElement('Value', value))).join('')) +
        textElement('IsTruncated', 'false')
      );
    },
    /** @param {CallContext} context */
    PutRolePolicy({ caller, params }) {
      const roleName = params.get('RoleName');
      const role = [...world.roles.values()].find((candidate) => candidate.name === roleName && candidate.account === caller.account);
      if (!isKeyAdmin(caller)) throw accessDenied(caller.arn, 'iam:PutRolePolicy', `role ${roleName}`);
      if (!role) throw new AwsError(404, 'NoSuchEntity', `The role with name ${roleName} cannot be found.`);
      let document;
      try {
        document = JSON.parse(params.get('PolicyDocument') ?? '');
      } catch {
        throw new AwsError(400, 'MalformedPolicyDocument', 'Syntax errors in policy.');
      }
      const statement = [document?.Statement].flat()[0] ?? {};
      const before = statement?.Condition?.DateLessThan?.['aws:TokenIssueTime'];
      if (statement.Effect === 'Deny' && typeof before === 'string' && !Number.isNaN(Date.parse(before)))
        world.revokedBefore.set(role.arn, new Date(before));
      return '';
    },
  };
}
