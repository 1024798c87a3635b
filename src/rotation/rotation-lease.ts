import type { Clock } from '../shared/io.js';
import { leaseTexts } from './messages/rotation.js';
import { StepFailure } from '../shared/step-failure.js';
import type { KeyAdmin } from './ports.js';

/**
 * One rotation at a time, across machines: a user tag naming the run that holds the lease and until
 * when (by AWS's clock), taken before the first change and removed after the last. IAM tags are not
 * conditional writes, so a run writes its lease, waits LEASE_SETTLE_MS and reads it back: of two
 * runs that both found it free, the one whose write came last holds it, and the other sees that.
 * That holds when each run's read-to-write gap is shorter than the settle wait, which is checked.
 */
export const LEASE_TAG = 'assume-deploy-role:lease';
/** Longer than any run: its calls' deadlines, STS's acceptance wait and the late-write watch add up to far less. */
const LEASE_MS = 15 * 60 * 1000;
const LEASE_SETTLE_MS = 3_000;
const MAX_HOLDER_LENGTH = 160;

const ISO = String.raw`\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z`;
const LEASE = new RegExp(`^run (\\w+) by (\\S+) from (${ISO}) until (${ISO})$`);
const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export interface LeaseHolder {
  run: string;
  holder: string;
  from: Date;
  until: Date;
}

export function parseLease(value: string | undefined): LeaseHolder | undefined {
  const match = LEASE.exec(value ?? '');
  if (!match?.[1] || !match[2] || !match[3] || !match[4]) return undefined;
  return { run: match[1], holder: match[2], from: new Date(match[3]), until: new Date(match[4]) };
}

export interface Lease {
  value: string;
}

/** Refuses when another run's unexpired lease is there (before writing ours), or anything but ours (reading it back). */
function refuseIfHeld(value: string | undefined, mine: string | undefined, now: Date): void {
  if (mine !== undefined && value === mine) return;
  const held = parseLease(value);
  if (held && (mine !== undefined || held.until.getTime() > now.getTime())) {
    throw new StepFailure(leaseTexts.taken(held.holder, held.run, now.getTime() - held.from.getTime(), held.until));
  }
  if (mine !== undefined) throw new StepFailure(leaseTexts.lost);
}

/** Takes the lease for `userName`'s rotation, or refuses naming its holder and age. `holder`: the caller's ARN. */
export async function takeLease(admin: KeyAdmin, clock: Clock, userName: string, holder: string): Promise<Lease> {
  const readAt = clock.now();
  refuseIfHeld((await admin.userTags(userName)).get(LEASE_TAG), undefined, admin.now());
  const now = admin.now();
  const run =
    Math.floor(clock.random() * 2 ** 32)
      .toString(16)
      .padStart(8, '0') + (clock.now() % 4096).toString(16);
  const value = `run ${run} by ${holder.replace(/[^\w.:/=+@-]/g, '_').slice(0, MAX_HOLDER_LENGTH)} from ${isoSeconds(now)} until ${isoSeconds(new Date(now.getTime() + LEASE_MS))}`;
  await admin.tagUser(userName, [{ key: LEASE_TAG, value }]);
  if (clock.now() - readAt >= LEASE_SETTLE_MS) {
    await releaseLease(admin, userName, { value });
    throw new StepFailure(leaseTexts.tooSlow(LEASE_SETTLE_MS / 1000));
  }
  await clock.sleep(LEASE_SETTLE_MS);
  refuseIfHeld((await admin.userTags(userName)).get(LEASE_TAG), value, admin.now());
  return { value };
}

/** Removes the lease if it is still ours; false when that could not be done (it then expires by itself). */
export async function releaseLease(admin: KeyAdmin, userName: string, lease: Lease): Promise<boolean> {
  try {
    if ((await admin.userTags(userName)).get(LEASE_TAG) === lease.value) await admin.untagUser(userName, [LEASE_TAG]);
    return true;
  } catch {
    return false;
  }
}
