import { createHash, timingSafeEqual } from 'node:crypto';
import type { Answer, CredentialsRequest, ServedSession } from './ports.js';
import { isServable } from './refresh-schedule.js';

export type { Answer, CredentialsRequest, ServedSession };

export const SHUTDOWN_PATH = '/shutdown';

/** Equal in time independent of where the texts differ or how long they are: both are hashed first. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected)) && expected !== '';
}

/** `Expiration` as RFC 3339 in whole seconds, which every SDK's parser reads. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const failure = (status: number, code: string, message: string): Answer => ({
  status,
  body: JSON.stringify({ Code: code, Message: message }),
});

export function answerRequest(
  request: CredentialsRequest,
  expected: { path: string; token: string; nonce: string },
  session: ServedSession | undefined,
  now: number,
): Answer {
  if (request.method === 'POST' && request.path === SHUTDOWN_PATH) {
    return request.authorization !== undefined && sameSecret(request.authorization, expected.nonce)
      ? { status: 200, body: '{}', shutdown: true }
      : failure(403, 'AccessDenied', 'not the post step of the step that started this server');
  }
  if (request.authorization === undefined || request.authorization === '')
    return failure(401, 'Unauthorized', 'no Authorization header (AWS_CONTAINER_AUTHORIZATION_TOKEN)');
  if (!sameSecret(request.authorization, expected.token))
    return failure(403, 'AccessDenied', "the Authorization header is not this server's token");
  if (request.method !== 'GET') return failure(405, 'MethodNotAllowed', 'only GET');
  if (request.path !== expected.path) return failure(404, 'NotFound', 'no such path');
  if (session === undefined || !isServable(now, session.expiration.getTime())) {
    return failure(503, 'CredentialsUnavailable', 'no valid session: the last refresh failed (see the server log under RUNNER_TEMP)');
  }
  return {
    status: 200,
    body: JSON.stringify({
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      Token: session.sessionToken,
      Expiration: rfc3339(session.expiration),
    }),
  };
}
