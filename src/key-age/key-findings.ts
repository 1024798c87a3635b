import type { AccessKeyRecord, LastUseRecord } from './ports.js';
import { REGION } from '../shared/aws-names.js';
import type { Severity } from '../shared/io.js';
import { findingTexts } from './messages/key-findings.js';
import type { Thresholds } from './thresholds.js';

/**
 * What the key-age check concludes about one IAM user's access keys, from plain data and a clock.
 *
 * Ages are whole days counted down: a key created 80 days and 5 hours ago is 80 days old, and it
 * fails on the first run where it is max-age-days old. Only active keys age out (as in AWS Config's
 * access-keys-rotated); an inactive key is a notice to delete it. A key that was never used is
 * judged from its creation date, so a fresh key waiting for its first deploy is not a finding until
 * max-unused-days after it was created. The key this workflow signs with is in use right now, so it
 * is never reported as unused, whatever IAM's last-use record (hours behind) still says.
 */
export type { AccessKeyRecord };

/** IAM's last-use record, with service and region checked against their shapes. */
export type LastUse = LastUseRecord;
export type { Severity };
export type KeyAgeStatus = 'ok' | 'warn' | 'fail';

export interface Finding {
  severity: Severity;
  /** Last 4 characters of the key id, when the finding is about one key. */
  key?: string;
  message: string;
}

export interface KeyRow {
  /** Last 4 characters of the key id: enough to tell keys apart, never the whole id. */
  key: string;
  status: 'Active' | 'Inactive';
  created: Date;
  ageDays: number;
  lastUse: LastUse;
  usedByThisWorkflow: boolean;
}

export interface KeyAssessment {
  status: KeyAgeStatus;
  oldestKeyAgeDays: number;
  keys: KeyRow[];
  findings: Finding[];
}

export interface KeyAgeFacts {
  keys: readonly AccessKeyRecord[];
  lastUse: ReadonlyMap<string, LastUse>;
  now: Date;
  thresholds: Thresholds;
  /** The access key id the workflow signs with; undefined when a role session's credentials sign (not known). */
  workflowKeyId?: string;
  /** `assume-deploy-role rotate …` for this user and repository, named in the age and two-key findings. */
  rotateCommand?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const SERVICE_NAME = /^[a-z0-9][a-z0-9.-]{0,62}$/i;

export function wholeDaysBetween(earlier: Date, later: Date): number {
  return Math.max(0, Math.floor((later.getTime() - earlier.getTime()) / DAY_MS));
}

export function lastFour(accessKeyId: string): string {
  return accessKeyId.slice(-4);
}

/** IAM's last-use record as plain data; IAM writes N/A for the service and region of a key never used. */
export function lastUseOf({ date, service, region }: LastUseRecord): LastUse {
  return {
    date,
    service: service !== undefined && SERVICE_NAME.test(service) && service !== 'N/A' ? service : undefined,
    region: region !== undefined && REGION.test(region) ? region : undefined,
  };
}

function ageFinding(row: KeyRow, { maxAgeDays, warnAgeDays }: Thresholds, command?: string): Finding | undefined {
  if (row.ageDays >= maxAgeDays)
    return { severity: 'error', key: row.key, message: findingTexts.tooOld(row, row.ageDays, maxAgeDays, command) };
  if (row.ageDays >= warnAgeDays)
    return { severity: 'warning', key: row.key, message: findingTexts.ageing(row, row.ageDays, maxAgeDays, command) };
  return undefined;
}

function unusedFinding(row: KeyRow, now: Date, { maxUnusedDays }: Thresholds): Finding | undefined {
  if (row.usedByThisWorkflow) return undefined;
  if (row.lastUse.date === undefined) {
    if (row.ageDays < maxUnusedDays) return undefined;
    return { severity: 'warning', key: row.key, message: findingTexts.neverUsed(row, row.ageDays, maxUnusedDays) };
  }
  const idleDays = wholeDaysBetween(row.lastUse.date, now);
  if (idleDays < maxUnusedDays) return undefined;
  return { severity: 'warning', key: row.key, message: findingTexts.unused(row, idleDays, row.lastUse.date, maxUnusedDays) };
}

function twoActiveFinding(active: readonly KeyRow[], command?: string): Finding | undefined {
  if (active.length < 2) return undefined;
  const inUse = active.find((row) => row.usedByThisWorkflow);
  return {
    severity: 'warning',
    message: findingTexts.twoActive(
      active.map((row) => row.key),
      inUse?.key,
      command,
    ),
  };
}

function inactiveFinding(row: KeyRow): Finding {
  return { severity: 'notice', key: row.key, message: findingTexts.inactive(row) };
}

function statusOf(findings: readonly Finding[]): KeyAgeStatus {
  if (findings.some((finding) => finding.severity === 'error')) return 'fail';
  if (findings.some((finding) => finding.severity === 'warning')) return 'warn';
  return 'ok';
}

export function assessKeys(facts: KeyAgeFacts): KeyAssessment {
  const { now, thresholds } = facts;
  const keys: KeyRow[] = [...facts.keys]
    .sort((a, b) => a.createDate.getTime() - b.createDate.getTime())
    .map((key) => ({
      key: lastFour(key.accessKeyId),
      status: key.status,
      created: key.createDate,
      ageDays: wholeDaysBetween(key.createDate, now),
      lastUse: facts.lastUse.get(key.accessKeyId) ?? {},
      usedByThisWorkflow: facts.workflowKeyId !== undefined && key.accessKeyId === facts.workflowKeyId,
    }));
  const active = keys.filter((row) => row.status === 'Active');
  const findings = [
    ...active.flatMap((row) => [ageFinding(row, thresholds, facts.rotateCommand), unusedFinding(row, now, thresholds)]),
    twoActiveFinding(active, facts.rotateCommand),
    ...keys.filter((row) => row.status === 'Inactive').map(inactiveFinding),
  ].filter((finding): finding is Finding => finding !== undefined);
  const counted = active.length > 0 ? active : keys;
  return {
    status: statusOf(findings),
    oldestKeyAgeDays: Math.max(0, ...counted.map((row) => row.ageDays)),
    keys,
    findings,
  };
}
