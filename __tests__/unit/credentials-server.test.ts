/** The credentials server's pure decisions: when to re-assume, what a request gets, which config it accepts. */
import { describe, expect, test } from '@jest/globals';
import { answerRequest, rfc3339, sameSecret, SHUTDOWN_PATH, type ServedSession } from '../../src/credentials-server/credentials-request.js';
import { isServable, refreshAt, retryRefreshAt } from '../../src/credentials-server/refresh-schedule.js';
import { parseServerConfig } from '../../src/credentials-server/server-config.js';
import { nonceMark } from '../../src/shared/credentials-server-config.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-01T12:00:00Z');

describe('refreshAt', () => {
  test("an hour-long session is re-assumed 15 minutes before it expires, outside botocore's advisory window", () => {
    expect(refreshAt(T0, T0 + 60 * MINUTE)).toBe(T0 + 45 * MINUTE);
  });

  test('a 12-hour session too: never later than 15 minutes before expiry', () => {
    expect(refreshAt(T0, T0 + 720 * MINUTE)).toBe(T0 + 705 * MINUTE);
  });

  test('a session shorter than 30 minutes is re-assumed at half its life', () => {
    expect(refreshAt(T0, T0 + 20 * MINUTE)).toBe(T0 + 10 * MINUTE);
    expect(refreshAt(T0, T0 + 4000)).toBe(T0 + 2000);
  });

  test('a session that has already expired is re-assumed at once', () => {
    expect(refreshAt(T0, T0 - 1000)).toBeLessThanOrEqual(T0);
  });

  test("a failed refresh is tried again within the session's life, between 1 s and a minute later", () => {
    expect(retryRefreshAt(T0, T0 + 40 * MINUTE)).toBe(T0 + MINUTE);
    expect(retryRefreshAt(T0, T0 + 2000)).toBe(T0 + 1000);
    expect(retryRefreshAt(T0, T0 + 2 * MINUTE)).toBe(T0 + 30_000);
  });

  test('a session is served only before its expiration', () => {
    expect(isServable(T0, T0 + 1)).toBe(true);
    expect(isServable(T0, T0)).toBe(false);
  });
});

const SESSION: ServedSession = {
  accessKeyId: 'ASIAEXAMPLE000000001',
  secretAccessKey: 's'.repeat(40),
  sessionToken: 't'.repeat(200),
  expiration: new Date(T0 + 60 * MINUTE),
};
const EXPECTED = { path: '/credentials/abc', token: 'the-token', nonce: 'the-nonce' };
const request = (authorization: string | undefined, extra: Partial<{ method: string; path: string }> = {}) => ({
  method: 'GET',
  path: EXPECTED.path,
  authorization,
  ...extra,
});

describe('answerRequest', () => {
  test('the token gets the container credentials JSON the SDKs read, Expiration in RFC 3339', () => {
    const answer = answerRequest(request('the-token'), EXPECTED, SESSION, T0);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({
      AccessKeyId: SESSION.accessKeyId,
      SecretAccessKey: SESSION.secretAccessKey,
      Token: SESSION.sessionToken,
      Expiration: '2026-03-01T13:00:00Z',
    });
  });

  test.each([
    ['no Authorization header', undefined, 401],
    ['an empty one', '', 401],
    ['a wrong token', 'the-tokem', 403],
    ['a prefix of the token', 'the-', 403],
    ['the token with more after it', 'the-token ', 403],
    ['the nonce', 'the-nonce', 403],
  ])('%s gets %#: no credentials', (_label, authorization, status) => {
    const answer = answerRequest(request(authorization), EXPECTED, SESSION, T0);
    expect(answer.status).toBe(status);
    expect(answer.body).not.toContain(SESSION.secretAccessKey);
    expect(answer.body).not.toContain(SESSION.accessKeyId);
  });

  test('another path or method gets no credentials, even with the token', () => {
    expect(answerRequest(request('the-token', { path: '/' }), EXPECTED, SESSION, T0).status).toBe(404);
    expect(answerRequest(request('the-token', { method: 'PUT' }), EXPECTED, SESSION, T0).status).toBe(405);
  });

  test('an expired session, or none, is never served: 503', () => {
    expect(answerRequest(request('the-token'), EXPECTED, SESSION, SESSION.expiration.getTime()).status).toBe(503);
    expect(answerRequest(request('the-token'), EXPECTED, undefined, T0).status).toBe(503);
  });

  test('only the nonce stops the server; the token does not', () => {
    expect(answerRequest({ method: 'POST', path: SHUTDOWN_PATH, authorization: 'the-nonce' }, EXPECTED, SESSION, T0)).toMatchObject({
      status: 200,
      shutdown: true,
    });
    expect(
      answerRequest({ method: 'POST', path: SHUTDOWN_PATH, authorization: 'the-token' }, EXPECTED, SESSION, T0).shutdown,
    ).toBeUndefined();
    expect(
      answerRequest({ method: 'POST', path: SHUTDOWN_PATH, authorization: undefined }, EXPECTED, SESSION, T0).shutdown,
    ).toBeUndefined();
  });

  test('sameSecret compares whole values and never accepts an empty expected one', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
    expect(rfc3339(new Date('2026-03-01T12:00:00.123Z'))).toBe('2026-03-01T12:00:00Z');
  });
});

describe('parseServerConfig', () => {
  const CONFIG = {
    region: 'eu-west-1',
    stsEndpoint: {},
    proxy: { https_proxy: '', http_proxy: '', all_proxy: '', no_proxy: '' },
    retryMaxAttempts: 5,
    token: 'the-token',
    nonce: 'the-nonce',
    path: '/credentials/abc',
    parentPid: 1234,
    lifetimeMs: 1000,
    session: { ...SESSION, expiration: SESSION.expiration.toISOString() },
    source: {
      kind: 'keys',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'secret',
      request: { RoleArn: 'arn:aws:iam::111122223333:role/deploy' },
    },
    secrets: ['secret'],
  };

  test("the main step's config, for the nonce whose mark is in the server's argv", () => {
    const parsed = parseServerConfig(JSON.stringify(CONFIG), nonceMark('the-nonce'));
    expect(typeof parsed).toBe('object');
    expect(parsed).toMatchObject({ token: 'the-token', session: { expiration: SESSION.expiration } });
  });

  test.each([
    ['not JSON', 'x', nonceMark('the-nonce')],
    ['another nonce', JSON.stringify(CONFIG), nonceMark('other')],
    ['the nonce itself where its mark belongs', JSON.stringify(CONFIG), 'the-nonce'],
    ['no token', JSON.stringify({ ...CONFIG, token: '' }), nonceMark('the-nonce')],
    ['no way to re-assume', JSON.stringify({ ...CONFIG, source: { kind: 'keys' } }), nonceMark('the-nonce')],
    ['a session without expiry', JSON.stringify({ ...CONFIG, session: { ...CONFIG.session, expiration: 'soon' } }), nonceMark('the-nonce')],
  ])('%s: refused with a reason', (_label, text, nonce) => {
    expect(typeof parseServerConfig(text, nonce)).toBe('string');
  });
});
