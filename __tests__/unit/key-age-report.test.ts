/**
 * src/key-age/key-age-report.ts: what the key-age check shows and returns, the job summary and the
 * outputs with their JSON report, key ids only ever as their last four characters.
 */
import { describe, expect, test } from '@jest/globals';
import { keyAgeOutputs, keyAgeSummary, reportJson, safeUserName } from '../../src/key-age/key-age-report.js';
import { FIXED_NOW as NOW } from '../../test/support/fixtures.js';
import { assessment, FAIL, OK, OTHER_KEY, REPORT_CONTEXT as CONTEXT, WARN, WORKFLOW_KEY } from '../../test/support/key-assessments.js';

describe('job summary', () => {
  test('a table of keys by last four characters, the findings and the limits', () => {
    const summary = keyAgeSummary(WARN, CONTEXT);
    expect(summary).toContain('### Access keys of IAM user `sam-cli-user`: attention needed');
    expect(summary).toContain('| Key | Status | Created | Age (days) | Last used | Service |');
    expect(summary).toContain('| …AAAA (this workflow) | Active | 2025-12-06 | 85 | 2026-02-28 (eu-west-1) | sts |');
    expect(summary).toContain('| …BBBB | Inactive | 2026-02-27 | 2 | never | — |');
    expect(summary).toContain('- **Warning**: Access key …AAAA (the key this workflow uses) is 85 days old');
    expect(summary).toContain('- Notice: Access key …BBBB is inactive');
    expect(summary).toContain('Limits: max-age-days 90, warn-age-days 80, max-unused-days 45.');
    expect(summary).not.toContain(WORKFLOW_KEY);
    expect(summary).not.toContain(OTHER_KEY);
  });

  test('leaves out a user name IAM did not write in its own alphabet', () => {
    expect(safeUserName('sam-cli-user')).toBe('sam-cli-user');
    expect(safeUserName('x` <img>')).toBeUndefined();
    expect(keyAgeSummary(OK, { ...CONTEXT, userName: undefined })).toContain('### Access keys: all keys are within the limits');
  });

  test('mentions the keyless path once, as text, when keys exist, whatever the findings', () => {
    for (const found of [OK, WARN, FAIL]) {
      const summary = keyAgeSummary(found, CONTEXT);
      expect(summary.split('runs keyless').length - 1).toBe(1);
      expect(summary).toContain('docs/migrate-to-oidc.md');
      expect(found.findings.map((finding) => finding.message).join(' ')).not.toContain('keyless');
    }
    expect(keyAgeSummary(assessment([]), CONTEXT)).not.toContain('keyless');
  });
});

describe('outputs', () => {
  test('status, oldest age and a JSON report with key ids as their last four characters only', () => {
    const outputs = Object.fromEntries(keyAgeOutputs(WARN, CONTEXT));
    expect(outputs.status).toBe('warn');
    expect(outputs['oldest-key-age-days']).toBe('85');
    const report = JSON.parse(outputs.report ?? '');
    expect(report).toMatchObject({
      status: 'warn',
      oldestKeyAgeDays: 85,
      checkedAt: NOW.toISOString(),
      userName: 'sam-cli-user',
      thresholds: { maxAgeDays: 90, warnAgeDays: 80, maxUnusedDays: 45 },
      keys: [
        {
          key: 'AAAA',
          status: 'Active',
          ageDays: 85,
          lastUsed: '2026-02-28T12:00:00.000Z',
          service: 'sts',
          region: 'eu-west-1',
          usedByThisWorkflow: true,
        },
        { key: 'BBBB', status: 'Inactive', ageDays: 2, lastUsed: null, service: null, region: null, usedByThisWorkflow: false },
      ],
      findings: [
        { severity: 'warning', key: 'AAAA' },
        { severity: 'notice', key: 'BBBB' },
      ],
    });
    expect(reportJson(WARN, CONTEXT)).not.toMatch(/AKIA/);
  });
});
