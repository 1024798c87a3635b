import { describe, expect, test } from '@jest/globals';
import { INTERRUPTED_AFTER_MS, planRotation, type KeyState, type RotationState } from '../../src/rotation/rotation-plan.js';
import { createdTag, deactivatedTag } from '../../src/rotation/rotation-tags.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const MIN = 60_000;
const DAY = 86_400_000;
const ADMIN = 'arn:aws:iam::111122223333:user/alice';
const OLD: KeyState = { accessKeyId: 'AKIAOLDOLDOLDOLD0001', status: 'Active', createDate: ago(90 * DAY), lastUsed: ago(2 * DAY) };
const NEW: KeyState = { accessKeyId: 'AKIANEWNEWNEWNEW0002', status: 'Active', createDate: ago(60 * MIN) };

function state(overrides: Partial<RotationState> = {}): RotationState {
  return {
    userName: 'sam-cli-user',
    callerArn: ADMIN,
    keys: [OLD],
    tags: new Map(),
    stored: { id: ago(80 * DAY), secret: ago(80 * DAY) },
    now: NOW,
    ...overrides,
  };
}
const tags = (...list: Array<{ key: string; value: string }>) => new Map(list.map((tag) => [tag.key, tag.value]));
const ours = tags(createdTag(NEW.accessKeyId, NEW.createDate));
const plan = (s: RotationState, deleteAfterDays = 7) => planRotation(s, { deleteAfterDays });
const why = (s: RotationState, days?: number) => {
  const step = plan(s, days);
  return step.kind === 'refuse' || step.kind === 'nothing-due' ? `${step.kind}:${step.reason.why}` : step.kind;
};

describe('planRotation', () => {
  test('one active key: create', () => expect(plan(state())).toEqual({ kind: 'create', oldKey: OLD }));
  test('only a revoked (inactive) key: create, so a fresh key can be stored', () =>
    expect(why(state({ keys: [{ ...OLD, status: 'Inactive' }] }))).toBe('create'));
  test('the caller is the target user: refuse', () =>
    expect(why(state({ callerArn: 'arn:aws:iam::111122223333:user/ci/sam-cli-user' }))).toBe('refuse:caller-is-target'));
  test('a missing secret: refuse', () => expect(why(state({ stored: { id: ago(DAY) } }))).toBe('refuse:secret-missing'));
  test('no keys: refuse', () => expect(why(state({ keys: [] }))).toBe('refuse:no-keys'));
  test('secrets written before the key existed cannot hold it: refuse', () =>
    expect(why(state({ stored: { id: ago(100 * DAY), secret: ago(80 * DAY) } }))).toBe('refuse:secrets-older-than-key'));
  test('two active keys, the newer not ours: refuse', () => expect(why(state({ keys: [OLD, NEW] }))).toBe('refuse:two-active-not-ours'));

  const stored = { id: ago(50 * MIN), secret: ago(50 * MIN) };
  test('ours and stored, not used since: nothing due', () =>
    expect(why(state({ keys: [OLD, { ...NEW, lastUsed: ago(55 * MIN) }], tags: ours, stored }))).toBe('nothing-due:waiting-for-use'));
  test('ours, stored, used since; the old key unused since: deactivate the old key', () =>
    expect(plan(state({ keys: [OLD, { ...NEW, lastUsed: ago(10 * MIN) }], tags: ours, stored }))).toMatchObject({
      kind: 'deactivate-old',
      oldKey: OLD,
    }));
  test('the old key used after the new pair was stored: refuse', () =>
    expect(
      why(
        state({
          keys: [
            { ...OLD, lastUsed: ago(5 * MIN) },
            { ...NEW, lastUsed: ago(10 * MIN) },
          ],
          tags: ours,
          stored,
        }),
      ),
    ).toBe('refuse:old-key-in-use'));

  test('a run still storing a new key is not raced', () =>
    expect(why(state({ keys: [OLD, NEW], tags: ours, now: new Date(NEW.createDate.getTime() + 60_000) }))).toBe(
      'nothing-due:rotation-in-progress',
    ));
  test('killed before any write: delete the new key', () =>
    expect(plan(state({ keys: [OLD, NEW], tags: ours, now: new Date(NEW.createDate.getTime() + INTERRUPTED_AFTER_MS) }))).toMatchObject({
      kind: 'recover-interrupted',
      idWasWritten: false,
    }));
  test('killed after the id write: write the old id back, then delete', () =>
    expect(plan(state({ keys: [OLD, NEW], tags: ours, stored: { id: ago(50 * MIN), secret: ago(80 * DAY) } }))).toMatchObject({
      kind: 'recover-interrupted',
      idWasWritten: true,
    }));
  test('the secret newer than the key but not the id (not our order): refuse', () =>
    expect(why(state({ keys: [OLD, NEW], tags: ours, stored: { id: ago(80 * DAY), secret: ago(50 * MIN) } }))).toBe(
      'refuse:secret-without-id',
    ));

  const inactiveOld = { ...OLD, status: 'Inactive' as const, lastUsed: ago(10 * DAY) };
  const active = { ...NEW, lastUsed: ago(MIN) };
  test('inactive for delete-after-days since we deactivated it: delete', () =>
    expect(why(state({ keys: [inactiveOld, active], tags: tags(deactivatedTag(OLD.accessKeyId, ago(7 * DAY), 'rotate')), stored }))).toBe(
      'delete-old',
    ));
  test('inactive for less: nothing due, with the date', () => {
    const step = plan(state({ keys: [inactiveOld, active], tags: tags(deactivatedTag(OLD.accessKeyId, ago(6 * DAY), 'rotate')), stored }));
    expect(step).toMatchObject({ kind: 'nothing-due', reason: { why: 'waiting-to-delete', dueAt: new Date(NOW.getTime() + DAY) } });
  });
  test('inactive but not deactivated by us: refuse to delete', () =>
    expect(why(state({ keys: [inactiveOld, active], stored }))).toBe('refuse:inactive-not-ours'));
  test('used after we deactivated it (someone reactivated it): refuse', () =>
    expect(
      why(
        state({
          keys: [{ ...inactiveOld, lastUsed: ago(DAY) }, active],
          tags: tags(deactivatedTag(OLD.accessKeyId, ago(8 * DAY), 'rotate')),
          stored,
        }),
      ),
    ).toBe('refuse:used-after-deactivation'));
  test('two revoked keys: refuse with the way out, or delete with --delete-after-days 0', () => {
    const revoked = tags(deactivatedTag(OLD.accessKeyId, ago(MIN), 'revoke'), deactivatedTag(NEW.accessKeyId, ago(MIN), 'revoke'));
    const s = state({ keys: [inactiveOld, { ...NEW, status: 'Inactive' }], tags: revoked, stored });
    expect(why(s)).toBe('refuse:no-active-key');
    expect(plan(s, 0)).toMatchObject({ kind: 'delete-old', key: inactiveOld });
  });
});
