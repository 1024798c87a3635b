/**
 * The key-age action's ports: what its run(io, deps) asks of the world, as types only. The adapters
 * implement them (src/adapters/iam-key-reader.ts, github-issues.ts) and src/entries/ wires them.
 */
import type { Partition } from '../shared/aws-names.js';
import type { Io } from '../shared/io.js';
import type { ProxyVariables } from '../shared/proxy-settings.js';
import type { Secrets } from '../shared/secrets.js';

export interface AccessKeyRecord {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
}

/** IAM's last-use record as it answered, unchecked. */
export interface LastUseRecord {
  date?: Date;
  service?: string;
  region?: string;
}

export interface OwnAccessKeys {
  keys: AccessKeyRecord[];
  userName?: string;
}

/** The limited user's own key, or a role session's credentials from the environment (with user-name). */
export interface SigningKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  partition: Partition;
  region: string;
}

/** What every call of one run shares: where the log and the masks go, the endpoint, the proxy, the retries. */
export interface KeyReadSettings {
  io: Io;
  secrets: Secrets;
  env: Io['env'];
  proxy: ProxyVariables;
  maxAttempts: number;
}

/**
 * IAM's answers about one user's keys, and STS's about whose keys sign. Every call is under the
 * run's retry policy with its deadlines, announces an endpoint that is not AWS's own, and fails
 * with a CallFailed (shared/retry.ts) that the feature explains.
 */
export interface KeyReader {
  /** Every key of `userName`, or of the user who signs when no name is given. */
  ownKeys(userName?: string): Promise<OwnAccessKeys>;
  lastUse(accessKeyId: string): Promise<LastUseRecord>;
  /** GetCallerIdentity's ARN (no permission needed): STS is loaded only by a run that asks. */
  callerArn(): Promise<string>;
}

export type OpenKeyReader = (keys: SigningKeys, settings: KeyReadSettings) => KeyReader;

/** An open issue as the tracking issue needs it: who created it decides whether it can be ours. */
export interface OwnedIssue {
  number: number;
  body: string;
  /** The login of the issue's creator (`user.login`). */
  author: string;
}

export interface Repository {
  owner: string;
  repo: string;
}

/**
 * The issue calls the tracking issue needs. A call that fails for good rejects with a
 * GitHubCallFailed (shared/github-failure.ts) or GitHub's own HTTP error (with its `status`).
 */
export interface IssueTracker {
  /**
   * The login of the token's own identity: `github-actions[bot]` for the workflow's GITHUB_TOKEN,
   * the user's login for a personal access token.
   */
  viewerLogin(): Promise<string>;
  /** Open issues, not pull requests, that `login` created: GitHub filters, the feature checks again. */
  listOpenBy(login: string): Promise<OwnedIssue[]>;
  create(title: string, body: string): Promise<number>;
  update(number: number, title: string, body: string): Promise<void>;
  comment(number: number, body: string): Promise<void>;
  close(number: number, reason: 'completed' | 'not_planned'): Promise<void>;
}

export type OpenIssueTracker = (token: string, repository: Repository, env: Io['env']) => Promise<IssueTracker>;

/** Everything the key-age action's run(io, deps) reaches outside itself. */
export interface KeyAgeDeps {
  keyReader: OpenKeyReader;
  /** Loaded only when a tracking issue is written, so a run without one never loads the GitHub client. */
  issueTracker: OpenIssueTracker;
}
