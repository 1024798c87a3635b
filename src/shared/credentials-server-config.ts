import { createHash } from 'node:crypto';

/**
 * What the root action's main step hands the credentials server (src/credentials-server/) over its
 * stdin: shared by the two features and the launcher adapter, so it lives in neither feature. The
 * STS requests are in STS's own field names; the server re-sends them as they are.
 */
import type { ProxyVariables } from './proxy-settings.js';

/** One AssumeRole, in STS's own field names (the credentials server re-sends it as is). */
export interface AssumeRoleRequest {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number;
  ExternalId?: string;
  Policy?: string;
  PolicyArns?: Array<{ arn: string }>;
  Tags?: Array<{ Key: string; Value: string }>;
  TransitiveTagKeys?: string[];
  SourceIdentity?: string;
}

export interface WebIdentityRequest {
  RoleArn: string;
  RoleSessionName: string;
  WebIdentityToken: string;
  DurationSeconds?: number;
  Policy?: string;
  PolicyArns?: Array<{ arn: string }>;
}

/** A session as it travels over the pipe (JSON): the expiration as ISO 8601. */
export interface PipedSession {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: string;
}

/** How the server re-assumes the role: with the limited user's key, or with a fresh ID token each time. */
export type RefreshSource =
  | { kind: 'keys'; accessKeyId: string; secretAccessKey: string; request: AssumeRoleRequest }
  | {
      kind: 'keyless';
      idTokenRequestUrl: string;
      idTokenRequestToken: string;
      audience: string;
      request: Omit<WebIdentityRequest, 'WebIdentityToken'>;
    };

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

/**
 * What the server's argv carries in place of its nonce, the post step's shutdown secret: the
 * nonce's SHA-256, by which the post step tells the process is ours and the server that the config
 * on its stdin is for it. Any local user can read a process's argv; the nonce itself goes on stdin only.
 */
export const nonceMark = (nonce: string): string => createHash('sha256').update(nonce, 'utf8').digest('hex');

export const NONCE_MARK_FLAG = '--nonce-sha256=';
