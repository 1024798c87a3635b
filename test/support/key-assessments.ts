/**
 * Key assessments for the key-age unit tests (report, tracking-issue plan): two keys of one user,
 * ages in days before FIXED_NOW, the workflow's key last used a day ago, the default thresholds.
 */
import { DEFAULT_THRESHOLDS } from '../../src/key-age/key-age-inputs.js';
import { assessKeys, type KeyAssessment } from '../../src/key-age/key-findings.js';
import { FIXED_NOW } from './fixtures.js';

const DAY = 24 * 60 * 60 * 1000;
export const WORKFLOW_KEY = 'AKIAWORKFLOWKEY0AAAA';
export const OTHER_KEY = 'AKIAOTHERKEY0000BBBB';
export const REPORT_CONTEXT = { userName: 'sam-cli-user', thresholds: DEFAULT_THRESHOLDS, now: FIXED_NOW };

export function assessment(ages: Array<[string, number, 'Active' | 'Inactive']>): KeyAssessment {
  return assessKeys({
    keys: ages.map(([accessKeyId, age, status]) => ({ accessKeyId, status, createDate: new Date(FIXED_NOW.getTime() - age * DAY) })),
    lastUse: new Map([[WORKFLOW_KEY, { date: new Date(FIXED_NOW.getTime() - DAY), service: 'sts', region: 'eu-west-1' }]]),
    now: FIXED_NOW,
    thresholds: DEFAULT_THRESHOLDS,
    workflowKeyId: WORKFLOW_KEY,
  });
}

/** A young key in use; a key near the limit beside an inactive one; a key over the limit. */
export const OK = assessment([[WORKFLOW_KEY, 10, 'Active']]);
export const WARN = assessment([
  [WORKFLOW_KEY, 85, 'Active'],
  [OTHER_KEY, 2, 'Inactive'],
]);
export const FAIL = assessment([[WORKFLOW_KEY, 95, 'Active']]);
