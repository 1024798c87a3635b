import { summaryTexts } from './messages/rotation-surface.js';
import type { RotationResult } from './rotation-result.js';

/** Outside text (AWS's and GitHub's words in the run's lines) shown as text, never as markdown or HTML. */
export function markdownText(text: string): string {
  return text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c] ?? c).replace(/[\\`*_{}[\]()#+!|~]/g, '\\$&');
}

const cell = (text: string) => markdownText(text).replace(/\n/g, ' ');

/** The rotate action's job summary: the outcome, this run's step and the next, what it said, the keys it found. */
export function rotationSummary(result: RotationResult): string {
  const keys = result.keys.map((key) => `| ${key.accessKeyId} | ${key.status} | ${key.created} | ${key.lastUsed ?? 'never'} |`);
  const lines = [...result.messages, ...(result.error ? result.error.split('\n') : [])].filter((line) => line.trim() !== '');
  return [
    summaryTexts.heading(result.userName ?? undefined, summaryTexts.outcome[result.outcome]),
    '',
    summaryTexts.table(summaryTexts.step[result.step], summaryTexts.next[result.next], result.notBefore ?? undefined),
    '',
    ...lines.map((line) => `- ${cell(line)}`),
    '',
    ...(keys.length > 0 ? [summaryTexts.keysHeading, '', '| Key | Status | Created | Last used |', '|---|---|---|---|', ...keys, ''] : []),
  ].join('\n');
}
