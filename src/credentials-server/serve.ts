import { awsSaid } from '../shared/messages/aws-failures.js';
import { serverLog } from '../shared/messages/credentials-server.js';
import { redact } from '../shared/redact.js';
import { CallFailed } from '../shared/retry.js';
import { errorText } from '../shared/step.js';
import { answerRequest, type ServedSession } from './credentials-request.js';
import type { ServerPorts } from './ports.js';

export type { ServerPorts };
import { isServable, refreshAt, retryRefreshAt } from './refresh-schedule.js';

export interface ServeOptions {
  token: string;
  nonce: string;
  path: string;
  lifetimeMs: number;
  session: ServedSession;
  /** Values to clean from every log line, shared with the refresher's mask: the loop adds the token, the nonce and each new session's. */
  secrets: string[];
}

export type StopReason = 'shutdown' | 'parent' | 'lifetime';

/** How often the loop checks that the job's runner process is still there. */
const POLL_MS = 2000;

/**
 * The server's life: listen, serve the cached session, re-assume on schedule (refresh-schedule.ts)
 * while requests keep being answered, and stop on the post step's request, when the runner process
 * is gone, or after the job's longest run. The session is dropped before this returns.
 */
export async function serveCredentials(options: ServeOptions, ports: ServerPorts): Promise<StopReason> {
  const { clock } = ports;
  const { secrets } = options;
  // Shared with the refresher's mask, which may hold a value already: each is kept once.
  const remember = (...values: string[]) => values.forEach((value) => secrets.includes(value) || secrets.push(value));
  remember(options.token, options.nonce);
  const say = (line: string) => ports.log(redact(line, secrets));
  const started = clock.now();
  let session: ServedSession | undefined = options.session;
  let nextRefresh = refreshAt(started, session.expiration.getTime());
  let refreshing = false;
  let refusedForGood = false;
  let stop: (reason: StopReason) => void = () => undefined;
  const stopped = new Promise<StopReason>((resolve) => {
    stop = resolve;
  });
  let reason: StopReason | undefined;
  const finish = (why: StopReason) => {
    reason ??= why;
    stop(reason);
  };

  const listener = await ports.listen((request) => {
    const answer = answerRequest(request, options, session, clock.now());
    if (answer.shutdown) finish('shutdown');
    return answer;
  });
  ports.ready(listener.port);
  say(serverLog.listening(listener.port, session.expiration));

  const refresh = async () => {
    refreshing = true;
    try {
      const fresh = await ports.refresh();
      remember(fresh.secretAccessKey, fresh.sessionToken);
      session = fresh;
      nextRefresh = refreshAt(clock.now(), fresh.expiration.getTime());
      say(serverLog.refreshed(fresh.expiration));
    } catch (error) {
      const why = error instanceof CallFailed ? `${awsSaid(error.failure, secrets)}, after ${error.attempts} attempt(s)` : errorText(error);
      if (error instanceof CallFailed && error.reason === 'permanent') {
        if (!refusedForGood) say(serverLog.refreshRefused(why, session?.expiration));
        refusedForGood = true;
        nextRefresh = Number.POSITIVE_INFINITY;
      } else {
        nextRefresh = retryRefreshAt(clock.now(), session?.expiration.getTime() ?? clock.now());
        say(serverLog.refreshRetry(why, new Date(nextRefresh), session?.expiration));
      }
    } finally {
      refreshing = false;
    }
  };

  while (reason === undefined) {
    const now = clock.now();
    if (now - started >= options.lifetimeMs) finish('lifetime');
    else if (!ports.parentAlive()) finish('parent');
    else {
      if (session && !isServable(now, session.expiration.getTime())) session = undefined;
      if (now >= nextRefresh && !refreshing && !refusedForGood) void refresh();
      const wait = Math.max(10, Math.min(POLL_MS, nextRefresh - now, started + options.lifetimeMs - now));
      await Promise.race([clock.sleep(wait), stopped]);
    }
  }
  session = undefined;
  await listener.close();
  say(serverLog.stopped(reason));
  return reason;
}
