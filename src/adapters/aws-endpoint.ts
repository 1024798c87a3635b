import type { IAMClient } from '@aws-sdk/client-iam';
import type { STSClient } from '@aws-sdk/client-sts';
import type { Io } from '../shared/io.js';
import { actionLog } from '../shared/messages/action-log.js';
import { redact } from '../shared/redact.js';
import type { Secrets } from '../shared/secrets.js';

/**
 * The endpoint a client should use, from the step's environment (io.env, not process.env): the
 * service's own AWS_ENDPOINT_URL_<SERVICE>, else AWS_ENDPOINT_URL, else undefined for AWS's own.
 */
export function endpointFromEnv(env: Io['env'], service: 'STS' | 'IAM'): string | undefined {
  const value = env[`AWS_ENDPOINT_URL_${service}`] || env.AWS_ENDPOINT_URL;
  return value === '' ? undefined : value;
}

/** AWS's own endpoints: `https://sts.eu-west-1.amazonaws.com`, `https://iam.amazonaws.com`, each partition's DNS suffix. */
const AWS_DEFAULT_HOST =
  /^(sts|iam)(\.[a-z0-9-]+)?\.(amazonaws\.com|amazonaws\.com\.cn|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov|amazonaws\.eu)$/;

interface SentRequest {
  protocol?: string;
  hostname?: string;
  port?: number;
  path?: string;
}

function urlOf(request: SentRequest): string {
  const port = request.port === undefined ? '' : `:${request.port}`;
  const path = request.path && request.path !== '/' ? request.path : '';
  return `${request.protocol ?? 'https:'}//${request.hostname ?? ''}${port}${path}`;
}

function isAwsDefault(request: SentRequest): boolean {
  return (request.protocol ?? 'https:') === 'https:' && request.port === undefined && AWS_DEFAULT_HOST.test(request.hostname ?? '');
}

/** The one middleware shape used here; the SDK's own overloads differ per client. */
interface BuildStepStack {
  add(
    middleware: (
      next: (args: { request: unknown }) => Promise<unknown>,
      context: { commandName?: string },
    ) => (args: { request: unknown }) => Promise<unknown>,
    options: { step: 'build'; name: string },
  ): void;
}

/**
 * Logs one line (the call, its URL cleaned of secrets, `where`) per endpoint that is not AWS's default, before the request goes
 * out, however the SDK chose it: AWS_ENDPOINT_URL*, or an `endpoint_url` in the AWS config file,
 * which the SDK follows without a word. The signed request then goes there, so the log says so.
 */
export function announceEndpoint(
  client: STSClient | IAMClient,
  service: 'STS' | 'IAM',
  io: Pick<Io, 'info'>,
  secrets: Secrets,
  /** What the default endpoint would have been chosen for: the region, or `partition aws`. */
  where: string,
): void {
  const notice = (call: string, url: string) => io.info(actionLog.endpoint(call, redact(url, secrets.values), where));
  const announced = new Set<string>();
  (client.middlewareStack as unknown as BuildStepStack).add(
    (next, context) => async (args) => {
      const request = args.request as SentRequest;
      if (!isAwsDefault(request)) {
        const url = urlOf(request);
        if (!announced.has(url)) {
          announced.add(url);
          notice(`${service} ${(context.commandName ?? '').replace(/Command$/, '')}`, url);
        }
      }
      return next(args);
    },
    { step: 'build', name: 'announceNonDefaultEndpoint' },
  );
}
