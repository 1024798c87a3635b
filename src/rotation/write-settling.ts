import type { Clock } from '../shared/io.js';
import { SecretWriteFailed } from '../shared/secret-write-failed.js';
import type { SecretStore } from './ports.js';

/**
 * How long a write whose outcome is unknown (no answer, a dropped connection, a 5xx) is watched for
 * landing late. GitHub cuts its own API requests off after about 10 s, so a write not listed a
 * minute after the last attempt is taken as not carried out.
 */
export const LATE_WRITE_WAIT_MS = 60_000;
const LATE_WRITE_POLL_MS = 5_000;
/**
 * `updated_at` has whole seconds and GitHub's time is known to about a second: a write sent this
 * long after the previous one to the same secret can be told apart from it.
 */
export const WRITE_SPACING_MS = 3_500;

/** What a write came to: `written`, `not-written` (GitHub said so, or it never landed), or `unknown` (GitHub could not be read). */
export type WriteOutcome =
  { outcome: 'written'; late: boolean } | { outcome: 'not-written'; refused: boolean; said: string } | { outcome: 'unknown'; said: string };

const floorSecond = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

/**
 * Writes `value` into `name`, and when the outcome is unknown watches the secret's `updated_at`
 * (GitHub's clock) until the write shows up or LATE_WRITE_WAIT_MS has passed. A write of ours
 * lands at or after `since` and after `before` (the secret's time as this run last read it).
 */
export async function writeAndSettle(
  store: SecretStore,
  clock: Clock,
  name: string,
  value: string,
  before: Date | undefined,
  said: (error: unknown) => string,
): Promise<WriteOutcome> {
  const since = floorSecond(store.now());
  try {
    await store.write(name, value);
    return { outcome: 'written', late: false };
  } catch (error) {
    if (error instanceof SecretWriteFailed && error.written === 'no') return { outcome: 'not-written', refused: true, said: said(error) };
    const start = clock.now();
    let readOnce = false;
    let lastReadError: unknown = error;
    for (;;) {
      try {
        const at = (await store.updatedAt([name])).get(name);
        readOnce = true;
        if (at !== undefined && at.getTime() >= since.getTime() && (before === undefined || at.getTime() > before.getTime()))
          return { outcome: 'written', late: true };
      } catch (readError) {
        lastReadError = readError;
      }
      if (clock.now() - start + LATE_WRITE_POLL_MS > LATE_WRITE_WAIT_MS) break;
      await clock.sleep(LATE_WRITE_POLL_MS);
    }
    return readOnce
      ? { outcome: 'not-written', refused: false, said: said(error) }
      : { outcome: 'unknown', said: `${said(error)}; reading the secrets back failed too: ${said(lastReadError)}` };
  }
}
