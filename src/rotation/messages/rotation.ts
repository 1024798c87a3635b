/**
 * Texts of the command line's rotate and revoke. Key ids are printed whole (they are identifiers,
 * not secrets, and the commands we print need them); secrets never are.
 */
import { redact } from '../../shared/redact.js';
import type { KeyState, NothingDue, Refusal } from '../ports.js';

/** rotation/write-settling.ts's LATE_WRITE_WAIT_MS, in seconds. */
const LATE_WRITE_SECONDS = 60;

export interface RotationContext {
  userName: string;
  /** `repository OWNER/REPO` or `environment ENV of OWNER/REPO` */
  place: string;
  secretNames: { id: string; secret: string };
  /** The rotate command for this user and place, without --dry-run. */
  rotateCommand: string;
  /** `gh secret set … --repo OWNER/REPO [--env ENV]` without the secret name and value. */
  ghSecretSet: string;
  deleteAfterDays: number;
}

const day = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const lastUse = (key: KeyState) =>
  key.lastUsed
    ? `last used ${day(key.lastUsed)}${key.lastUsedService ? ` (${key.lastUsedService}${key.lastUsedRegion ? ` in ${key.lastUsedRegion}` : ''})` : ''}`
    : 'never used';
const reactivate = (c: RotationContext, id: string) =>
  `aws iam update-access-key --user-name ${c.userName} --access-key-id ${id} --status Active`;
const deleteKey = (c: RotationContext, id: string) => `aws iam delete-access-key --user-name ${c.userName} --access-key-id ${id}`;

export const usageText = `Usage (node dist/cli/index.js from a clone at a release tag, or node assume-deploy-role.cjs, the release asset):
  assume-deploy-role rotate --user-name NAME --repo OWNER/REPO --role-to-assume ARN --region REGION
                            [--environment ENV] [--secret-names ID_SECRET,SECRET_SECRET]
                            [--delete-after-days N] [--dry-run] [--json]
  assume-deploy-role revoke --user-name NAME [--role-to-assume ARN] [--json]
  assume-deploy-role --version

rotate takes the next safe step of a key rotation (create and store a new key, deactivate the old
one, delete it after N days, default 7) and says what comes next; run it again until it says the
rotation is done. revoke deactivates every key of the user at once (after a leak) and, with a role,
revokes that role's older sessions. AWS credentials: your own, from the default chain (never the
limited user's). GitHub token: GH_TOKEN, GITHUB_TOKEN or \`gh auth token\`. --json prints one JSON
result on stdout (the step taken, the keys, the next step) and every other line on stderr.
Exit status: 0 a step was taken or nothing was due, 1 failed or refused, 2 bad usage. See docs/rotation.md.`;

export function usageProblems(problems: readonly string[]): string {
  return `${problems.length === 1 ? 'Invalid option' : `${problems.length} problems with the options`}:\n${problems.map((problem) => `- ${problem}`).join('\n')}\n\n${usageText}`;
}

export const refusalTexts: Record<Refusal['why'], (reason: never, c: RotationContext) => string> = {
  'caller-is-target': (r: Extract<Refusal, { why: 'caller-is-target' }>, c) =>
    `Refused: your AWS credentials are those of ${c.userName} itself (${r.callerArn}). Rotation runs with a person's or a rotator role's own credentials, never the limited user's: ` +
    "a key that may create keys lets a thief mint a second one. Unset the limited user's keys in this shell (AWS_ACCESS_KEY_ID, AWS_PROFILE) and use your own.",
  'secret-missing': (r: Extract<Refusal, { why: 'secret-missing' }>, c) =>
    `Refused: ${c.place} has no secret ${r.missing.map((which) => c.secretNames[which]).join(' or ')}. This tool replaces the secrets a deploy workflow already uses; ` +
    'check --repo, --environment and --secret-names (the names the workflow reads in ${{ secrets.NAME }}).',
  'no-keys': (_r, c) =>
    `Refused: ${c.userName} has no access key. Create the first one as docs/setup-by-hand.md shows; rotate replaces an existing key.`,
  'secrets-older-than-key': (r: Extract<Refusal, { why: 'secrets-older-than-key' }>, c) =>
    `Refused: secret ${c.secretNames[r.which]} in ${c.place} was last written ${day(r.storedAt)}, before key ${r.key.accessKeyId} was created (${day(r.key.createDate)}), so it cannot hold that key. ` +
    'Check --repo, --environment, --secret-names and --user-name: the secrets there belong to another key.',
  'two-active-not-ours': (r: Extract<Refusal, { why: 'two-active-not-ours' }>, c) =>
    `Refused: ${c.userName} has two active keys, ${r.older.accessKeyId} (${lastUse(r.older)}) and ${r.newer.accessKeyId} (${lastUse(r.newer)}), and this tool created neither, so it cannot tell which one the secrets hold. ` +
    `Find out which one deploys use, deactivate the other (aws iam update-access-key --user-name ${c.userName} --access-key-id ID --status Inactive) and delete it later, then run rotate again. ` +
    `If a rotate run was killed right after it created ${r.newer.accessKeyId}, that key was never stored: delete it with ${deleteKey(c, r.newer.accessKeyId)}`,
  'secret-without-id': (r: Extract<Refusal, { why: 'secret-without-id' }>, c) =>
    `Refused: ${c.secretNames.secret} was written after key ${r.newKey.accessKeyId} was created but ${c.secretNames.id} was not; this tool always writes the id first, so someone else changed the secrets. ` +
    `Store the pair you mean to use in both secrets yourself (${c.ghSecretSet} NAME), then run rotate again.`,
  'old-key-in-use': (r: Extract<Refusal, { why: 'old-key-in-use' }>, c) =>
    `Refused to deactivate the old key ${r.oldKey.accessKeyId}: it was ${lastUse(r.oldKey)}, after the new key ${r.newKey.accessKeyId} was stored in ${c.place} (${day(r.storedAt)}). ` +
    'Something else still signs with it: another repository or environment, a person, a script. Find it (CloudTrail, event source and user agent for that key), give it the new key, ' +
    'and run rotate again once the old key has gone unused. A deploy that was already running when the secrets changed also counts: then just run rotate again later.',
  'inactive-not-ours': (r: Extract<Refusal, { why: 'inactive-not-ours' }>, c) =>
    `Refused: key ${r.key.accessKeyId} is inactive, but this tool did not deactivate it, so it cannot tell since when or whether anything still needs it, and will not delete it. ` +
    `IAM allows two keys per user, so rotation needs that slot: if nothing needs the key, delete it (${deleteKey(c, r.key.accessKeyId)}), then run rotate again.`,
  'used-after-deactivation': (r: Extract<Refusal, { why: 'used-after-deactivation' }>, c) =>
    `Refused to delete key ${r.key.accessKeyId}: it was ${lastUse(r.key)}, after this tool deactivated it (${day(r.deactivatedAt)}), so someone reactivated it since and something used it. ` +
    `Find what uses it and move that to the active key; when nothing does, deactivate it (aws iam update-access-key --user-name ${c.userName} --access-key-id ${r.key.accessKeyId} --status Inactive) and delete it yourself.`,
  'no-active-key': (r: Extract<Refusal, { why: 'no-active-key' }>, c) =>
    `${c.userName} has no active key (${r.keys.map((key) => key.accessKeyId).join(' and ')} are inactive), so deploys fail until a new key is stored, and both of IAM's two key slots are taken. ` +
    `rotate deletes a key it deactivated ${c.deleteAfterDays} days after (next on ${day(r.dueAt)}). To create a new key now (after revoke, say), run ${c.rotateCommand} --delete-after-days 0 twice: ` +
    'once to delete the older inactive key, once to create and store the new one.',
};

export const nothingDueTexts: Record<NothingDue['why'], (reason: never, c: RotationContext) => string> = {
  'waiting-for-use': (r: Extract<NothingDue, { why: 'waiting-for-use' }>, c) =>
    `Nothing to do yet: the new key ${r.newKey.accessKeyId} is stored in ${c.place} (${day(r.storedAt)}) but has not been used since (${lastUse(r.newKey)}). ` +
    `Next: run a deploy workflow that uses ${c.secretNames.id} and ${c.secretNames.secret}, then run this command again to deactivate the old key ${r.oldKey.accessKeyId}. ` +
    "IAM can take a few hours to report a key's last use.",
  'rotation-in-progress': (r: Extract<NothingDue, { why: 'rotation-in-progress' }>) =>
    `Nothing to do yet: key ${r.newKey.accessKeyId} was created by a rotation at ${day(r.newKey.createDate)} and is not stored yet; another rotate run may be storing it right now. ` +
    `If no other run is going on, run this command again after ${day(r.recoverAfter)}: it then puts the old key back in the secrets and deletes the unstored key.`,
  'waiting-to-delete': (r: Extract<NothingDue, { why: 'waiting-to-delete' }>, c) =>
    `Nothing to do yet: the old key ${r.key.accessKeyId} has been inactive since ${day(r.deactivatedAt)}. Next: run this command again on or after ${day(r.dueAt)} to delete it ` +
    `(after ${c.deleteAfterDays} days without complaints). If something broke, reactivate it: ${reactivate(c, r.key.accessKeyId)}`,
};

export const stepTexts = {
  dryRun: (what: string) => `Dry run, nothing changed. The next step would be: ${what}`,
  plannedCreate: (c: RotationContext, old: KeyState) =>
    `create a new access key for ${c.userName}, prove it with AssumeRole, store it in ${c.place} (${c.secretNames.id}, then ${c.secretNames.secret}), keeping ${old.accessKeyId} active.`,
  plannedDeactivate: (old: KeyState) => `deactivate the old key ${old.accessKeyId} (${lastUse(old)}).`,
  plannedDelete: (key: KeyState) => `delete the old key ${key.accessKeyId}, inactive since this tool deactivated it.`,
  plannedRecover: (c: RotationContext, newKey: KeyState, old: KeyState, idWasWritten: boolean) =>
    `undo an interrupted rotation: ${idWasWritten ? `write ${old.accessKeyId} back into ${c.secretNames.id}, then ` : ''}delete the unstored key ${newKey.accessKeyId}.`,
  created: (id: string) => `Created access key ${id}; its secret is masked and will only be written into GitHub.`,
  waiting: (id: string) => `AWS does not accept key ${id} yet (new keys take a few seconds); waiting.`,
  accepted: (id: string, arn: string) => `STS accepts key ${id} as ${arn}.`,
  proved: (arn: string) => `Proved the new key: AssumeRole on ${arn} succeeded.`,
  wroteSecret: (name: string, c: RotationContext) => `Wrote ${name} in ${c.place}.`,
  rotated: (c: RotationContext, newId: string, oldId: string) =>
    `Stored the new key ${newId} in ${c.place}. The old key ${oldId} stays active for now. ` +
    `Next: run a deploy that uses the secrets, then run this command again to deactivate ${oldId}.`,
  deactivated: (c: RotationContext, oldId: string) =>
    `Deactivated the old key ${oldId}. If anything breaks, reactivate it: ${reactivate(c, oldId)}. ` +
    `Next: run this command again in ${c.deleteAfterDays} days to delete it.`,
  deleted: (id: string) => `Deleted the old key ${id}. The rotation is done: one active key, stored in the secrets.`,
  restoredId: (c: RotationContext, oldId: string) =>
    `Wrote the old key id ${oldId} back into ${c.secretNames.id}; ${c.secretNames.secret} was never changed, so the old pair is in place.`,
  deletedNew: (id: string) => `Deleted the new key ${id}, which nothing stored.`,
  recovered: (c: RotationContext) => `The secrets hold the old pair again. Next: run ${c.rotateCommand} to start the rotation again.`,
  landedAnyway: (name: string) => `GitHub gave no sure answer to the write of ${name}, but lists it as written since: the write landed.`,
};

export const failureTexts = {
  call: (call: string, said: string) => `${call} failed: ${said}`,
  neverAccepted: (id: string, seconds: number) => `STS still did not accept the new key ${id} after ${seconds} s.`,
  // The ARN is STS's answer, outside text: cleaned (a line break in it would start a line of its own).
  wrongOwner: (id: string, arn: string, c: RotationContext) => `The new key ${id} signs as ${redact(arn)}, not as ${c.userName}.`,
  beforeStore: (what: string, undo: string) => `${what} Nothing was written to GitHub. ${undo}`,
  idWriteFailed: (c: RotationContext, what: string, undo: string) => `Writing ${c.secretNames.id} failed: ${what} ${undo}`,
  secretWriteFailed: (c: RotationContext, what: string, undo: string) => `Writing ${c.secretNames.secret} failed: ${what} ${undo}`,
  undone: (newId: string) =>
    `Undone: the secrets hold the old pair and the new key ${newId} is deleted. Fix the cause and run rotate again.`,
  deleteNewFailed: (c: RotationContext, newId: string, said: string) =>
    `The secrets hold the old pair, but deleting the new key failed (${said}); delete it yourself: ${deleteKey(c, newId)}`,
  idRefused: (c: RotationContext, said: string, undo: string) =>
    `Writing ${c.secretNames.id} failed: GitHub refused it (${said}), so nothing was written. ${undo}`,
  idNeverLanded: (c: RotationContext, said: string, newId: string, after: Date) =>
    `Writing ${c.secretNames.id} failed (${said}) and GitHub did not list it as written within ${LATE_WRITE_SECONDS} s: the secrets hold the old pair. ` +
    `Kept the new key ${newId} in case the write lands later still; run ${c.rotateCommand} again after ${day(after)}: it puts the old id back if needed and deletes ${newId}.`,
  idUnknown: (c: RotationContext, said: string, newId: string, oldId: string, after: Date) =>
    `Writing ${c.secretNames.id} failed and it is not known whether it landed (${said}): ${c.secretNames.id} may hold the new id ${newId} or the old ${oldId}; ${c.secretNames.secret} holds the old secret. ` +
    `Kept the new key ${newId}. Settle it with ${c.rotateCommand} after ${day(after)}: it reads the secrets, puts ${oldId} back if needed and deletes ${newId}.`,
  restoreFailed: (c: RotationContext, oldId: string, newId: string, said: string) =>
    `Writing the old key id back failed too (${said}), so ${c.secretNames.id} holds the new id while ${c.secretNames.secret} holds the old secret, and deploys fail. ` +
    `Fix it now with ${c.ghSecretSet} ${c.secretNames.id} --body ${oldId}, or run ${c.rotateCommand} again in 15 minutes: it puts ${oldId} back and deletes ${newId}, which was kept for that.`,
  restoreUnknown: (c: RotationContext, oldId: string, newId: string, said: string) =>
    `Writing the old key id back failed too and it is not known whether it landed (${said}), so ${c.secretNames.id} may hold the new id while ${c.secretNames.secret} holds the old secret. ` +
    `Settle it with ${c.ghSecretSet} ${c.secretNames.id} --body ${oldId}; the next rotate run after 15 minutes deletes ${newId}, which was kept for that.`,
  keptForLateWrite: (c: RotationContext, newId: string, after: Date) =>
    `Kept the new key ${newId}: the write of ${c.secretNames.secret} may still land. Run ${c.rotateCommand} again after ${day(after)}: it deletes ${newId} ` +
    `unless it finds ${c.secretNames.secret} written since (then set both secrets yourself with ${c.ghSecretSet} NAME).`,
  secretWriteUnknown: (c: RotationContext, newId: string, after: Date) =>
    `It is not known whether the write reached GitHub (the secrets could not be read back). Kept the new key ${newId}: run ${c.rotateCommand} again after ${day(after)}; ` +
    'it sees whether the secret was written and either carries on or puts the old pair back.',
  deactivateFailed: (id: string, said: string) => `Deactivating key ${id} failed: ${said}`,
  deleteFailed: (id: string, said: string) => `Deleting key ${id} failed: ${said}`,
  recoveryFailed: (what: string) => `Undoing the interrupted rotation failed: ${what} Run the command again.`,
  noToken:
    'No GitHub token: set GH_TOKEN or GITHUB_TOKEN to a token that may write this repository\'s secrets (fine-grained: "Secrets" read and write; classic: repo), or log in with gh auth login.',
};

export const revokeTexts = {
  deactivated: (id: string) => `Deactivated key ${id}.`,
  alreadyInactive: (id: string) => `Key ${id} was already inactive.`,
  noKeys: (user: string) => `${user} has no access key; nothing to deactivate.`,
  deactivateFailed: (id: string, said: string) => `Could not deactivate key ${id}: ${said}`,
  tagFailed: (said: string) =>
    `The keys are inactive, but recording the time in the user's tags failed (${said}); rotate will ask you to delete them yourself.`,
  sessionsRevoked: (roleArn: string, at: string) =>
    `Revoked the sessions of ${roleArn} issued before ${at}: its inline policy AWSRevokeOlderSessions denies them everything (as the IAM console's "Revoke active sessions" does). Sessions of other people who assumed the role before now are cut off too.`,
  roleInOtherAccount: (roleArn: string, account: string) =>
    `Did not revoke the sessions of ${roleArn}: it is in another account than your credentials (${account}); run revoke with credentials of that account.`,
  revokeSessionsFailed: (roleArn: string, said: string) => `Could not revoke the sessions of ${roleArn}: ${said}`,
  next: (program: string, user: string, roleArn: string | undefined, twoKeys: boolean) =>
    `Next: create and store a fresh key with ${program} rotate --user-name ${user} --repo OWNER/REPO --role-to-assume ${roleArn ?? 'ROLE_ARN'} --region REGION` +
    `${twoKeys ? ' --delete-after-days 0 (run it twice: the first run deletes the older revoked key to free a slot)' : ''}. Check CloudTrail for what the leaked key did.`,
  failed: (count: number) => `revoke did not finish: ${count} step${count === 1 ? '' : 's'} failed (see above).`,
};

export const leaseTexts = {
  taken: (holder: string, run: string, ageMs: number, until: Date) =>
    `Refused: another rotation holds the lease (run ${run} by ${redact(holder)}, taken ${Math.max(0, Math.round(ageMs / 1000))} s ago, until ${day(until)} by AWS's clock); ` +
    'two runs at once could undo each other. Let it finish and run this command again; if that run was killed, its lease expires by itself at that time.',
  tooSlow: (seconds: number) =>
    `Taking the rotation lease took ${seconds} s or more (IAM answered slowly), so another run could have taken it at the same time; nothing was changed. Run this command again.`,
  lost: 'Refused: the rotation lease tag changed while it was being taken (someone removed or rewrote it); nothing was changed. Run this command again.',
  notReleased: (user: string) =>
    `Could not remove the rotation lease tag assume-deploy-role:lease from ${user}; it expires by itself within 15 minutes, until then other runs refuse.`,
};
