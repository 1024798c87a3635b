/** Info and debug lines of the two actions' successful paths. */
export const actionLog = {
  signing: (keyHint: string, region: string) => `Signing with access key ${keyHint} for ${region}`,
  assumed: (assumedRoleArn: string, expiration: Date) => `Assumed ${assumedRoleArn}; the credentials expire at ${expiration.toISOString()}`,
  blanked: 'Blanked the exported AWS credentials',
  readingKeys: (keyHint: string, partition: string) => `Reading the access keys of the user of ${keyHint} from IAM in partition ${partition}`,
};
