/**
 * When the server re-assumes the role. botocore (SAM CLI, the AWS CLI, boto3) refreshes container
 * credentials in its advisory window (15 minutes before expiry) and insists in its mandatory one
 * (10 minutes); the JS SDK v3 from 5 minutes. Re-assuming once less than min(15 minutes, half the
 * session's lifetime) is left means a client is handed a session inside those windows only when
 * the role allows nothing longer, and never one that has expired.
 */
const REFRESH_LEAD_MAX_MS = 15 * 60 * 1000;

/** A failed refresh is tried again after a quarter of what is left, within these bounds. */
const RETRY_MIN_MS = 1000;
const RETRY_MAX_MS = 60 * 1000;

/** The moment to re-assume a session received at `receivedAt` (the server's clock) that expires at `expiresAt`. */
export function refreshAt(receivedAt: number, expiresAt: number): number {
  const lifetime = Math.max(0, expiresAt - receivedAt);
  return expiresAt - Math.min(REFRESH_LEAD_MAX_MS, lifetime / 2);
}

/** After a refresh that failed but may heal: the next try, while the current session is still served. */
export function retryRefreshAt(now: number, expiresAt: number): number {
  const left = Math.max(0, expiresAt - now);
  return now + Math.min(RETRY_MAX_MS, Math.max(RETRY_MIN_MS, left / 4));
}

/** A session is served only while it has not expired. */
export function isServable(now: number, expiresAt: number): boolean {
  return now < expiresAt;
}
