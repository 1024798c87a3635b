import type { Clock } from '../shared/io.js';
import { failureTexts, stepTexts, type RotationContext } from './messages/rotation.js';
import { StepFailure } from '../shared/step-failure.js';
import type { RotateOptions } from './rotation-inputs.js';
import { INTERRUPTED_AFTER_MS, isTargetUser, type KeyState } from './rotation-plan.js';
import type { KeyAdmin, KeyProbe, NewAccessKey, SecretStore } from './ports.js';
import { createdTag, tagKeysOf } from './rotation-tags.js';
import { WRITE_SPACING_MS, writeAndSettle } from './write-settling.js';

/** AWS's word for "this key is not known (yet)". */
function isUnknownKey(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { failure?: { code?: unknown } }).failure?.code : undefined;
  return code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException';
}

/** New keys are rejected by STS for a few seconds; after this long something else is wrong. */
export const ACCEPT_WAIT_MS = 60_000;
const ACCEPT_POLL_MS = 2_000;

export interface CreateStepContext {
  options: RotateOptions;
  texts: RotationContext;
  admin: KeyAdmin;
  probe: KeyProbe;
  store: SecretStore;
  clock: Clock;
  say: (line: string) => void;
  /** Text of any error, already cleaned of secrets. */
  said: (error: unknown) => string;
  /** When GitHub last wrote each secret, as this run read it before changing anything. */
  stored: { id?: Date; secret?: Date };
}

/** Calls `attempt` until AWS knows the new key, within ACCEPT_WAIT_MS of `start`. */
async function untilAccepted<T>(c: CreateStepContext, key: NewAccessKey, start: number, attempt: () => Promise<T>): Promise<T> {
  for (let told = false; ; told = true) {
    try {
      return await attempt();
    } catch (error) {
      if (!isUnknownKey(error) || c.clock.now() - start + ACCEPT_POLL_MS > ACCEPT_WAIT_MS) {
        throw isUnknownKey(error) ? new StepFailure(failureTexts.neverAccepted(key.accessKeyId, ACCEPT_WAIT_MS / 1000)) : error;
      }
      if (!told) c.say(stepTexts.waiting(key.accessKeyId));
      await c.clock.sleep(ACCEPT_POLL_MS);
    }
  }
}

async function prove(c: CreateStepContext, key: NewAccessKey): Promise<void> {
  const start = c.clock.now();
  const arn = await untilAccepted(c, key, start, () => c.probe.callerArn(key, c.options.region));
  if (!isTargetUser(arn, c.options.userName)) throw new StepFailure(failureTexts.wrongOwner(key.accessKeyId, arn, c.texts));
  c.say(stepTexts.accepted(key.accessKeyId, arn));
  await untilAccepted(c, key, start, () => c.probe.assumeRole(key, c.options.role, c.options.region));
  c.say(stepTexts.proved(c.options.role.arn));
}

const message = (c: CreateStepContext, error: unknown) => (error instanceof StepFailure ? error.message : c.said(error));

/** Deletes the new key and its tag; returns the sentence that says how that went. */
async function deleteNewKey(c: CreateStepContext, key: NewAccessKey): Promise<string> {
  try {
    await c.admin.deleteKey(c.options.userName, key.accessKeyId);
  } catch (error) {
    return failureTexts.deleteNewFailed(c.texts, key.accessKeyId, c.said(error));
  }
  c.say(stepTexts.deletedNew(key.accessKeyId));
  try {
    await c.admin.untagUser(c.options.userName, tagKeysOf(key.accessKeyId));
  } catch {
    // A tag naming a key that no longer exists is ignored by every later run.
  }
  return failureTexts.undone(key.accessKeyId);
}

/** When a later run may clean up after this one (rotation-plan.ts): the new key's creation by AWS's clock, plus the wait. */
const recoverAfter = (key: NewAccessKey) => new Date(key.createDate.getTime() + INTERRUPTED_AFTER_MS);

/**
 * The id secret holds the new id and the secret was not written: write the old id back (the old
 * secret was never touched). The new key is deleted only when nothing can still store it.
 */
async function restoreOldId(c: CreateStepContext, key: NewAccessKey, oldKey: KeyState, secretMayLandLate: boolean): Promise<string> {
  await c.clock.sleep(WRITE_SPACING_MS);
  const restored = await writeAndSettle(c.store, c.clock, c.options.secretNames.id, oldKey.accessKeyId, undefined, c.said);
  if (restored.outcome === 'not-written') return failureTexts.restoreFailed(c.texts, oldKey.accessKeyId, key.accessKeyId, restored.said);
  if (restored.outcome === 'unknown') return failureTexts.restoreUnknown(c.texts, oldKey.accessKeyId, key.accessKeyId, restored.said);
  c.say(stepTexts.restoredId(c.texts, oldKey.accessKeyId));
  return secretMayLandLate ? failureTexts.keptForLateWrite(c.texts, key.accessKeyId, recoverAfter(key)) : deleteNewKey(c, key);
}

/**
 * Step 1: create → wait until STS accepts it → AssumeRole with it → write the id secret → write the
 * secret. The old secret can never be restored (GitHub does not give secret values back), so it is
 * written last: until then every failure can put the old pair back by rewriting the id alone. A
 * write whose outcome is unknown is settled by GitHub's `updated_at` before anything is undone, and
 * a key such a write may still store is never deleted by this run.
 */
export async function createAndStore(c: CreateStepContext, oldKey: KeyState): Promise<void> {
  const { userName, secretNames } = c.options;
  const key = await c.admin.createKey(userName);
  c.say(stepTexts.created(key.accessKeyId));
  try {
    await c.admin.tagUser(userName, [createdTag(key.accessKeyId, c.admin.now())]);
    await prove(c, key);
  } catch (error) {
    throw new StepFailure(failureTexts.beforeStore(message(c, error), await deleteNewKey(c, key)));
  }
  const id = await writeAndSettle(c.store, c.clock, secretNames.id, key.accessKeyId, c.stored.id, c.said);
  if (id.outcome === 'not-written' && id.refused)
    throw new StepFailure(failureTexts.idRefused(c.texts, id.said, await deleteNewKey(c, key)));
  if (id.outcome === 'not-written') throw new StepFailure(failureTexts.idNeverLanded(c.texts, id.said, key.accessKeyId, recoverAfter(key)));
  if (id.outcome === 'unknown')
    throw new StepFailure(failureTexts.idUnknown(c.texts, id.said, key.accessKeyId, oldKey.accessKeyId, recoverAfter(key)));
  if (id.late) c.say(stepTexts.landedAnyway(secretNames.id));
  c.say(stepTexts.wroteSecret(secretNames.id, c.texts));
  const secret = await writeAndSettle(c.store, c.clock, secretNames.secret, key.secretAccessKey, c.stored.secret, c.said);
  if (secret.outcome === 'unknown')
    throw new StepFailure(
      failureTexts.secretWriteFailed(c.texts, secret.said, failureTexts.secretWriteUnknown(c.texts, key.accessKeyId, recoverAfter(key))),
    );
  if (secret.outcome === 'not-written')
    throw new StepFailure(failureTexts.secretWriteFailed(c.texts, secret.said, await restoreOldId(c, key, oldKey, !secret.refused)));
  if (secret.late) c.say(stepTexts.landedAnyway(secretNames.secret));
  c.say(stepTexts.wroteSecret(secretNames.secret, c.texts));
  c.say(stepTexts.rotated(c.texts, key.accessKeyId, oldKey.accessKeyId));
}
