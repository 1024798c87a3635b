import type { Clock } from '../shared/io.js';
import { failureTexts, stepTexts, type RotationContext } from '../shared/messages/rotation.js';
import { StepFailure } from '../shared/step-failure.js';
import type { RotateOptions } from './rotation-inputs.js';
import { isTargetUser, type KeyState } from './rotation-plan.js';
import { isUnknownKey, type KeyAdmin, type KeyProbe, type NewAccessKey, type SecretStore } from './rotation-ports.js';
import { createdTag, tagKeysOf } from './rotation-tags.js';

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
  /** When GitHub last wrote the secret access key's secret, before this run. */
  secretStoredAt: Date | undefined;
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

/** The id secret may hold the new id: write the old one back (the old secret was never touched), then delete the new key. */
async function restoreOldPair(c: CreateStepContext, key: NewAccessKey, oldKey: KeyState): Promise<string> {
  try {
    await c.store.write(c.options.secretNames.id, oldKey.accessKeyId);
  } catch (error) {
    return failureTexts.restoreFailed(c.texts, oldKey.accessKeyId, key.accessKeyId, c.said(error));
  }
  c.say(stepTexts.restoredId(c.texts, oldKey.accessKeyId));
  return deleteNewKey(c, key);
}

/** After a failed write of the secret: did it land anyway (a timeout after GitHub stored it)? */
async function secretLanded(c: CreateStepContext): Promise<boolean | string> {
  try {
    const now = await c.store.updatedAt([c.options.secretNames.secret]);
    const at = now.get(c.options.secretNames.secret);
    return at !== undefined && (c.secretStoredAt === undefined || at.getTime() > c.secretStoredAt.getTime());
  } catch (error) {
    return c.said(error);
  }
}

/**
 * Step 1: create → wait until STS accepts it → AssumeRole with it → write the id secret → write the
 * secret. The old secret can never be restored (GitHub does not give secret values back), so it is
 * written last: until then every failure can put the old pair back by rewriting the id alone.
 */
export async function createAndStore(c: CreateStepContext, oldKey: KeyState): Promise<void> {
  const { userName, secretNames } = c.options;
  const key = await c.admin.createKey(userName);
  c.say(stepTexts.created(key.accessKeyId));
  try {
    await c.admin.tagUser(userName, [createdTag(key.accessKeyId, new Date(c.clock.now()))]);
    await prove(c, key);
  } catch (error) {
    throw new StepFailure(failureTexts.beforeStore(message(c, error), await deleteNewKey(c, key)));
  }
  try {
    await c.store.write(secretNames.id, key.accessKeyId);
  } catch (error) {
    throw new StepFailure(failureTexts.idWriteFailed(c.texts, c.said(error), await restoreOldPair(c, key, oldKey)));
  }
  c.say(stepTexts.wroteSecret(secretNames.id, c.texts));
  try {
    await c.store.write(secretNames.secret, key.secretAccessKey);
  } catch (error) {
    const landed = await secretLanded(c);
    if (typeof landed === 'string') throw new StepFailure(failureTexts.secretWriteFailed(c.texts, c.said(error), failureTexts.secretWriteUnknown(c.texts, key.accessKeyId, landed)));
    if (!landed) throw new StepFailure(failureTexts.secretWriteFailed(c.texts, c.said(error), await restoreOldPair(c, key, oldKey)));
    c.say(stepTexts.secretLandedAnyway(secretNames.secret));
  }
  c.say(stepTexts.wroteSecret(secretNames.secret, c.texts));
  c.say(stepTexts.rotated(c.texts, key.accessKeyId, oldKey.accessKeyId));
}
