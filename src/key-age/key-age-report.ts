import { IAM_USER_NAME } from '../shared/aws-names.js';
import { keylessPathNote } from './messages/key-findings.js';
import type { Thresholds } from './thresholds.js';
import type { Finding, KeyAssessment, KeyRow, Severity } from './key-findings.js';

/** The key-age check's results as people and later steps read them: job summary, outputs, JSON. */
export interface ReportContext {
  /** The IAM user the keys belong to, when IAM named it in IAM's own alphabet. */
  userName?: string;
  thresholds: Thresholds;
  now: Date;
  /** Checked with a role session (user-name): the notice that says which key the workflow uses is unknown. */
  workflowKeyUnknown?: string;
}

export function safeUserName(name: string | undefined): string | undefined {
  return name !== undefined && IAM_USER_NAME.test(name) ? name : undefined;
}

const day = (date: Date) => date.toISOString().slice(0, 10);

const SEVERITY_LABEL: Record<Severity, string> = { error: '**Error**', warning: '**Warning**', notice: 'Notice' };

function lastUsedCell(row: KeyRow): string {
  if (row.lastUse.date === undefined) return 'never';
  return `${day(row.lastUse.date)}${row.lastUse.region ? ` (${row.lastUse.region})` : ''}`;
}

/** Markdown table of the keys, oldest first; key ids appear only as their last four characters. */
export function keyTable(assessment: KeyAssessment): string {
  return [
    '| Key | Status | Created | Age (days) | Last used | Service |',
    '|---|---|---|--:|---|---|',
    ...assessment.keys.map(
      (row) =>
        `| …${row.key}${row.usedByThisWorkflow ? ' (this workflow)' : ''} | ${row.status} | ${day(row.created)} | ${row.ageDays} | ${lastUsedCell(row)} | ${row.lastUse.service ?? '—'} |`,
    ),
  ].join('\n');
}

export function findingList(findings: readonly Finding[]): string {
  return findings.map((finding) => `- ${SEVERITY_LABEL[finding.severity]}: ${finding.message}`).join('\n');
}

function limitsLine({ maxAgeDays, warnAgeDays, maxUnusedDays }: Thresholds): string {
  return `Limits: max-age-days ${maxAgeDays}, warn-age-days ${warnAgeDays}, max-unused-days ${maxUnusedDays}.`;
}

const HEADLINE: Record<KeyAssessment['status'], string> = {
  ok: 'all keys are within the limits',
  warn: 'attention needed',
  fail: 'a key is too old',
};

export function keyAgeSummary(assessment: KeyAssessment, context: ReportContext): string {
  const owner = context.userName ? ` of IAM user \`${context.userName}\`` : '';
  return [
    `### Access keys${owner}: ${HEADLINE[assessment.status]}`,
    '',
    keyTable(assessment),
    '',
    ...(assessment.findings.length > 0 ? [findingList(assessment.findings), ''] : []),
    ...(context.workflowKeyUnknown ? [`Notice: ${context.workflowKeyUnknown}`, ''] : []),
    `${limitsLine(context.thresholds)} Checked at ${context.now.toISOString()}.`,
    '',
    ...(assessment.keys.length > 0 ? [keylessPathNote, ''] : []),
  ].join('\n');
}

/** The `report` output: everything in the summary as data, with no secret and no whole key id. */
export function reportJson(assessment: KeyAssessment, context: ReportContext): string {
  return JSON.stringify({
    status: assessment.status,
    oldestKeyAgeDays: assessment.oldestKeyAgeDays,
    checkedAt: context.now.toISOString(),
    userName: context.userName ?? null,
    thresholds: context.thresholds,
    keys: assessment.keys.map((row) => ({
      key: row.key,
      status: row.status,
      created: row.created.toISOString(),
      ageDays: row.ageDays,
      lastUsed: row.lastUse.date?.toISOString() ?? null,
      service: row.lastUse.service ?? null,
      region: row.lastUse.region ?? null,
      usedByThisWorkflow: row.usedByThisWorkflow,
    })),
    findings: assessment.findings.map((finding) => ({ severity: finding.severity, key: finding.key ?? null, message: finding.message })),
  });
}

export function keyAgeOutputs(assessment: KeyAssessment, context: ReportContext): Array<[string, string]> {
  return [
    ['status', assessment.status],
    ['oldest-key-age-days', String(assessment.oldestKeyAgeDays)],
    ['report', reportJson(assessment, context)],
  ];
}
