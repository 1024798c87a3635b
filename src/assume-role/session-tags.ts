import { cutToLength } from '../shared/text-limits.js';
import type { RunContext } from '../shared/run-context.js';

export interface SessionTag {
  Key: string;
  Value: string;
}

const MAX_VALUE_LENGTH = 256;

/** STS tag values allow letters, digits, spaces and _ . : / = + - @ only. */
function toTagValue(text: string): string {
  return cutToLength(text.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_'), MAX_VALUE_LENGTH);
}

/**
 * Tags describing the run, under the keys aws-actions/configure-aws-credentials uses, so IAM
 * conditions written for it (aws:PrincipalTag/Repository, …) keep working after a switch.
 */
export function sessionTagsForRun(run: RunContext): SessionTag[] {
  const tags: Array<[string, string | undefined]> = [
    ['GitHub', 'Actions'],
    ['Repository', run.repository],
    ['Workflow', run.workflow],
    ['Action', run.action],
    ['Actor', run.actor],
    ['Commit', run.sha],
    ['Branch', run.ref],
  ];
  return tags.flatMap(([Key, value]) => (value === undefined ? [] : [{ Key, Value: toTagValue(value) }]));
}
