/**
 * The key-age findings as a pure function of (keys, last-use records, now, thresholds), with a
 * fixed clock: ages in whole days counted down, what is an error, a warning or a notice.
 */
import { describe, expect, test } from '@jest/globals';
import { DEFAULT_THRESHOLDS } from '../../src/key-age/key-age-inputs.js';
import {
  assessKeys,
  lastUseOf,
  wholeDaysBetween,
  type AccessKeyRecord,
  type KeyAgeFacts,
  type LastUse,
} from '../../src/key-age/key-findings.js';
import { FIXED_NOW as NOW } from '../../test/support/fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
const WORKFLOW_KEY = 'AKIAWORKFLOWKEY0AAAA';
const OTHER_KEY = 'AKIAOTHERKEY0000BBBB';

const daysAgo = (days: number, extraHours = 0) => new Date(NOW.getTime() - days * DAY - extraHours * 60 * 60 * 1000);

function key(accessKeyId: string, ageDays: number, status: AccessKeyRecord['status'] = 'Active'): AccessKeyRecord {
  return { accessKeyId, status, createDate: daysAgo(ageDays, 5) };
}

function assess(keys: AccessKeyRecord[], lastUse: Record<string, LastUse> = {}, overrides: Partial<KeyAgeFacts> = {}) {
  return assessKeys({
    keys,
    lastUse: new Map(Object.entries(lastUse)),
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
    workflowKeyId: WORKFLOW_KEY,
    ...overrides,
  });
}

describe('ages', () => {
  test('are whole days, counted down, never negative', () => {
    expect(wholeDaysBetween(daysAgo(80, 23), NOW)).toBe(80);
    expect(wholeDaysBetween(daysAgo(0, 1), NOW)).toBe(0);
    expect(wholeDaysBetween(new Date(NOW.getTime() + DAY), NOW)).toBe(0);
  });
});

describe('assessKeys', () => {
  test('a young key in use is ok, with its age as the oldest age and no finding', () => {
    const result = assess([key(WORKFLOW_KEY, 10)], { [WORKFLOW_KEY]: { date: daysAgo(1), service: 'sts', region: 'us-east-1' } });
    expect(result.status).toBe('ok');
    expect(result.findings).toEqual([]);
    expect(result.oldestKeyAgeDays).toBe(10);
    expect(result.keys).toEqual([
      {
        key: 'AAAA',
        status: 'Active',
        created: daysAgo(10, 5),
        ageDays: 10,
        lastUse: { date: daysAgo(1), service: 'sts', region: 'us-east-1' },
        usedByThisWorkflow: true,
      },
    ]);
  });

  test('a key warn-age-days old is a warning that counts the days left to max-age-days', () => {
    const result = assess([key(WORKFLOW_KEY, 82)]);
    expect(result.status).toBe('warn');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ severity: 'warning', key: 'AAAA' });
    expect(result.findings[0]?.message).toContain('82 days old: rotate it within 8 days');
    expect(result.findings[0]?.message).toContain('(the key this workflow uses)');
  });

  test('the warning starts exactly at warn-age-days and the error exactly at max-age-days', () => {
    expect(assess([key(WORKFLOW_KEY, 79)]).status).toBe('ok');
    expect(assess([key(WORKFLOW_KEY, 80)]).status).toBe('warn');
    expect(assess([key(WORKFLOW_KEY, 89)]).findings[0]?.message).toContain('within 1 day,');
    expect(assess([key(WORKFLOW_KEY, 90)]).status).toBe('fail');
  });

  test('a key max-age-days old is an error that says to rotate now, and fails', () => {
    const result = assess([key(WORKFLOW_KEY, 120)]);
    expect(result.status).toBe('fail');
    expect(result.oldestKeyAgeDays).toBe(120);
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'error', key: 'AAAA' })]);
    expect(result.findings[0]?.message).toMatch(/120 days old, at or over max-age-days \(90\): rotate it now/);
  });

  test('thresholds come from the facts, not the defaults', () => {
    const thresholds = { maxAgeDays: 30, warnAgeDays: 20, maxUnusedDays: 10 };
    expect(assess([key(WORKFLOW_KEY, 25)], {}, { thresholds }).status).toBe('warn');
    expect(assess([key(WORKFLOW_KEY, 30)], {}, { thresholds }).status).toBe('fail');
  });

  test('an active key unused for max-unused-days is a warning naming the last day of use', () => {
    const result = assess([key(WORKFLOW_KEY, 5), key(OTHER_KEY, 60)], {
      [WORKFLOW_KEY]: { date: daysAgo(0) },
      [OTHER_KEY]: { date: daysAgo(50), service: 's3', region: 'eu-west-1' },
    });
    const unused = result.findings.filter((finding) => finding.key === 'BBBB');
    expect(unused).toHaveLength(1);
    expect(unused[0]?.severity).toBe('warning');
    expect(unused[0]?.message).toContain(`last used 50 days ago, on ${daysAgo(50).toISOString().slice(0, 10)}`);
    expect(assess([key(OTHER_KEY, 60)], { [OTHER_KEY]: { date: daysAgo(44) } }).findings).toEqual([]);
  });

  test('a key never used is judged from its creation date: not a finding until max-unused-days after it', () => {
    expect(assess([key(OTHER_KEY, 0)]).findings).toEqual([]);
    expect(assess([key(OTHER_KEY, 44)]).findings).toEqual([]);
    const result = assess([key(OTHER_KEY, 45)]);
    expect(result.status).toBe('warn');
    expect(result.findings[0]?.message).toContain('never been used in the 45 days since it was created');
  });

  test('the key this workflow signs with is in use now, whatever the last-use record says', () => {
    expect(assess([key(WORKFLOW_KEY, 60)]).findings).toEqual([]);
    expect(assess([key(WORKFLOW_KEY, 60)], { [WORKFLOW_KEY]: { date: daysAgo(59) } }).findings).toEqual([]);
  });

  test('two active keys are one warning naming both and the one the workflow uses', () => {
    const result = assess([key(WORKFLOW_KEY, 3), key(OTHER_KEY, 10)], { [OTHER_KEY]: { date: daysAgo(1) } });
    expect(result.status).toBe('warn');
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]?.key).toBeUndefined();
    expect(result.findings[0]?.message).toContain('2 access keys are active (…BBBB, …AAAA)');
    expect(result.findings[0]?.message).toContain('this workflow uses …AAAA');
  });

  test('an inactive key is a notice to delete it, never ages out, and leaves the status ok', () => {
    const result = assess([key(WORKFLOW_KEY, 3), key(OTHER_KEY, 400, 'Inactive')]);
    expect(result.status).toBe('ok');
    expect(result.findings).toEqual([expect.objectContaining({ severity: 'notice', key: 'BBBB' })]);
    expect(result.findings[0]?.message).toContain('is inactive: delete it');
    expect(result.oldestKeyAgeDays).toBe(3);
  });

  test('the oldest age counts every key when none is active', () => {
    expect(assess([key(OTHER_KEY, 7, 'Inactive')]).oldestKeyAgeDays).toBe(7);
    expect(assess([]).oldestKeyAgeDays).toBe(0);
  });

  test('keys are listed oldest first, by their last four characters only', () => {
    const result = assess([key(WORKFLOW_KEY, 3), key(OTHER_KEY, 10)]);
    expect(result.keys.map((row) => row.key)).toEqual(['BBBB', 'AAAA']);
    expect(JSON.stringify(result)).not.toContain(WORKFLOW_KEY);
    expect(JSON.stringify(result)).not.toContain(OTHER_KEY);
  });

  test('an old, unused second key is an error, an unused warning and the two-key warning at once', () => {
    const result = assess([key(WORKFLOW_KEY, 3), key(OTHER_KEY, 100)]);
    expect(result.status).toBe('fail');
    expect(result.findings.map((finding) => finding.severity)).toEqual(['error', 'warning', 'warning']);
  });
});

describe('lastUseOf', () => {
  test("drops IAM's N/A and anything not shaped like a service or region", () => {
    expect(lastUseOf({ date: undefined, service: 'N/A', region: 'N/A' })).toEqual({
      date: undefined,
      service: undefined,
      region: undefined,
    });
    expect(lastUseOf({ date: NOW, service: 'sts', region: 'eu-west-1' })).toEqual({ date: NOW, service: 'sts', region: 'eu-west-1' });
    expect(lastUseOf({ date: NOW, service: 'x|<script>', region: 'eu-west-1\n::error::' })).toEqual({
      date: NOW,
      service: undefined,
      region: undefined,
    });
  });
});
