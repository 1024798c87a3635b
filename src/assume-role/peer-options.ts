import type { InputParser } from '../shared/input-parser.js';
import { peerInputRules } from './messages/peer-inputs.js';

/** Inputs of aws-actions/configure-aws-credentials that both modes take, with its meaning. */
export interface PeerOptions {
  /** Blank the credentials an earlier step exported, before anything else. */
  unsetCurrentCredentials: boolean;
  /** Skip the run when the environment already holds valid credentials of the role's account. */
  useExistingCredentials: boolean;
  /** The step fails after this many seconds; undefined (or 0 given) for no limit. */
  actionTimeoutSeconds?: number;
  /** Replaces AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL and AWS's regional endpoint. */
  stsEndpoint?: string;
  retryMaxAttempts: number;
}

/** A GitHub job runs for at most 6 hours. */
const MAX_TIMEOUT_SECONDS = 6 * 3600;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https://HOST[:PORT][/PATH] with nothing that could hide a credential or break a log line; http:// only to this machine. */
export function isStsEndpoint(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  if (value.length > 2048 || /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  const plain = url.username === '' && url.password === '' && url.search === '' && url.hash === '' && url.hostname !== '';
  return plain && (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)));
}

export function parsePeerOptions(parser: InputParser, retryMaxAttempts: number): PeerOptions {
  const unsetCurrentCredentials = parser.boolean('unset-current-credentials', false);
  const useExistingCredentials = parser.boolean('use-existing-credentials', false);
  if (unsetCurrentCredentials && useExistingCredentials) parser.problem('use-existing-credentials', peerInputRules.existingWithUnset);
  const timeout = parser.wholeNumber('action-timeout-s', 0, 0, MAX_TIMEOUT_SECONDS);
  const stsEndpoint = parser.optional('sts-endpoint');
  if (stsEndpoint !== undefined && !isStsEndpoint(stsEndpoint)) parser.problem('sts-endpoint', peerInputRules.stsEndpoint);
  // As in the peer, disable-retry wins over retry-max-attempts (which the runner always passes, with its default).
  const disableRetry = parser.boolean('disable-retry', false);
  if (parser.boolean('special-characters-workaround', false))
    parser.problem('special-characters-workaround', peerInputRules.specialCharactersWorkaround);
  return {
    unsetCurrentCredentials,
    useExistingCredentials,
    actionTimeoutSeconds: timeout === 0 ? undefined : timeout,
    stsEndpoint,
    retryMaxAttempts: disableRetry ? 1 : retryMaxAttempts,
  };
}

/** The environment the STS clients read their endpoint from, with sts-endpoint taking the place of AWS_ENDPOINT_URL_STS. */
export function withStsEndpoint(
  env: Readonly<Record<string, string | undefined>>,
  stsEndpoint: string | undefined,
): Readonly<Record<string, string | undefined>> {
  return stsEndpoint === undefined ? env : { ...env, AWS_ENDPOINT_URL_STS: stsEndpoint };
}
