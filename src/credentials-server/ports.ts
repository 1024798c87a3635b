/**
 * The credentials server's ports, as types only: its loop (serve.ts) asks the world for a loopback
 * listener, the clock, the runner process and one re-assume of the role; the adapters implement
 * them (src/adapters/credentials-listener.ts, sts-refresher.ts) and src/entries/credentials-server.ts wires them.
 */
import type { CredentialsServerConfig } from '../shared/credentials-server-config.js';
import type { Clock } from '../shared/io.js';

export interface CredentialsRequest {
  method: string;
  /** The request target's path, without the query. */
  path: string;
  authorization: string | undefined;
}

export interface ServedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

export interface Answer {
  status: number;
  body: string;
  /** The post step asked the server to stop. */
  shutdown?: true;
}

/** The config the main step piped in, checked (server-config.ts), with the session's expiry a Date. */
export interface ServerConfig extends Omit<CredentialsServerConfig, 'session'> {
  session: ServedSession;
}

export interface ServerPorts {
  clock: Clock;
  listen(answer: (request: CredentialsRequest) => Answer): Promise<{ port: number; close(): Promise<void> }>;
  /** Tells the main step the port; called once, after the listener is up. */
  ready(port: number): void;
  /** One re-assume under the retry policy; throws CallFailed when it gives up. */
  refresh(): Promise<ServedSession>;
  parentAlive(): boolean;
  /** A line of the server's log; the loop has cleaned it already. */
  log(line: string): void;
}

export interface RefresherPorts {
  clock: Clock;
  /** Adds a value to those cleaned from the log; called on every secret before anything else. */
  mask: (value: string) => void;
  /** A retry line, cleaned by the caller. */
  log: (line: string) => void;
  secrets: readonly string[];
}

/**
 * One re-assume of the role as the main step did it, under the action's retry policy, failing with
 * a CallFailed (shared/retry.ts) when it gives up; its session has not expired yet.
 */
export type OpenRefresher = (config: ServerConfig, ports: RefresherPorts) => () => Promise<ServedSession>;
