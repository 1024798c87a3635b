import type { ActionTimer } from '../assume-role/ports.js';

export type { ActionTimer };

/** Calls `expire` after `ms`, then ends the process as aws-actions/configure-aws-credentials does; returns the cancel. */
export const processActionTimer: ActionTimer = (ms, expire) => {
  const timer = setTimeout(() => {
    expire();
    // The calls still under way would only end at their own deadlines; the step's failure is already written.
    process.exit(1);
  }, ms);
  return () => clearTimeout(timer);
};
