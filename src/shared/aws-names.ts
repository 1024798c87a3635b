/** Shapes of AWS names and identifiers, as IAM and STS define them. */

export const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'] as const;
export type Partition = (typeof PARTITIONS)[number];

export const REGION = /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/;
export const ACCOUNT_ID = /^\d{12}$/;
export const ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;
export const SECRET_ACCESS_KEY = /^[A-Za-z0-9/+=]{16,128}$/;
/** STS session tokens are long base64; no white space. */
export const SESSION_TOKEN = /^[A-Za-z0-9/+=]{16,8192}$/;
/** An IAM user name (without its path). */
export const IAM_USER_NAME = /^[\w+=,.@-]{1,64}$/;
/** RoleSessionName and SourceIdentity share this alphabet. */
export const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;
export const SESSION_NAME_CHAR = /[\w+=,.@-]/;
export const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const IAM_PATH_SEGMENT = /^[\x21-\x2e\x30-\x7e]+$/;

const REGION_PREFIX_PARTITIONS: Array<[string, Partition]> = [
  ['cn-', 'aws-cn'],
  ['us-gov-', 'aws-us-gov'],
  ['us-isob-', 'aws-iso-b'],
  ['us-isof-', 'aws-iso-f'],
  ['us-iso-', 'aws-iso'],
  ['eu-isoe-', 'aws-iso-e'],
  ['eusc-', 'aws-eusc'],
];

export function partitionOfRegion(region: string): Partition {
  return REGION_PREFIX_PARTITIONS.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

function isPartition(value: string): value is Partition {
  return (PARTITIONS as readonly string[]).includes(value);
}

export interface RoleArn {
  arn: string;
  partition: Partition;
  account: string;
  /** '/' or '/a/b/' */
  path: string;
  name: string;
}

/** `path/name` after `role/`: the path is optional, the name is the last segment. */
function splitRolePathAndName(resource: string): { path: string; name: string } | undefined {
  const segments = resource.split('/');
  const name = segments.pop() ?? '';
  if (!ROLE_NAME.test(name)) return undefined;
  if (segments.some((segment) => !IAM_PATH_SEGMENT.test(segment))) return undefined;
  const path = segments.length === 0 ? '/' : `/${segments.join('/')}/`;
  return path.length <= 512 ? { path, name } : undefined;
}

export function parseRoleArn(value: string): RoleArn | undefined {
  const match = /^arn:([a-z-]+):iam::(\d{12}):role\/(.+)$/.exec(value);
  if (!match) return undefined;
  const [, partition = '', account = '', resource = ''] = match;
  if (!isPartition(partition)) return undefined;
  const parts = splitRolePathAndName(resource);
  return parts && { arn: value, partition, account, ...parts };
}

/** A role given without an ARN: `name` or `path/name`, in the account of the keys. */
export function parseBareRoleName(value: string): { path: string; name: string } | undefined {
  return value.startsWith('arn:') || value.startsWith('/') ? undefined : splitRolePathAndName(value);
}

export function roleArnFor(partition: Partition, account: string, role: { path: string; name: string }): RoleArn {
  return { arn: `arn:${partition}:iam::${account}:role${role.path}${role.name}`, partition, account, ...role };
}

export const MANAGED_POLICY_ARN =
  /^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):iam::(\d{12}|aws):policy\/([\x21-\x7e]+\/)?[\w+=,.@-]{1,128}$/;

/** The account in an IAM or STS ARN (`arn:aws:sts::123456789012:assumed-role/…`). */
export function accountOfArn(arn: string): string | undefined {
  return /^arn:[a-z-]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

/** What botocore and the JS SDK accept as a profile name, without quoting or white space. */
export const PROFILE_NAME = /^[\w+=,.@-]{1,64}$/;
