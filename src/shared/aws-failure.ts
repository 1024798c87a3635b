/**
 * What went wrong in one AWS call, reduced to plain data, and whether trying again can help.
 * Knows the shapes of AWS SDK v3 service exceptions and Node network errors, not the SDK itself.
 */
export interface AwsFailure {
  /** The AWS error code (`AccessDenied`), the Node error code (`ECONNRESET`) or the error name. */
  code: string;
  message: string;
  httpStatus?: number;
  /** The SDK moved its clock to the server's after a skew error: the next attempt can succeed. */
  clockSkewCorrected: boolean;
  /** No answer from AWS at all: connection, DNS or timeout. */
  network: boolean;
}

export type FailureKind = 'transient' | 'permanent';

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN',
  'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EPROTO', 'UND_ERR_SOCKET', 'ERR_HTTP2_STREAM_ERROR',
]);
const NETWORK_NAMES = new Set(['TimeoutError', 'AbortError', 'RequestTimeout']);

const TRANSIENT_CODES = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'RequestThrottledException', 'TooManyRequestsException',
  'RequestLimitExceeded', 'RequestThrottled', 'SlowDown', 'PriorRequestNotComplete', 'BandwidthLimitExceeded',
  'EC2ThrottledException', 'ProvisionedThroughputExceededException', 'TransactionInProgressException',
  'IDPCommunicationError', 'InternalFailure', 'InternalError', 'ServiceUnavailable', 'ServiceUnavailableException',
  'RequestTimeout', 'RequestTimeoutException',
]);
const TRANSIENT_STATUS = new Set([429, 500, 502, 503, 504]);

const CLOCK_SKEW_CODES = new Set(['RequestTimeTooSkewed', 'RequestExpired', 'RequestInTheFuture']);

function field(error: unknown, name: string): unknown {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
}

export function toAwsFailure(error: unknown): AwsFailure {
  const metadata = field(error, '$metadata');
  const httpStatus = field(metadata, 'httpStatusCode');
  const nodeCode = field(error, 'code');
  const name = field(error, 'name');
  const awsCode = field(error, 'Code');
  const code = [awsCode, nodeCode, name].find((value): value is string => typeof value === 'string' && value !== '') ?? 'Error';
  const message = field(error, 'message');
  const network = (typeof nodeCode === 'string' && NETWORK_CODES.has(nodeCode)) || (typeof name === 'string' && NETWORK_NAMES.has(name) && httpStatus === undefined);
  return {
    code: typeof nodeCode === 'string' && NETWORK_CODES.has(nodeCode) ? nodeCode : code,
    message: typeof message === 'string' ? message : String(error),
    httpStatus: typeof httpStatus === 'number' ? httpStatus : undefined,
    clockSkewCorrected: field(metadata, 'clockSkewCorrected') === true,
    network,
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
  if (failure.network || TRANSIENT_CODES.has(failure.code)) return 'transient';
  if (failure.httpStatus !== undefined && TRANSIENT_STATUS.has(failure.httpStatus)) return 'transient';
  return isUnreadableAnswer(failure) ? 'transient' : 'permanent';
}
