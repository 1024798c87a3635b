import { fileProfileStore, type ProfileStore } from '../adapters/profile-store.js';
import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import { profileTexts } from '../shared/messages/job-environment.js';
import { redact } from '../shared/redact.js';
import { PROFILE_STATE, parseWrittenProfile, removeAwsProfile } from './aws-profile.js';
import { EXPORTED_STATE, EXPORTED_VARIABLES } from './credential-exports.js';

export type PostIo = Pick<Io, 'getState' | 'exportVariable' | 'info' | 'annotate'>;

/**
 * The post step: blank what the main step exported and remove the profile sections it wrote, so
 * nothing after the job's steps can use the credentials. Post steps run in reverse order, so with
 * the action used twice the second use's post step runs first.
 */
export async function runPost(io: PostIo, store: ProfileStore = fileProfileStore): Promise<void> {
  if (io.getState(EXPORTED_STATE) === 'true') {
    for (const name of EXPORTED_VARIABLES) io.exportVariable(name, '');
    io.info(actionLog.blanked);
  }
  const written = parseWrittenProfile(io.getState(PROFILE_STATE));
  if (!written) return;
  try {
    for (const file of await removeAwsProfile(store, written)) io.info(redact(profileTexts.removed(written.profile, file)));
  } catch (error) {
    io.annotate('warning', redact(profileTexts.removeFailed(written.profile, written.files.map(({ file }) => file).join(' and '), String(error))));
  }
}
