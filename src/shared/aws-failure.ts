/**
 * What went wrong in one AWS call, reduced to plain data, and whether trying again can help.
 * The SDK's own classification (@smithy/service-error-classification) says what is throttling and
 * what is transient; our decisions sit on top: clock skew heals only once the SDK corrected its
 * clock, a 2xx answer the SDK could not read is worth another try, and a few more network errors
 * (undici's, a dropped HTTP/2 stream) count as no answer.
 */
import { isThrottlingError, isTransientError } from '@smithy/service-error-classification';

export interface AwsFailure {
  /** The AWS error code (`AccessDenied`), the Node error code (`ECONNRESET`) or the error name. */
  code: string;
  message: string;
  httpStatus?: number;
  /** The SDK moved its clock to the server's after a skew error: the next attempt can succeed. */
  clockSkewCorrected: boolean;
  /** No answer from AWS at all: connection, DNS or timeout. */
  network: boolean;
  /** AWS (or a 429) said to slow down. */
  throttling: boolean;
  /** The SDK's verdict: an error that usually heals (5xx, timeouts, throttling, broken connections). */
  sdkTransient: boolean;
}

export type FailureKind = 'transient' | 'permanent';

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPROTO',
  'UND_ERR_SOCKET',
  'ERR_HTTP2_STREAM_ERROR',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);

/** Transient for us although the SDK's lists leave them out: STS's identity-provider hiccup, AWS's 5xx codes without a status. */
const ALSO_TRANSIENT_CODES = new Set([
  'IDPCommunicationError',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);
/** Permanent for us although the SDK calls it throttling: a quota, which waiting does not raise. */
const NOT_TRANSIENT_CODES = new Set(['LimitExceededException']);

const CLOCK_SKEW_CODES = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture']);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

type SdkError = Parameters<typeof isTransientError>[0];

function sdkVerdicts(error: unknown): { throttling: boolean; transient: boolean } {
  if (typeof error !== 'object' || error === null) return { throttling: false, transient: false };
  const sdkError = error as SdkError;
  const throttling = isThrottlingError(sdkError);
  return { throttling, transient: throttling || isTransientError(sdkError) };
}

export function toAwsFailure(error: unknown): AwsFailure {
  const metadata = field(error, '$metadata');
  const httpStatus = field(metadata, 'httpStatusCode');
  const nodeCode = field(error, 'code');
  const name = field(error, 'name');
  const awsCode = field(error, 'Code');
  const code = [awsCode, nodeCode, name].find((value): value is string => typeof value === 'string' && value !== '') ?? 'Error';
  const message = field(error, 'message');
  const networkCode = typeof nodeCode === 'string' && NETWORK_CODES.has(nodeCode);
  const network = networkCode || (typeof name === 'string' && NETWORK_NAMES.has(name) && httpStatus === undefined);
  const sdk = sdkVerdicts(error);
  return {
    code: networkCode ? nodeCode : code,
    message: typeof message === 'string' ? message : String(error),
    httpStatus: typeof httpStatus === 'number' ? httpStatus : undefined,
    clockSkewCorrected: field(metadata, 'clockSkewCorrected') === true,
    network,
    throttling: sdk.throttling,
    sdkTransient: sdk.transient,
  };
}

export function isClockSkew(failure: AwsFailure): boolean {
  return CLOCK_SKEW_CODES.has(failure.code) || /signature (expired|not yet current)/i.test(failure.message);
}

/** A 2xx answer the SDK could not read (a proxy's page, a cut-off body): worth another try. */
function isUnreadableAnswer(failure: AwsFailure): boolean {
  return failure.httpStatus !== undefined && failure.httpStatus >= 200 && failure.httpStatus < 300;
}

export function classifyFailure(failure: AwsFailure): FailureKind {
  if (isClockSkew(failure)) return failure.clockSkewCorrected ? 'transient' : 'permanent';
  if (NOT_TRANSIENT_CODES.has(failure.code)) return 'permanent';
  if (failure.network || failure.sdkTransient || ALSO_TRANSIENT_CODES.has(failure.code)) return 'transient';
  return isUnreadableAnswer(failure) ? 'transient' : 'permanent';
}
