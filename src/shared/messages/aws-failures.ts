import { isClockSkew, type AwsFailure } from '../aws-failure.js';
import { keyHint, redact } from '../redact.js';
import type { CallFailed, RetryNotice } from '../retry.js';

/** What the messages may say about the call: never a secret, only the key's kind and last characters. */
export interface CallContext {
  /** `STS AssumeRole`, `IAM ListAccessKeys` */
  call: string;
  region: string;
  partition: string;
  accessKeyId: string;
  /** Values to cut out of any AWS text before it is printed. */
  secrets: readonly string[];
}

/**
 * AWS's own words, code first, so people can search for them. An answer without an AWS error in it
 * (a proxy's 502 page, a redirect) leaves the SDK with `Unknown`: then the HTTP status is all there is.
 */
export function awsSaid(failure: AwsFailure, secrets: readonly string[]): string {
  const unreadable =
    failure.code === 'Unknown' || failure.code === 'UnknownError' || failure.message === 'Unknown' || failure.message === '';
  if (unreadable && failure.httpStatus !== undefined) {
    return `HTTP ${failure.httpStatus}, with no AWS error in the answer (a redirect, a proxy's page, or an endpoint that is not AWS's)`;
  }
  return redact(`${failure.code}: ${failure.message}`, secrets);
}

/** The AWS error codes explainKeyFailure has its own message for. */
export const KEY_FAILURE_CODES = [
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
] as const;

/** Failures of the limited user's own key, the same whichever AWS call found them. */
export function explainKeyFailure(failure: AwsFailure, context: CallContext): string | undefined {
  const key = keyHint(context.accessKeyId);
  if (isClockSkew(failure)) {
    return (
      `${context.call} was refused because this machine's clock differs from AWS's by more than AWS allows (15 minutes). ` +
      `Set the runner's clock right (NTP on a self-hosted runner) and run the job again. AWS said: ${awsSaid(failure, context.secrets)}`
    );
  }
  switch (failure.code) {
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
      return (
        `AWS does not know the access key id in aws-access-key-id (${key}): the key was deleted or deactivated, ` +
        `or it belongs to another partition than aws-region's (${context.partition}). ` +
        `Create a new access key for the limited IAM user and store it where the workflow reads it (the guide's: gh secret set --env production). AWS said: ${awsSaid(failure, context.secrets)}`
      );
    case 'SignatureDoesNotMatch':
      return (
        `The secret in aws-secret-access-key does not belong to the access key id ${key}: AWS computed a different signature. ` +
        `Copy the secret access key again, whole, where the workflow reads it (the guide's: gh secret set --env production AWS_SECRET_ACCESS_KEY); if it is lost, create a new access key. AWS said: ${awsSaid(failure, context.secrets)}`
      );
    case 'ExpiredToken':
    case 'ExpiredTokenException':
      return (
        `AWS says the security token of the request has expired, which happens only with temporary credentials. ` +
        `Store the limited IAM user's own long-lived access key (AKIA…) in the secrets the workflow reads (the guide's: the production environment's), not credentials from an earlier assume-role or SSO session. AWS said: ${awsSaid(failure, context.secrets)}`
      );
    default:
      return undefined;
  }
}

/** A call that kept failing with errors that usually heal (throttling, 5xx, network) until attempts or time ran out. */
export function explainGaveUp(failed: CallFailed, context: CallContext): string {
  const seconds = (failed.elapsedMs / 1000).toFixed(1);
  const endpoint = context.call.startsWith('IAM') ? 'AWS_ENDPOINT_URL_IAM' : 'AWS_ENDPOINT_URL_STS';
  const where = context.call.startsWith('IAM') ? 'IAM' : `STS in aws-region (${context.region})`;
  const network = failed.failure.network
    ? ` No answer came from AWS: check that this runner can reach ${where} (or ${endpoint} / AWS_ENDPOINT_URL, if set).`
    : ' This is usually temporary (throttling or an AWS service problem): run the job again.';
  return (
    `${context.call} failed ${failed.attempts} time${failed.attempts === 1 ? '' : 's'} in ${seconds} s, ` +
    `${failed.reason === 'time' ? 'and the time allowed for it ran out' : 'and no attempts are left (retry-max-attempts)'}.` +
    `${network} Last error: ${awsSaid(failed.failure, context.secrets)}`
  );
}

/**
 * What every call's failure message starts from: a transient error that did not heal, or a problem
 * with the key itself. Undefined when the caller has to explain the error for its own call.
 */
export function explainCommonFailure(failed: CallFailed, context: CallContext): string | undefined {
  if (failed.reason !== 'permanent') return explainGaveUp(failed, context);
  return explainKeyFailure(failed.failure, context);
}

/** The log line before another attempt of a call that failed with an error that usually heals. */
export function retryLine(call: string, notice: RetryNotice, secrets: readonly string[]): string {
  const which = notice.throttled ? `attempt ${notice.attempt} was throttled` : `attempt ${notice.attempt} of ${notice.maxAttempts} failed`;
  return `${call}: ${which} (${awsSaid(notice.failure, secrets)}); trying again in ${(notice.delayMs / 1000).toFixed(1)} s`;
}

/** An answer that lacks what the call is for: `STS AssumeRole answered without complete credentials`. */
export function incompleteAnswer(call: string, missing: string): string {
  return `${call} answered without ${missing}`;
}

export function pagesNeverEnded(call: string, pages: number): string {
  return `${call} was still not done after ${pages} pages`;
}

export const callerWithoutAccount = 'STS GetCallerIdentity answered with an ARN that names no account';
