/**
 * The root action's ports: what its run(io, deps) asks of the world, as types only. The adapters
 * implement them (src/adapters/aws-sessions.ts, profile-store.ts, …) and src/entries/ wires them.
 */
import type { Io } from '../shared/io.js';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import type { Secrets } from '../shared/secrets.js';
import type { UserKeyInputs } from '../shared/user-key-inputs.js';
import type { AssumeRoleRequest, CredentialsServerConfig, WebIdentityRequest } from '../shared/credentials-server-config.js';

export type { AssumeRoleRequest, WebIdentityRequest };

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  expiration: Date;
}

/** What a successful AssumeRole answered, checked for completeness. */
export interface AssumedRole {
  credentials: TemporaryCredentials;
  /** arn:aws:sts::123456789012:assumed-role/deploy/gha-1-1@org.repo */
  assumedRoleArn: string;
  roleArn: string;
  account: string;
  sessionName: string;
}

/** The limited user's keys, or temporary keys with their session token (aws-session-token, role-chaining). */
export type UserKeys = Pick<UserKeyInputs, 'accessKeyId' | 'secretAccessKey' | 'region'> & { sessionToken?: string };

/** `io.idToken`: GitHub's ID token for an audience, each attempt cut off after `timeoutMs`. */
export type IdTokenSource = (audience: string, timeoutMs: number) => Promise<string>;

/** What every call of one run shares: where the log and the masks go, the endpoint, the proxy, the retries. */
export interface SessionSettings {
  io: Io;
  secrets: Secrets;
  region: string;
  /** The step's environment with the sts-endpoint input applied. */
  env: Io['env'];
  proxy: ProxyVariables;
  maxAttempts: number;
}

/**
 * STS for one run. Every call is under the run's retry policy with its deadlines, masks each
 * credential of the answer before anything else reads it, announces an endpoint that is not AWS's
 * own, and fails with a CallFailed (shared/retry.ts) that the feature explains.
 */
export interface RoleSessions {
  /** GetCallerIdentity's ARN for these keys. */
  callerIdentity(keys: UserKeys): Promise<string>;
  assumeWithKeys(keys: UserKeys, request: AssumeRoleRequest): Promise<AssumedRole>;
  /** GitHub's ID token for keyless mode, masked before this returns. */
  idToken(source: IdTokenSource, audience: string): Promise<string>;
  assumeWithWebIdentity(request: WebIdentityRequest): Promise<AssumedRole>;
}

export type OpenRoleSessions = (settings: SessionSettings) => RoleSessions;

/** Where botocore (SAM CLI, the AWS CLI) and the JS SDK look for the shared files, from the step's environment. */
export interface ProfilePaths {
  credentials: string;
  config: string;
}

/** The files the aws-profile input writes: they hold session credentials, so only their owner may read them. */
export interface ProfileStore {
  /** The file's text, or undefined when it does not exist. */
  read(file: string): Promise<string | undefined>;
  /** Replaces the file as a whole (mode 0600; missing folders are made with mode 0700). */
  write(file: string, text: string): Promise<void>;
  remove(file: string): Promise<void>;
  /**
   * Runs `edit` (its reads and writes of `files`) while no other step of this action, in any
   * process on the machine, edits them: runner services of one user share ~/.aws, and two steps
   * that each read, edit and rename a file would otherwise lose one of the two edits.
   */
  exclusive<T>(files: readonly string[], edit: () => Promise<T>): Promise<T>;
}

/** The aws-profile files: their store and where they are for this step. */
export interface ProfileFiles {
  store: ProfileStore;
  paths(env: Io['env']): ProfilePaths;
}

export type SamconfigRead =
  | { kind: 'none' }
  | { kind: 'document'; name: string; document: unknown }
  | { kind: 'unparsable'; name: string; message: string }
  | { kind: 'tooLarge'; name: string }
  | { kind: 'outsideWorkspace'; name: string }
  | { kind: 'unreadable'; name: string; message: string };

export interface SamconfigDeps {
  isFolder(folder: string): Promise<boolean>;
  /** Whether the folder's real path (symbolic links resolved) is within the workspace's. */
  isInWorkspace(workspace: string, folder: string): Promise<boolean>;
  readSamconfig(folder: string, names: readonly string[], workspace: string): Promise<SamconfigRead>;
}

export type TokenFileResult = { ok: true; token: string } | { ok: false; reason: string };

/** Calls `expire` after `ms`, then ends the process as aws-actions/configure-aws-credentials does; returns the cancel. */
export type ActionTimer = (ms: number, expire: () => void) => () => void;

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

export type LaunchServer = (config: Omit<CredentialsServerConfig, 'parentPid'>, options: LaunchOptions) => Promise<LaunchedServer>;

/** Everything the root action's run(io, deps) reaches outside itself. */
export interface AssumeRoleDeps extends SamconfigDeps {
  sessions: OpenRoleSessions;
  /** The aws-profile files, loaded only by a run that writes a profile. */
  profileFiles: () => Promise<ProfileFiles>;
  /** A value no other run uses, marking the profile sections this step writes as its own (a random UUID). */
  marker: () => string;
  /** An unguessable value (32 random bytes, base64url): the credentials server's token. */
  secretToken: () => string;
  /** Starts the credentials server (refresh-credentials), detached. */
  launchCredentialsServer: LaunchServer;
  /** action-timeout-s's timer. */
  actionTimer: ActionTimer;
  /** web-identity-token-file's reader, confined to the workspace. */
  readTokenFile(given: string, workspace: string | undefined): Promise<TokenFileResult>;
}

/** The credentials server this job's main step started, as its state records it. */
export interface ServerState {
  pid: number;
  port: number;
  nonce: string;
}

export type StopResult = 'stopped' | 'already gone' | 'not ours' | 'still running';

/** The post step's world: the aws-profile files and the server's stopper, each loaded only when used. */
export interface PostDeps {
  profileStore: () => Promise<ProfileStore>;
  stopServer: (server: ServerState) => Promise<StopResult>;
}
