import { ACCESS_KEY_ID, REGION, SECRET_ACCESS_KEY, partitionOfRegion, type Partition } from './aws-names.js';
import type { InputParser } from './input-parser.js';

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

export function parseUserKeyInputs(parser: InputParser): Partial<UserKeyInputs> {
  const accessKeyId = looksLikeSecretKey(parser.optional('aws-access-key-id') ?? '')
    ? parser.problem('aws-access-key-id', 'looks like a secret access key, not a key id: are the two secrets swapped?')
    : parser.credential('aws-access-key-id', ACCESS_KEY_ID, 'must be an AWS access key id: 16 to 128 upper-case letters and digits, like AKIA followed by 16 characters');
  if (accessKeyId?.startsWith('ASIA')) {
    parser.problem('aws-access-key-id', 'is a temporary key (ASIA…), which needs a session token; give the limited IAM user\'s long-lived key (AKIA…)');
  }
  const secretAccessKey = parser.credential('aws-secret-access-key', SECRET_ACCESS_KEY, 'must be an AWS secret access key: letters, digits, / + and =, usually 40 characters');
  const region = parser.required('aws-region');
  if (region !== undefined && !REGION.test(region)) {
    parser.problem('aws-region', `must be an AWS region code such as us-east-1 or eu-west-2`);
    return { accessKeyId, secretAccessKey };
  }
  return { accessKeyId, secretAccessKey, region, partition: region === undefined ? undefined : partitionOfRegion(region) };
}
