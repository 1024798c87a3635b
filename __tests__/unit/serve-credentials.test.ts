/** The credentials server's run loop in process, on a clock the test moves: refreshes, failures, how it ends. */
import { describe, expect, jest, test } from '@jest/globals';
import type { Answer, CredentialsRequest, ServedSession } from '../../src/credentials-server/credentials-request.js';
import { serveCredentials, type ServerPorts, type StopReason } from '../../src/credentials-server/serve.js';
import type { AwsFailure } from '../../src/shared/aws-failure.js';
import { CallFailed } from '../../src/shared/retry.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');
const LIFETIME_MS = 20 * 60_000;
const TOKEN = 'token-0123456789';
const NONCE = 'nonce-0123456789';
const PATH = '/credentials/x';

let issued = 0;
function sessionAt(now: number): ServedSession {
  issued += 1;
  return {
    accessKeyId: `ASIASESSION${String(issued).padStart(9, '0')}`,
    secretAccessKey: `secret${issued}`.padEnd(40, 'S'),
    sessionToken: `token${issued}`.padEnd(120, 'T'),
    expiration: new Date(now + LIFETIME_MS),
  };
}

const failure = (code: string, httpStatus: number): AwsFailure => ({
  code,
  message: `${code} said so`,
  httpStatus,
  clockSkewCorrected: false,
  network: false,
  throttling: false,
  sdkTransient: false,
});

/** A clock whose sleeps end only when the test moves time past them. */
function manualClock() {
  let now = T0;
  let sleepers: Array<{ at: number; wake: () => void }> = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  return {
    clock: {
      now: () => now,
      random: () => 0,
      sleep: (ms: number) =>
        new Promise<void>((wake) => {
          sleepers.push({ at: now + ms, wake });
        }),
    },
    async advance(ms: number) {
      const target = now + ms;
      for (;;) {
        await settle();
        const next = sleepers.filter((sleeper) => sleeper.at <= target).sort((a, b) => a.at - b.at)[0];
        if (!next) break;
        sleepers = sleepers.filter((sleeper) => sleeper !== next);
        now = Math.max(now, next.at);
        next.wake();
      }
      now = target;
      await settle();
    },
  };
}

async function start(refresh: (now: number) => Promise<ServedSession>) {
  const time = manualClock();
  const log: string[] = [];
  let answer: (request: CredentialsRequest) => Answer = () => ({ status: 0, body: '' });
  let parentAlive = true;
  const closed = jest.fn(async () => undefined);
  const refreshes = jest.fn(() => refresh(time.clock.now()));
  const ports: ServerPorts = {
    clock: time.clock,
    listen: async (handler) => {
      answer = handler;
      return { port: 4321, close: closed };
    },
    ready: jest.fn(),
    refresh: refreshes,
    parentAlive: () => parentAlive,
    log: (line) => log.push(line),
  };
  const first = sessionAt(T0);
  const ended: Promise<StopReason> = serveCredentials(
    { token: TOKEN, nonce: NONCE, path: PATH, lifetimeMs: 6 * 3600_000, session: first, secrets: [] },
    ports,
  );
  const get = (authorization = TOKEN) => answer({ method: 'GET', path: PATH, authorization });
  const shutdown = (authorization: string) => answer({ method: 'POST', path: '/shutdown', authorization });
  const served = () => {
    const reply = get();
    return reply.status === 200 ? (JSON.parse(reply.body) as { AccessKeyId: string; Expiration: string }) : undefined;
  };
  await time.advance(0);
  return {
    time,
    log,
    ports,
    refreshes,
    closed,
    ended,
    get,
    shutdown,
    served,
    first,
    goneParent: () => {
      parentAlive = false;
    },
  };
}

describe('serveCredentials', () => {
  test("re-assumes at half a short session's life, so across three expirations every answer is a session that has not expired", async () => {
    const server = await start(async (now) => sessionAt(now));
    expect(server.ports.ready).toHaveBeenCalledWith(4321);
    const seen = new Set<string>();
    for (let step = 0; step < 4 * 20; step += 1) {
      const credentials = server.served();
      expect(credentials).toBeDefined();
      expect(Date.parse(credentials?.Expiration ?? '')).toBeGreaterThan(server.time.clock.now() + LIFETIME_MS / 2 - 60_000);
      seen.add(credentials?.AccessKeyId ?? '');
      await server.time.advance(60_000);
    }
    expect(server.refreshes.mock.calls.length).toBeGreaterThanOrEqual(3 * 2);
    expect(seen.size).toBeGreaterThanOrEqual(4);
    server.goneParent();
    await server.time.advance(5000);
    await expect(server.ended).resolves.toBe('parent');
  });

  test('a refresh that fails and may heal keeps the current session served and is tried again', async () => {
    let calls = 0;
    const server = await start(async (now) => {
      calls += 1;
      if (calls === 1) throw new CallFailed(failure('ServiceUnavailable', 503), 5, 'attempts', 20_000);
      return sessionAt(now);
    });
    await server.time.advance(LIFETIME_MS / 2 + 1000);
    expect(calls).toBe(1);
    expect(server.served()?.AccessKeyId).toBe(server.first.accessKeyId);
    expect(server.log.some((line) => line.includes('may heal (ServiceUnavailable: ServiceUnavailable said so'))).toBe(true);
    await server.time.advance(3 * 60_000);
    expect(calls).toBe(2);
    expect(server.served()?.AccessKeyId).not.toBe(server.first.accessKeyId);
    server.goneParent();
    await server.time.advance(5000);
  });

  test('a permanent refusal is logged once, the session is served until it expires, then 503', async () => {
    const server = await start(async () => {
      throw new CallFailed(failure('AccessDenied', 403), 1, 'permanent', 100);
    });
    await server.time.advance(LIFETIME_MS / 2 + 1000);
    expect(server.served()?.AccessKeyId).toBe(server.first.accessKeyId);
    await server.time.advance(LIFETIME_MS);
    expect(server.refreshes).toHaveBeenCalledTimes(1);
    expect(server.log.filter((line) => line.includes('refused for good'))).toHaveLength(1);
    expect(server.get().status).toBe(503);
    server.goneParent();
    await server.time.advance(5000);
  });

  test("the post step's request (the nonce) stops it and closes the listener; the token does not", async () => {
    const server = await start(async (now) => sessionAt(now));
    expect(server.shutdown(TOKEN).status).toBe(403);
    expect(server.shutdown(NONCE).status).toBe(200);
    await server.time.advance(0);
    await expect(server.ended).resolves.toBe('shutdown');
    expect(server.closed).toHaveBeenCalled();
    expect(server.get().status).toBe(503);
    expect(server.log.at(-1)).toContain('the post step asked');
  });

  test("it ends by itself after the job's longest run", async () => {
    const server = await start(async (now) => sessionAt(now));
    await server.time.advance(6 * 3600_000 + 5000);
    await expect(server.ended).resolves.toBe('lifetime');
  });

  test('its log holds no secret of the sessions, the token or the nonce', async () => {
    const server = await start(async (now) => sessionAt(now));
    await server.time.advance(LIFETIME_MS * 2);
    server.goneParent();
    await server.time.advance(5000);
    const text = server.log.join('\n');
    expect(server.log.some((line) => line.includes('re-assumed the role'))).toBe(true);
    for (const secret of [TOKEN, NONCE, server.first.secretAccessKey, server.first.sessionToken]) expect(text).not.toContain(secret);
  });
});

test('a refusal whose text carries a line break and a session secret is logged on one line, cleaned', async () => {
  let secret = '';
  const time = manualClock();
  const log: string[] = [];
  const first = sessionAt(T0);
  secret = first.secretAccessKey;
  void serveCredentials(
    { token: TOKEN, nonce: NONCE, path: PATH, lifetimeMs: LIFETIME_MS, session: first, secrets: [] },
    {
      clock: time.clock,
      listen: async () => ({ port: 1, close: async () => undefined }),
      ready: () => undefined,
      refresh: async () => {
        throw new CallFailed({ ...failure('AccessDenied', 403), message: `denied\n::error::forged ${secret}` }, 1, 'permanent', 10);
      },
      parentAlive: () => true,
      log: (line) => log.push(line),
    },
  );
  await time.advance(LIFETIME_MS + 1000);
  const refusal = log.find((line) => line.includes('refused for good')) ?? '';
  expect(refusal).toContain('AccessDenied: denied ::error::forged ***');
  expect(refusal).not.toMatch(/[\n\r]/);
});
