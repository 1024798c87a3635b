/** The post step's adapters, each loaded by import() only when the main step's state asks for it. */
import type { PostDeps } from '../assume-role/ports.js';

export const postDeps = (): PostDeps => ({
  profileStore: async () => (await import('../adapters/profile-store.js')).fileProfileStore,
  stopServer: async (server) => {
    const [{ stopCredentialsServer }, { systemClock }] = await Promise.all([
      import('../adapters/credentials-server-process.js'),
      import('../adapters/system-clock.js'),
    ]);
    return stopCredentialsServer(server, systemClock);
  },
});
