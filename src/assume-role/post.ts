import type { PostDeps, ServerState } from './ports.js';
import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import { profileTexts } from '../shared/messages/job-environment.js';
import { redact } from '../shared/redact.js';
import { credentialsServerTexts } from '../shared/messages/credentials-server.js';
import { EXPORTED_STATE, EXPORTED_VARIABLES, PROFILE_STATE, SERVER_STATE, SERVER_VARIABLES } from './credential-exports.js';

function parseServerState(text: string): ServerState | undefined {
  try {
    const { pid, port, nonce } = JSON.parse(text) as Partial<ServerState>;
    return Number.isSafeInteger(pid) && Number.isSafeInteger(port) && typeof nonce === 'string' && nonce !== ''
      ? { pid: pid as number, port: port as number, nonce }
      : undefined;
  } catch {
    return undefined;
  }
}

/** refresh-credentials: the server this job's main step started, and only it (by pid and nonce); loaded only then. */
async function stopCredentialsServer(io: PostIo, stopServer: PostDeps['stopServer']): Promise<void> {
  const server = parseServerState(io.getState(SERVER_STATE));
  if (!server) return;
  const result = await stopServer(server);
  if (result === 'stopped') io.info(credentialsServerTexts.stopped);
  else if (result === 'already gone') io.info(credentialsServerTexts.alreadyGone);
  else if (result === 'not ours') io.annotate('warning', credentialsServerTexts.notOurs(server.pid));
  else io.annotate('warning', credentialsServerTexts.stopFailed(server.pid, 'it did not end on SIGTERM or SIGKILL'));
  for (const name of SERVER_VARIABLES) io.exportVariable(name, '');
}

export type PostIo = Pick<Io, 'getState' | 'exportVariable' | 'info' | 'annotate'>;

/**
 * The post step: blank what the main step exported and remove the profile sections it wrote, so
 * nothing after the job's steps can use the credentials. Post steps run in reverse order, so with
 * the action used twice the second use's post step runs first. The profile code and the real
 * files' store are loaded only when the main step saved a profile (src/entries/post-wiring.ts).
 */
export async function runPost(io: PostIo, deps: PostDeps): Promise<void> {
  if (io.getState(EXPORTED_STATE) === 'true') {
    for (const name of EXPORTED_VARIABLES) io.exportVariable(name, '');
    io.info(actionLog.blanked);
  }
  await stopCredentialsServer(io, deps.stopServer);
  const state = io.getState(PROFILE_STATE);
  if (state === '') return;
  const { parseWrittenProfile, removeAwsProfile } = await import('./aws-profile.js');
  const written = parseWrittenProfile(state);
  if (!written) return;
  try {
    const files = await deps.profileStore();
    for (const file of await removeAwsProfile(files, written)) io.info(redact(profileTexts.removed(written.profile, file)));
  } catch (error) {
    io.annotate(
      'warning',
      redact(profileTexts.removeFailed(written.profile, written.files.map(({ file }) => file).join(' and '), String(error))),
    );
  }
}
