import type { Io } from '../shared/io.js';
import { revokeTexts } from './messages/rotation.js';
import type { RevokeOptions } from './rotation-inputs.js';
import type { KeyAdmin } from './ports.js';
import { deactivatedTag } from './rotation-tags.js';

/** The console's name for it: a second revoke updates the same policy's time. */
export const REVOKE_POLICY_NAME = 'AWSRevokeOlderSessions';

/** The deny the IAM console's "Revoke active sessions" attaches: every session issued before `now`. */
export function revokeOlderSessionsPolicy(now: Date): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Deny', Action: ['*'], Resource: ['*'], Condition: { DateLessThan: { 'aws:TokenIssueTime': now.toISOString() } } },
    ],
  });
}

/**
 * The emergency: every active key deactivated first (that is what stops a thief), then their times
 * tagged, then the role's older sessions denied. Each part is tried even when another failed, and
 * each key's outcome is reported. Returns how many parts failed.
 */
export async function revoke(io: Io, options: RevokeOptions, admin: KeyAdmin, said: (error: unknown) => string): Promise<number> {
  let failures = 0;
  // The keys' ids and states only: their last use is not needed to stop a thief, and reading it
  // first could fail (a throttled read) before anything is deactivated.
  const keys = await admin.listKeys(options.userName, { lastUse: false });
  if (keys.length === 0) io.info(revokeTexts.noKeys(options.userName));
  const deactivated: string[] = [];
  for (const key of keys) {
    if (key.status !== 'Active') {
      io.info(revokeTexts.alreadyInactive(key.accessKeyId));
      continue;
    }
    try {
      await admin.setKeyStatus(options.userName, key.accessKeyId, 'Inactive');
      deactivated.push(key.accessKeyId);
      io.info(revokeTexts.deactivated(key.accessKeyId));
    } catch (error) {
      failures++;
      io.annotate('error', revokeTexts.deactivateFailed(key.accessKeyId, said(error)));
    }
  }
  // AWS's time, from its answers: a fast local clock would deny the sessions issued after the revoke too.
  const now = admin.now();
  if (deactivated.length > 0) {
    await admin
      .tagUser(
        options.userName,
        deactivated.map((id) => deactivatedTag(id, now, 'revoke')),
      )
      .catch((error: unknown) => {
        io.annotate('warning', revokeTexts.tagFailed(said(error)));
      });
  }
  if (options.role) failures += await revokeSessions(io, options.role, admin, now, said);
  io.info(revokeTexts.next(options.program, options.userName, options.role?.arn, keys.length >= 2));
  return failures;
}

async function revokeSessions(
  io: Io,
  role: NonNullable<RevokeOptions['role']>,
  admin: KeyAdmin,
  now: Date,
  said: (error: unknown) => string,
): Promise<number> {
  try {
    const account = await admin.accountOfCaller();
    if (account !== role.account) {
      io.annotate('error', revokeTexts.roleInOtherAccount(role.arn, account));
      return 1;
    }
    await admin.putRolePolicy(role.name, REVOKE_POLICY_NAME, revokeOlderSessionsPolicy(now));
    io.info(revokeTexts.sessionsRevoked(role.arn, now.toISOString()));
    return 0;
  } catch (error) {
    io.annotate('error', revokeTexts.revokeSessionsFailed(role.arn, said(error)));
    return 1;
  }
}
