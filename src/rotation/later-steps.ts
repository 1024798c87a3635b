import { failureTexts, stepTexts, type RotationContext } from './messages/rotation.js';
import { StepFailure } from '../shared/step-failure.js';
import type { KeyState } from './rotation-plan.js';
import type { KeyAdmin, SecretStore } from './ports.js';
import { deactivatedTag, tagKeysOf } from './rotation-tags.js';

export interface LaterStepContext {
  userName: string;
  idSecretName: string;
  texts: RotationContext;
  admin: KeyAdmin;
  now: Date;
  say: (line: string) => void;
  said: (error: unknown) => string;
}

/**
 * Step 2. The time is tagged first: a run killed in between leaves an active key with a stale tag,
 * which the next run simply writes again; the other order could leave a key inactive with no record.
 */
export async function deactivateOld(c: LaterStepContext, oldKey: KeyState): Promise<void> {
  try {
    await c.admin.tagUser(c.userName, [deactivatedTag(oldKey.accessKeyId, c.now, 'rotate')]);
    await c.admin.setKeyStatus(c.userName, oldKey.accessKeyId, 'Inactive');
  } catch (error) {
    throw new StepFailure(failureTexts.deactivateFailed(oldKey.accessKeyId, c.said(error)));
  }
  c.say(stepTexts.deactivated(c.texts, oldKey.accessKeyId));
}

/** Step 3. */
export async function deleteOld(c: LaterStepContext, key: KeyState): Promise<void> {
  try {
    await c.admin.deleteKey(c.userName, key.accessKeyId);
  } catch (error) {
    throw new StepFailure(failureTexts.deleteFailed(key.accessKeyId, c.said(error)));
  }
  try {
    await c.admin.untagUser(c.userName, tagKeysOf(key.accessKeyId));
  } catch {
    // Tags of a deleted key are ignored by every later run.
  }
  c.say(stepTexts.deleted(key.accessKeyId));
}

/** A run died between creating a key and writing the secret: put the old id back, delete the new key. */
export async function recoverInterrupted(
  c: LaterStepContext,
  store: SecretStore,
  newKey: KeyState,
  oldKey: KeyState,
  idWasWritten: boolean,
): Promise<void> {
  try {
    if (idWasWritten) {
      await store.write(c.idSecretName, oldKey.accessKeyId);
      c.say(stepTexts.restoredId(c.texts, oldKey.accessKeyId));
    }
    await c.admin.deleteKey(c.userName, newKey.accessKeyId);
    c.say(stepTexts.deletedNew(newKey.accessKeyId));
  } catch (error) {
    throw new StepFailure(failureTexts.recoveryFailed(c.said(error)));
  }
  await c.admin.untagUser(c.userName, tagKeysOf(newKey.accessKeyId)).catch(() => undefined);
  c.say(stepTexts.recovered(c.texts));
}
