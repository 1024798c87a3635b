/** Age limits in whole days; defaults from AWS Config access-keys-rotated and Security Hub IAM.3 / IAM.22. */
export interface Thresholds {
  maxAgeDays: number;
  warnAgeDays: number;
  maxUnusedDays: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { maxAgeDays: 90, warnAgeDays: 80, maxUnusedDays: 45 };
