import type { Io } from '../shared/io.js';

/**
 * The endpoint a client should use, from the step's environment (io.env, not process.env): the
 * service's own AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else undefined for AWS's own.
 */
export function endpointFromEnv(env: Io['env'], service: 'STS' | 'IAM'): string | undefined {
  const value = env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL;
  return value === '' ? undefined : value;
}
