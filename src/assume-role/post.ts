import type { ProfileStore } from '../adapters/profile-store.js';
import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import { profileTexts } from '../shared/messages/job-environment.js';
import { redact } from '../shared/redact.js';
import { EXPORTED_STATE, EXPORTED_VARIABLES, PROFILE_STATE } from './credential-exports.js';

export type PostIo = Pick<Io, 'getState' | 'exportVariable' | 'info' | 'annotate'>;

/**
 * The post step: blank what the main step exported and remove the profile sections it wrote, so
 * nothing after the job's steps can use the credentials. Post steps run in reverse order, so with
 * the action used twice the second use's post step runs first. The profile code and the real
 * files' store are loaded only when the main step saved a profile; `store` replaces the files in tests.
 */
export async function runPost(io: PostIo, store?: ProfileStore): Promise<void> {
  if (io.getState(EXPORTED_STATE) === 'true') {
    for (const name of EXPORTED_VARIABLES) io.exportVariable(name, '');
    io.info(actionLog.blanked);
  }
  const state = io.getState(PROFILE_STATE);
  if (state === '') return;
  const { parseWrittenProfile, removeAwsProfile } = await import('./aws-profile.js');
  const written = parseWrittenProfile(state);
  if (!written) return;
  try {
    const files = store ?? (await import('../adapters/profile-store.js')).fileProfileStore;
    for (const file of await removeAwsProfile(files, written)) io.info(redact(profileTexts.removed(written.profile, file)));
  } catch (error) {
    io.annotate('warning', redact(profileTexts.removeFailed(written.profile, written.files.map(({ file }) => file).join(' and '), String(error))));
  }
}
