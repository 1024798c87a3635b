import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import path from 'node:path';
import type { AssumeRoleCommandInput } from '@aws-sdk/client-sts';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import type { WebIdentityRequest } from './sts-web-identity.js';

/** A session as it travels over the pipe (JSON): the expiration as ISO 8601. */
export interface PipedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}

/** How the server re-assumes the role: with the limited user's key, or with a fresh ID token each time. */
export type RefreshSource =
  | { kind: 'keys'; accessKeyId: string; secretAccessKey: string; request: AssumeRoleCommandInput }
  | { kind: 'keyless'; idTokenRequestUrl: string; idTokenRequestToken: string; audience: string; request: Omit<WebIdentityRequest, 'WebIdentityToken'> };

/**
 * Everything the credentials server needs, written once to its stdin: never its argv, environment
 * or a file, which a later step of the job could read (`/proc/<pid>/cmdline`, `environ`).
 */
export interface CredentialsServerConfig {
  region: string;
  /** AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL as the main step saw them. */
  stsEndpoint: Record<string, string>;
  proxy: ProxyVariables;
  retryMaxAttempts: number;
  /** What clients send as `Authorization` (AWS_CONTAINER_AUTHORIZATION_TOKEN). */
  token: string;
  /** The post step's proof, also in the server's argv so the post step can tell the process is ours. */
  nonce: string;
  /** The path of AWS_CONTAINER_CREDENTIALS_FULL_URI. */
  path: string;
  /** The job's runner process (the main step's parent): the server ends when it is gone. */
  parentPid: number;
  /** The server ends after this long whatever else happens: the job's longest run. */
  lifetimeMs: number;
  session: PipedSession;
  source: RefreshSource;
  /** Every value the main step masked, so the server's log is cleaned of them too. */
  secrets: string[];
}

export interface LaunchedServer {
  pid: number;
  port: number;
  logFile: string;
}

export interface LaunchOptions {
  env: Readonly<Record<string, string | undefined>>;
  logFile: string;
  timeoutMs: number;
  script?: string;
}

/** The argument that marks the server's process as started by one step (its nonce). */
export const nonceArgument = (nonce: string) => `--nonce=${nonce}`;

/** Variables the server's environment keeps: the runner's orphan-process tracking, and CA settings. */
const KEPT_VARIABLES = ['RUNNER_TRACKING_ID', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'TZ'];

/**
 * Starts the credentials server bundle detached, with the config on its stdin, its
 * stdout and stderr appended to `logFile`, and a third pipe on which it says `listening PORT`
 * once its listener is up. Nothing of the child keeps this step's own stdout open, so the step
 * returns at once. A server that says nothing within `timeoutMs` is killed (it is the child just
 * started) and this throws.
 */
export function launchCredentialsServer(launch: Omit<CredentialsServerConfig, 'parentPid'>, options: LaunchOptions): Promise<LaunchedServer> {
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
