import type { RoleArn } from '../shared/aws-names.js';

/**
 * The rotation's domain types and ports, types only: the adapters that implement the ports
 * (src/adapters/iam-key-admin.ts, github-secrets.ts, credential-chain.ts) import them from here,
 * the rotation's messages (rotation/messages/) describe them. A failed secret write is the error
 * class shared/secret-write-failed.ts.
 */

export interface KeyState {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
  lastUsed?: Date;
  lastUsedService?: string;
  lastUsedRegion?: string;
}

export type Refusal =
  | { why: 'caller-is-target'; callerArn: string }
  | { why: 'secret-missing'; missing: Array<'id' | 'secret'> }
  | { why: 'no-keys' }
  | { why: 'secrets-older-than-key'; key: KeyState; which: 'id' | 'secret'; storedAt: Date }
  | { why: 'two-active-not-ours'; newer: KeyState; older: KeyState }
  | { why: 'secret-without-id'; newKey: KeyState }
  | { why: 'old-key-in-use'; oldKey: KeyState; newKey: KeyState; storedAt: Date }
  | { why: 'inactive-not-ours'; key: KeyState }
  | { why: 'used-after-deactivation'; key: KeyState; deactivatedAt: Date }
  | { why: 'no-active-key'; keys: KeyState[]; dueAt: Date };

export type NothingDue =
  | { why: 'waiting-for-use'; newKey: KeyState; oldKey: KeyState; storedAt: Date }
  | { why: 'rotation-in-progress'; newKey: KeyState; recoverAfter: Date }
  | { why: 'waiting-to-delete'; key: KeyState; deactivatedAt: Date; dueAt: Date };

export interface Repository {
  owner: string;
  repo: string;
}

/** Where the two secrets live: the repository's own, or one of its environments'. */
export interface SecretPlace {
  repository: Repository;
  environment?: string;
}

/**
 * How a key is provably ours: user tags the tool writes and nobody else has reason to write.
 * The key a rotation creates is tagged with its own id as the tag key, the way the IAM console
 * stores a key's description, so the console shows who made it. A key the tool deactivates gets a
 * second tag with the time, from which the grace period before deletion is counted.
 */
export interface UserTag {
  key: string;
  value: string;
}

/**
 * What the rotation does to IAM, STS and GitHub, as the adapters (src/adapters/iam-key-admin.ts,
 * github-secrets.ts) offer it; the tests give fakes. Every call has its own deadlines and retries
 * inside; a failure is thrown as the adapter's error and explained by the rotation.
 */
export interface NewAccessKey {
  accessKeyId: string;
  /** Registered as a secret by the adapter before it is returned. */
  secretAccessKey: string;
  createDate: Date;
}

export interface KeyAdmin {
  /** AWS's time: the local clock corrected by the `Date` of AWS's latest answer. */
  now(): Date;
  callerArn(): Promise<string>;
  accountOfCaller(): Promise<string>;
  /** With each key's last use unless `lastUse` is false (revoke deactivates before it reads anything else). */
  listKeys(userName: string, options?: { lastUse?: boolean }): Promise<KeyState[]>;
  userTags(userName: string): Promise<Map<string, string>>;
  createKey(userName: string): Promise<NewAccessKey>;
  setKeyStatus(userName: string, accessKeyId: string, status: 'Active' | 'Inactive'): Promise<void>;
  deleteKey(userName: string, accessKeyId: string): Promise<void>;
  tagUser(userName: string, tags: UserTag[]): Promise<void>;
  untagUser(userName: string, keys: string[]): Promise<void>;
  putRolePolicy(roleName: string, policyName: string, document: string): Promise<void>;
}

/** Calls signed with the new key itself, to prove it works before anything stores it. */
export interface KeyProbe {
  /** The ARN the key belongs to; AWS rejects a new key with InvalidClientTokenId for a few seconds. */
  callerArn(key: NewAccessKey, region: string): Promise<string>;
  /** AssumeRole on the deploy role with the new key; the session's secrets are masked, then dropped. */
  assumeRole(key: NewAccessKey, role: RoleArn, region: string): Promise<string>;
}

export interface SecretStore {
  /** GitHub's time: the local clock corrected by the `Date` of GitHub's latest answer. */
  now(): Date;
  /** When each named secret was last written (GitHub's updated_at); missing names are absent. */
  updatedAt(names: readonly string[]): Promise<Map<string, Date>>;
  /** Encrypts `value` with the place's public key and writes it; a failure is a SecretWriteFailed. */
  write(name: string, value: string): Promise<void>;
}

export interface RotationDeps {
  keyAdmin: KeyAdmin;
  keyProbe: KeyProbe;
  /** Built only when a command needs GitHub (rotate), so revoke works without a token. */
  secretStore: (place: SecretPlace) => Promise<SecretStore>;
}
