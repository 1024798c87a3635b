import type { Partition } from './aws-names.js';

/**
 * IAM is global: one endpoint per partition, and requests are signed for that partition's IAM
 * region whatever region the user works in. The SDK's endpoint rules say the same for AWS's own
 * endpoints; giving the client this region also signs right for AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL,
 * where the SDK signs for the client's region.
 */
const IAM_SIGNING_REGIONS: Record<Partition, string> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1',
  'aws-iso': 'us-iso-east-1',
  'aws-iso-b': 'us-isob-east-1',
  'aws-iso-e': 'eu-isoe-west-1',
  'aws-iso-f': 'us-isof-south-1',
  'aws-eusc': 'eusc-de-east-1',
};

export function iamSigningRegion(partition: Partition): string {
  return IAM_SIGNING_REGIONS[partition];
}
