import { decodeJwt } from 'jose';

/**
 * The claims of GitHub's OIDC ID token that keyless mode explains failures with. The token is
 * decoded, never verified (STS verifies it), so every claim is outside text: each one is checked
 * against its shape before it may appear in a message, and a token that fails is not explained.
 */
export interface WebIdentityClaims {
  /** `https://token.actions.githubusercontent.com`, or with an enterprise's own suffix. */
  issuer: string;
  audiences: string[];
  subject: string;
  /** OWNER/REPO */
  repository?: string;
  /** refs/heads/main, refs/tags/v1, refs/pull/7/merge */
  ref?: string;
  environment?: string;
  eventName?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  issuedAt?: number;
}

/** Printable text without control characters, quotes or backslashes, at most `max` characters. */
const safeText = (max: number) => new RegExp(`^[\\x21\\x23-\\x5b\\x5d-\\x7e][\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]{0,${max - 1}}$`);
const ISSUER = /^https:\/\/[a-z0-9.-]+(:\d{1,5})?(\/[\w.~-]+)*$/;
const SUBJECT = safeText(512);
const AUDIENCE = safeText(256);
const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
const REF = /^refs\/[\x21-\x7e]{1,500}$/;
const ENVIRONMENT = safeText(255);
const EVENT_NAME = /^[a-z_]{1,64}$/;

function optionalShaped(value: unknown, shape: RegExp): string | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  return typeof value === 'string' && shape.test(value) ? value : null;
}

function seconds(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The claims of a compact JWT, or undefined when it is not one or a claim has an unexpected shape. */
export function decodeWebIdentityClaims(token: string): WebIdentityClaims | undefined {
  let payload: Record<string, unknown>;
  try {
    payload = decodeJwt(token);
  } catch {
    return undefined;
  }
  const { iss, sub, aud, exp, iat } = payload;
  const audiences = typeof aud === 'string' ? [aud] : aud;
  if (typeof iss !== 'string' || !ISSUER.test(iss) || typeof sub !== 'string' || !SUBJECT.test(sub)) return undefined;
  if (!Array.isArray(audiences) || audiences.length === 0 || !audiences.every((one) => typeof one === 'string' && AUDIENCE.test(one)))
    return undefined;
  const expiresAt = seconds(exp);
  if (expiresAt === undefined || (iat !== undefined && seconds(iat) === undefined)) return undefined;
  const repository = optionalShaped(payload.repository, REPOSITORY);
  const ref = optionalShaped(payload.ref, REF);
  const environment = optionalShaped(payload.environment, ENVIRONMENT);
  const eventName = optionalShaped(payload.event_name, EVENT_NAME);
  if (repository === null || ref === null || environment === null || eventName === null) return undefined;
  return { issuer: iss, audiences, subject: sub, repository, ref, environment, eventName, expiresAt, issuedAt: seconds(iat) };
}

/** `token.actions.githubusercontent.com`: the issuer without its scheme, as IAM names the provider and its condition keys. */
export function providerHostPath(issuer: string): string {
  return issuer.replace(/^https:\/\//, '');
}
