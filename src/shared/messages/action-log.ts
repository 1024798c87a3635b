/** Info and debug lines of the two actions' successful paths. */
export const actionLog = {
  signing: (keyHint: string, region: string) => `Signing with access key ${keyHint} for ${region}`,
  assumed: (assumedRoleArn: string, expiration: Date) => `Assumed ${assumedRoleArn}; the credentials expire at ${expiration.toISOString()}`,
  /** `url` is cleaned by the caller: it comes from the environment or the AWS config file. */
  endpoint: (call: string, url: string, where: string) =>
    `${call} goes to ${url}, not AWS's default endpoint for ${where} (set by an AWS_ENDPOINT_URL variable or endpoint_url in the AWS config)`,
  blanked: 'Blanked the exported AWS credentials',
  readingKeys: (keyHint: string, partition: string) =>
    `Reading the access keys of the user of ${keyHint} from IAM in partition ${partition}`,
};
