import type { ActionTimer } from './ports.js';
import type { Io } from '../shared/io.js';
import { peerInputLog } from './messages/peer-inputs.js';

/** What the step writes to the world; after the timeout none of it happens (masks still do). */
const WRITES = new Set<PropertyKey>([
  'info',
  'debug',
  'annotate',
  'exportVariable',
  'setOutput',
  'saveState',
  'appendSummary',
  'fail',
  'failQuietly',
]);

/** The same Io until close(); then every write is dropped, so a step that timed out exports nothing more. */
function closableIo(io: Io): { io: Io; close: () => void } {
  let closed = false;
  const guarded = new Proxy(io, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (!WRITES.has(property)) return method.bind(target);
      return (...args: unknown[]) => (closed ? (property === 'appendSummary' ? Promise.resolve() : undefined) : method.apply(target, args));
    },
  });
  return {
    io: guarded,
    close: () => {
      closed = true;
    },
  };
}

/**
 * action-timeout-s: the body runs against an Io that closes when the time is up; the step then
 * fails with one error, whatever the body was doing (its later writes are dropped).
 */
export async function withActionTimeout(
  io: Io,
  seconds: number | undefined,
  timer: ActionTimer,
  body: (io: Io) => Promise<void>,
): Promise<void> {
  if (seconds === undefined) return body(io);
  io.info(peerInputLog.timeout(seconds));
  const guard = closableIo(io);
  let cancel = () => {};
  const expired = new Promise<void>((resolve) => {
    cancel = timer(seconds * 1000, () => {
      guard.close();
      io.fail(peerInputLog.timedOut(seconds));
      resolve();
    });
  });
  const work = body(guard.io);
  // After the timeout nobody awaits the body: its failure, if any, is no longer the step's.
  work.catch(() => undefined);
  try {
    await Promise.race([work, expired]);
  } finally {
    cancel();
  }
}
