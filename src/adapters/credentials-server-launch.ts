import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { LaunchedServer, LaunchOptions } from '../assume-role/ports.js';
import {
  NONCE_MARK_FLAG,
  nonceMark,
  type CredentialsServerConfig,
  type PipedSession,
  type RefreshSource,
} from '../shared/credentials-server-config.js';

export type { CredentialsServerConfig, LaunchedServer, LaunchOptions, PipedSession, RefreshSource };

/** The argument that marks the server's process as started by one step: its nonce's mark, never the nonce. */
export const nonceArgument = (nonce: string) => `${NONCE_MARK_FLAG}${nonceMark(nonce)}`;

/** Variables the server's environment keeps: the runner's orphan-process tracking, and CA settings. */
const KEPT_VARIABLES = ['RUNNER_TRACKING_ID', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'TZ'];

/**
 * Starts the credentials server bundle detached, with the config on its stdin, its
 * stdout and stderr appended to `logFile`, and a third pipe on which it says `listening PORT`
 * once its listener is up. Nothing of the child keeps this step's own stdout open, so the step
 * returns at once. A server that says nothing within `timeoutMs` is killed (it is the child just
 * started) and this throws.
 */
export function launchCredentialsServer(
  launch: Omit<CredentialsServerConfig, 'parentPid'>,
  options: LaunchOptions,
): Promise<LaunchedServer> {
  const config: CredentialsServerConfig = { ...launch, parentPid: process.ppid };
  const { env, logFile, timeoutMs } = options;
  // The bundle beside this step's own: dist/main/index.js starts dist/credentials-server/index.js.
  const script = options.script ?? path.resolve(path.dirname(process.argv[1] ?? '.'), '..', 'credentials-server', 'index.js');
  const log = openSync(logFile, 'a', 0o600);
  const keptEnv = Object.fromEntries(KEPT_VARIABLES.flatMap((name) => (env[name] ? [[name, env[name]]] : [])));
  const child = spawn(process.execPath, [script, nonceArgument(config.nonce)], {
    detached: true,
    stdio: ['pipe', log, log, 'pipe'],
    env: keptEnv,
    cwd: path.dirname(logFile),
  });
  closeSync(log);
  return new Promise<LaunchedServer>((resolve, reject) => {
    const ready = child.stdio[3] as NodeJS.ReadableStream & { destroy(): void };
    let said = '';
    const finish = (error?: Error, port?: number) => {
      clearTimeout(timer);
      ready.removeAllListeners('data');
      ready.destroy();
      child.removeAllListeners('exit');
      if (error || port === undefined || child.pid === undefined) {
        child.kill('SIGKILL');
        reject(error ?? new Error('the credentials server did not start'));
        return;
      }
      child.unref();
      resolve({ pid: child.pid, port, logFile });
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${(timeoutMs / 1000).toFixed(1)} s`)), timeoutMs);
    ready.on('data', (chunk: Buffer) => {
      said += chunk.toString('utf8');
      const port = /^listening (\d{1,5})\n/.exec(said)?.[1];
      if (port !== undefined) finish(undefined, Number(port));
      else if (said.includes('\n') || said.length > 64) finish(new Error('it did not say which port it listens on'));
    });
    child.on('error', (error) => finish(error));
    child.on('exit', (code) => finish(new Error(`it exited (code ${code ?? 'none'})`)));
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(`${JSON.stringify(config)}\n`);
  });
}
