/**
 * The root action's real adapters, for its run(io, deps). What only some runs need (the aws-profile
 * files, the credentials server's launcher, the token file's reader) is loaded by import() when
 * first called, so the bundle evaluates it only then.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { AssumeRoleDeps } from '../assume-role/ports.js';
import { processActionTimer } from '../adapters/action-timer.js';
import { openRoleSessions } from '../adapters/aws-sessions.js';
import { isFolder, readSamconfig } from '../adapters/samconfig-file.js';
import { isInWorkspace } from '../adapters/workspace-path.js';

export function assumeRoleDeps(): AssumeRoleDeps {
  return {
    sessions: openRoleSessions,
    profileFiles: async () => {
      const { fileProfileStore, profilePaths } = await import('../adapters/profile-store.js');
      return { store: fileProfileStore, paths: profilePaths };
    },
    marker: randomUUID,
    secretToken: () => randomBytes(32).toString('base64url'),
    launchCredentialsServer: async (config, options) =>
      (await import('../adapters/credentials-server-launch.js')).launchCredentialsServer(config, options),
    actionTimer: processActionTimer,
    readTokenFile: async (given, workspace) => (await import('../adapters/token-file.js')).readTokenFile(given, workspace),
    isFolder,
    isInWorkspace,
    readSamconfig,
  };
}
