import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { Clock } from '../shared/io.js';
import { nonceArgument } from './credentials-server-launch.js';
import type { StopResult } from '../assume-role/ports.js';

/** Whether a process with this id exists (EPERM: it exists, as another user's). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Linux: whether the process's argv carries this nonce; undefined where /proc cannot tell. */
async function carriesNonce(pid: number, nonce: string): Promise<boolean | undefined> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').includes(nonceArgument(nonce));
  } catch {
    return process.platform === 'linux' ? false : undefined;
  }
}

/** The authenticated shutdown request; true when the server said yes. */
function askToStop(port: number, nonce: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: '/shutdown', method: 'POST', headers: { authorization: nonce }, agent: false, timeout: timeoutMs },
      (response) => {
        response.resume();
        resolve(response.statusCode === 200);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
    request.end();
  });
}

async function gone(pid: number, clock: Clock, withinMs: number): Promise<boolean> {
  for (let waited = 0; waited < withinMs; waited += 50) {
    if (!isAlive(pid)) return true;
    await clock.sleep(50);
  }
  return !isAlive(pid);
}

export type { StopResult };

/**
 * Stops the server one main step started, and only it: first by its shutdown request (which
 * needs the nonce); a server that does not go is signalled only if its argv carries the nonce.
 */
export async function stopCredentialsServer(server: { pid: number; port: number; nonce: string }, clock: Clock): Promise<StopResult> {
  if (!isAlive(server.pid)) return 'already gone';
  const asked = await askToStop(server.port, server.nonce, 2000);
  if (await gone(server.pid, clock, asked ? 3000 : 0)) return 'stopped';
  if ((await carriesNonce(server.pid, server.nonce)) !== true) return 'not ours';
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    try {
      process.kill(server.pid, signal);
    } catch {
      return 'stopped';
    }
    if (await gone(server.pid, clock, 2000)) return 'stopped';
  }
  return 'still running';
}
