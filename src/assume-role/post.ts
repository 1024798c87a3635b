import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import { EXPORTED_STATE, EXPORTED_VARIABLES } from './credential-exports.js';

/** The post step: blank what the main step exported, so nothing after the job's steps can use the credentials. */
export function runPost(io: Pick<Io, 'getState' | 'exportVariable' | 'info'>): void {
  if (io.getState(EXPORTED_STATE) !== 'true') return;
  for (const name of EXPORTED_VARIABLES) io.exportVariable(name, '');
  io.info(actionLog.blanked);
}
