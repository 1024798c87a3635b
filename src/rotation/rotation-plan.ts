import type { KeyState, NothingDue, Refusal } from './ports.js';
import { createdByUs, deactivatedByUs } from './rotation-tags.js';

export type { KeyState, NothingDue, Refusal };

/**
 * The next safe step of a rotation, from the state read from IAM and GitHub on this run alone, so a
 * run can be killed anywhere and the next one carries on. Pure: the state comes in, a step comes out.
 */
export interface RotationState {
  userName: string;
  /** The ARN the caller's own credentials belong to (STS GetCallerIdentity). */
  callerArn: string;
  keys: readonly KeyState[];
  tags: ReadonlyMap<string, string>;
  /** When GitHub last wrote each secret; undefined when the secret does not exist. */
  stored: { id?: Date; secret?: Date };
  now: Date;
}

export interface PlanOptions {
  deleteAfterDays: number;
}

/**
 * A created key that is still not stored this long after its creation was left by a run that died:
 * a live run is far quicker (its calls' total deadlines add up to less), so it is not raced.
 */
export const INTERRUPTED_AFTER_MS = 15 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Step =
  | { kind: 'create'; oldKey: KeyState }
  | { kind: 'recover-interrupted'; newKey: KeyState; oldKey: KeyState; idWasWritten: boolean }
  | { kind: 'deactivate-old'; oldKey: KeyState; newKey: KeyState; storedAt: Date }
  | { kind: 'delete-old'; key: KeyState; deactivatedAt: Date }
  | { kind: 'nothing-due'; reason: NothingDue }
  | { kind: 'refuse'; reason: Refusal };

const refuse = (reason: Refusal): Step => ({ kind: 'refuse', reason });
const wait = (reason: NothingDue): Step => ({ kind: 'nothing-due', reason });
const after = (date: Date | undefined, than: Date) => date !== undefined && date.getTime() > than.getTime();
const notBefore = (date: Date | undefined, than: Date) => date !== undefined && date.getTime() >= than.getTime();

/** `arn:aws:iam::123456789012:user/path/NAME`: the caller is the target user signing with its own key. */
export function isTargetUser(callerArn: string, userName: string): boolean {
  const match = /^arn:[a-z-]+:iam::\d{12}:user\/(?:.*\/)?([^/]+)$/.exec(callerArn);
  return match?.[1] === userName;
}

function planTwoActive(state: RotationState, older: KeyState, newer: KeyState): Step {
  if (createdByUs(state.tags, newer.accessKeyId) === undefined) return refuse({ why: 'two-active-not-ours', newer, older });
  const { id, secret } = state.stored;
  const idWritten = notBefore(id, newer.createDate);
  const secretWritten = notBefore(secret, newer.createDate);
  if (idWritten && secretWritten) {
    const storedAt = new Date(Math.max(id?.getTime() ?? 0, secret?.getTime() ?? 0));
    if (!after(newer.lastUsed, storedAt)) return wait({ why: 'waiting-for-use', newKey: newer, oldKey: older, storedAt });
    if (after(older.lastUsed, storedAt)) return refuse({ why: 'old-key-in-use', oldKey: older, newKey: newer, storedAt });
    return { kind: 'deactivate-old', oldKey: older, newKey: newer, storedAt };
  }
  if (secretWritten) return refuse({ why: 'secret-without-id', newKey: newer });
  const recoverAfter = new Date(newer.createDate.getTime() + INTERRUPTED_AFTER_MS);
  if (state.now.getTime() < recoverAfter.getTime()) return wait({ why: 'rotation-in-progress', newKey: newer, recoverAfter });
  return { kind: 'recover-interrupted', newKey: newer, oldKey: older, idWasWritten: idWritten };
}

function planInactive(state: RotationState, inactive: KeyState[], active: KeyState | undefined, options: PlanOptions): Step {
  const waiting: Array<{ key: KeyState; deactivatedAt: Date; dueAt: Date }> = [];
  for (const key of inactive) {
    const deactivatedAt = deactivatedByUs(state.tags, key.accessKeyId);
    if (deactivatedAt === undefined) return refuse({ why: 'inactive-not-ours', key });
    if (after(key.lastUsed, deactivatedAt)) return refuse({ why: 'used-after-deactivation', key, deactivatedAt });
    const dueAt = new Date(deactivatedAt.getTime() + options.deleteAfterDays * DAY_MS);
    if (state.now.getTime() >= dueAt.getTime()) return { kind: 'delete-old', key, deactivatedAt };
    waiting.push({ key, deactivatedAt, dueAt });
  }
  const first = waiting.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  if (first === undefined) throw new Error('planInactive needs an inactive key');
  if (active === undefined) return refuse({ why: 'no-active-key', keys: inactive, dueAt: first.dueAt });
  return wait({ why: 'waiting-to-delete', ...first });
}

function planCreate(state: RotationState, oldKey: KeyState): Step {
  for (const which of ['id', 'secret'] as const) {
    const storedAt = state.stored[which];
    if (storedAt !== undefined && storedAt.getTime() < oldKey.createDate.getTime())
      return refuse({ why: 'secrets-older-than-key', key: oldKey, which, storedAt });
  }
  return { kind: 'create', oldKey };
}

export function planRotation(state: RotationState, options: PlanOptions): Step {
  if (isTargetUser(state.callerArn, state.userName)) return refuse({ why: 'caller-is-target', callerArn: state.callerArn });
  const missing = (['id', 'secret'] as const).filter((which) => state.stored[which] === undefined);
  if (missing.length > 0) return refuse({ why: 'secret-missing', missing });
  const keys = [...state.keys].sort((a, b) => a.createDate.getTime() - b.createDate.getTime());
  const active = keys.filter((key) => key.status === 'Active');
  const inactive = keys.filter((key) => key.status !== 'Active');
  const [first, second] = active;
  if (first && second) return planTwoActive(state, first, second);
  if (keys.length >= 2) return planInactive(state, inactive, first, options);
  const only = keys[0];
  return only ? planCreate(state, only) : refuse({ why: 'no-keys' });
}
