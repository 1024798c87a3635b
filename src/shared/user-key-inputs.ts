import { ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, partitionOfRegion, type Partition } from './aws-names.js';
import type { InputParser } from './input-parser.js';
import { inputRules } from './messages/inputs.js';

/** The limited IAM user's long-lived key and the region, inputs shared by both actions. */
export interface UserKeyInputs {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  partition: Partition;
}

export const SECRET_INPUTS = ['aws-access-key-id', 'aws-secret-access-key'] as const;

/**
 * Values to register as masks before anything else happens: the value without the white space
 * around it, and each piece of a value that a bad paste broke across lines or spaces.
 */
export function masksFor(raw: string): string[] {
  const trimmed = raw.trim();
  if (trimmed === '') return [];
  const pieces = trimmed.split(/\s+/).filter((piece) => piece.length >= 4);
  return [...new Set([trimmed, ...pieces])];
}

/** A secret access key is 40 characters of mixed case; a key id is 20 of upper case and digits. */
function looksLikeSecretKey(value: string): boolean {
  return value.length >= 30 && SECRET_ACCESS_KEY.test(value) && /[a-z/+]/.test(value);
}

export function isComplete(keys: Partial<UserKeyInputs>): keys is UserKeyInputs {
  return keys.accessKeyId !== undefined && keys.secretAccessKey !== undefined && keys.region !== undefined && keys.partition !== undefined;
}

/** `temporary`: a session token was given with the key, so a temporary key (ASIA…) is what it goes with. */
export function parseUserKeyInputs(parser: InputParser, options: { temporary?: boolean } = {}): Partial<UserKeyInputs> {
  const accessKeyId = looksLikeSecretKey(parser.optional('aws-access-key-id') ?? '')
    ? parser.problem('aws-access-key-id', inputRules.keyIdIsSecret)
    : parser.credential('aws-access-key-id', ACCESS_KEY_ID, inputRules.accessKeyId);
  if (accessKeyId?.startsWith('ASIA') && !options.temporary) {
    parser.problem('aws-access-key-id', inputRules.keyIdTemporary);
  }
  const secretAccessKey = parser.credential('aws-secret-access-key', SECRET_ACCESS_KEY, inputRules.secretAccessKey);
  return { accessKeyId, secretAccessKey, ...parseRegion(parser) };
}

/** aws-region and its partition, which both modes of the root action and the key-age action read. */
export function parseRegion(parser: InputParser): { region?: string; partition?: Partition } {
  const region = parser.required('aws-region');
  if (region === undefined) return {};
  if (!REGION.test(region)) {
    parser.problem('aws-region', inputRules.region);
    return {};
  }
  return { region, partition: partitionOfRegion(region) };
}
