import type { RoleArn } from '../shared/aws-names.js';
import type { SecretPlace } from './rotation-inputs.js';
import type { KeyState } from './rotation-plan.js';
import type { UserTag } from './rotation-tags.js';

/**
 * What the rotation does to IAM, STS and GitHub, as the adapters (src/adapters/iam-key-admin.ts,
 * github-secrets.ts) offer it; the tests give fakes. Every call has its own deadlines and retries
 * inside; a failure is thrown as the adapter's error and explained here.
 */
export interface NewAccessKey {
  accessKeyId: string;
  /** Registered as a secret by the adapter before it is returned. */
  secretAccessKey: string;
  createDate: Date;
}

export interface KeyAdmin {
  callerArn(): Promise<string>;
  accountOfCaller(): Promise<string>;
  listKeys(userName: string): Promise<KeyState[]>;
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
  /** When each named secret was last written (GitHub's updated_at); missing names are absent. */
  updatedAt(names: readonly string[]): Promise<Map<string, Date>>;
  /** Encrypts `value` with the place's public key and writes it. */
  write(name: string, value: string): Promise<void>;
}

export interface RotationDeps {
  keyAdmin: KeyAdmin;
  keyProbe: KeyProbe;
  /** Built only when a command needs GitHub (rotate), so revoke works without a token. */
  secretStore: (place: SecretPlace) => Promise<SecretStore>;
}

/** AWS's word for "this key is not known (yet)". */
export function isUnknownKey(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { failure?: { code?: unknown } }).failure?.code : undefined;
  return code === 'InvalidClientTokenId' || code === 'UnrecognizedClientException';
}
