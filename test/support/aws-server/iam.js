// @ts-check
/**
 * The IAM actions: ListAccessKeys (pages of one key, `Marker`/`IsTruncated`, so clients'
 * pagination is exercised) and GetAccessKeyLastUsed for `selfIamRead` users on themselves, key
 * admins, and sessions of a role whose policy names the user (`readsKeysOf`, the key-age watcher
 * role; a role session must give UserName); and the rotation tool's actions from iam-key-admin.js.
 */
import { AwsError, ConstraintViolations, accessDenied } from './errors.js';
import { keyAdminActions } from './iam-key-admin.js';
import { element, isoSeconds, optionalElement, textElement } from './xml.js';

/** Most keys in one ListAccessKeys page whatever MaxItems asks (IAM may return fewer than MaxItems). */
const PAGE_SIZE = 1;

/** @typedef {import('./sts.js').CallContext} CallContext */

/**
 * @param {import('./world.js').World} world
 * @param {{ newKeyDelayMs: number }} options how long STS rejects a key CreateAccessKey made
 */
export function iamActions(world, { newKeyDelayMs }) {
  return {
    /** @param {CallContext} context */
    ListAccessKeys({ caller, params }) {
      const requestedName = params.get('UserName');
      if (caller.kind === 'session' && requestedName === undefined) {
        throw new AwsError(400, 'ValidationError', 'Must specify userName when calling with non-User credentials');
      }
      const userName = requestedName ?? (caller.kind === 'user' ? caller.user.name : '');
      authorizeKeyRead(world, caller, 'iam:ListAccessKeys', userName);

      const problems = new ConstraintViolations();
      problems.checkInteger('maxItems', params.get('MaxItems'), 1, 1000);
      problems.throwIfAny();
      const pageSize = Math.min(Number(params.get('MaxItems') ?? 100), PAGE_SIZE);
      const start = decodeMarker(params.get('Marker'));
      const keys = [...world.accessKeys.values()].filter((key) => key.user.name === userName);
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
    },

    /** @param {CallContext} context */
    GetAccessKeyLastUsed({ caller, params }) {
      const accessKeyId = params.get('AccessKeyId');
      const problems = new ConstraintViolations();
      problems.checkLength('accessKeyId', accessKeyId, 16, 128, { required: true });
      problems.throwIfAny();
      const key = world.accessKeys.get(accessKeyId ?? '');
      if (!key) throw new AwsError(404, 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`);
      authorizeKeyRead(world, caller, 'iam:GetAccessKeyLastUsed', key.user.name);
      const lastUsed = key.lastUsed;
      return (
        element(
          'AccessKeyLastUsed',
          (lastUsed ? textElement('LastUsedDate', isoSeconds(lastUsed.date)) : '') +
            textElement('ServiceName', lastUsed?.service ?? 'N/A') +
            textElement('Region', lastUsed?.region ?? 'N/A'),
        ) + textElement('UserName', key.user.name)
      );
    },

    ...keyAdminActions(world, { newKeyDelayMs }),
  };
}

/**
 * Models the self-scoped policy on `arn:aws:iam::*:user/${aws:username}`: a user may read its own
 * keys when it has that policy; role sessions have no `aws:username`, so only through a policy
 * naming the user's ARN (`readsKeysOf`, in the user's account) or a key admin's.
 * @param {import('./world.js').World} world
 * @param {import('./world.js').Caller} caller
 * @param {string} iamAction
 * @param {string} userName
 */
function authorizeKeyRead(world, caller, iamAction, userName) {
  const { role } = caller.kind === 'session' ? caller.session : { role: undefined };
  const allowed =
    caller.kind === 'user'
      ? (caller.user.selfIamRead && caller.user.name === userName) || caller.user.keyAdmin
      : role?.keyAdmin || (role?.readsKeysOf.includes(userName) && world.users.get(userName)?.account === role.account);
  if (!allowed) {
    throw accessDenied(caller.arn, iamAction, `user ${userName}`, ` because no identity-based policy allows the ${iamAction} action`);
  }
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
