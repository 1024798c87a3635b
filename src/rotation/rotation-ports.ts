import type { KeyAdmin, KeyProbe, NewAccessKey, SecretPlace, SecretStore } from '../shared/key-rotation-types.js';

/** The ports themselves live in shared/ (the adapters implement them); the rotation wires them here. */
export type { KeyAdmin, KeyProbe, NewAccessKey, SecretStore };

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
