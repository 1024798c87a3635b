// @ts-check
/** The fake GitHub's sealed secrets (fake-github-secrets.js): opened with the place's private key, stored with GitHub's timestamps. */
import sodium from 'libsodium-wrappers';

/**
 * @typedef {object} SecretRecord
 * @property {string} value the opened plaintext
 * @property {Date} createdAt
 * @property {Date} updatedAt
 */

/**
 * Opens and stores a PUT's sealed value; false when it does not match the place's key.
 * @param {{ keyPair: { publicKey: Uint8Array, privateKey: Uint8Array }, keyId: string, secrets: Map<string, SecretRecord> }} state
 * @param {string} name @param {string} body @param {Date} at
 */
export function storeSecretIn(state, name, body, at) {
  const { encrypted_value: encrypted, key_id: keyId } = JSON.parse(body || '{}');
  if (keyId !== state.keyId || typeof encrypted !== 'string') return false;
  const opened = sodium.crypto_box_seal_open(
    sodium.from_base64(encrypted, sodium.base64_variants.ORIGINAL),
    state.keyPair.publicKey,
    state.keyPair.privateKey,
  );
  const existing = state.secrets.get(name.toUpperCase());
  state.secrets.set(name.toUpperCase(), { value: sodium.to_string(opened), createdAt: existing?.createdAt ?? at, updatedAt: at });
  return existing;
}

/** @param {Date} date GitHub's timestamps: ISO 8601 to the second */
export function iso(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
