// @ts-check
/**
 * A token bucket on a given clock: `burst` tokens to start with, refilled at `perSecond`, each
 * allowed call takes one; a refused call takes none.
 * @param {{ perSecond: number, burst: number, now: () => Date }} options
 * @returns {{ take: () => boolean }}
 */
export function tokenBucket({ perSecond, burst, now }) {
  if (!(perSecond > 0) || !(burst >= 1)) throw new Error(`token bucket needs perSecond > 0 and burst >= 1, got ${perSecond} and ${burst}`);
  let tokens = burst;
  let refilledAt = now().getTime();
  return {
    take() {
      const at = now().getTime();
      // A test clock may be set back; time going backwards adds nothing.
      tokens = Math.min(burst, tokens + (Math.max(0, at - refilledAt) * perSecond) / 1000);
      refilledAt = Math.max(refilledAt, at);
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
