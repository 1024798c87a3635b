import { nonceMark, type CredentialsServerConfig } from '../shared/credentials-server-config.js';
import type { ServerConfig } from './ports.js';

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The config the main step wrote to the server's stdin, checked before anything is served: a
 * server that cannot tell what it serves, or for whom, does not start. The nonce must be the one
 * whose mark (nonceMark) is in the server's own argv.
 */
export function parseServerConfig(text: string, mark: string): ServerConfig | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return 'its stdin is not the config';
  }
  if (!isRecord(raw)) return 'its stdin is not the config';
  const { session, source } = raw;
  if (!isText(raw.token) || !isText(raw.path) || !raw.path.startsWith('/') || !isText(raw.region))
    return 'the config lacks the token, the path or the region';
  if (!isText(raw.nonce) || nonceMark(raw.nonce) !== mark) return 'the config is not for this process';
  if (!Number.isSafeInteger(raw.parentPid) || !Number.isSafeInteger(raw.retryMaxAttempts) || typeof raw.lifetimeMs !== 'number')
    return 'the config lacks its limits';
  if (
    !isRecord(session) ||
    !isText(session.accessKeyId) ||
    !isText(session.secretAccessKey) ||
    !isText(session.sessionToken) ||
    !isText(session.expiration)
  ) {
    return 'the config lacks the current session';
  }
  const expiration = new Date(session.expiration);
  if (Number.isNaN(expiration.getTime())) return "the session's expiration is not a date";
  const keys = isRecord(source) && source.kind === 'keys' && isText(source.accessKeyId) && isText(source.secretAccessKey);
  const keyless =
    isRecord(source) &&
    source.kind === 'keyless' &&
    isText(source.idTokenRequestUrl) &&
    isText(source.idTokenRequestToken) &&
    isText(source.audience);
  if (!(keys || keyless) || !isRecord(source.request) || !isText(source.request.RoleArn))
    return 'the config does not say how to re-assume the role';
  if (!isRecord(raw.stsEndpoint) || !isRecord(raw.proxy) || !Array.isArray(raw.secrets))
    return 'the config lacks the endpoint, proxy or secrets';
  const config = raw as unknown as CredentialsServerConfig;
  return { ...config, secrets: config.secrets.filter(isText), session: { ...config.session, expiration } };
}
