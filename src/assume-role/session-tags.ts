import { cutToLength } from '../shared/text-limits.js';
import type { RunContext } from '../shared/run-context.js';

export interface SessionTag {
  Key: string;
  Value: string;
}

export const MAX_TAG_VALUE_LENGTH = 256;
/** STS takes at most 50 session tags. */
export const MAX_SESSION_TAGS = 50;

/** STS tag keys and values allow letters, digits, spaces and _ . : / = + - @ only. */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

function toTagValue(text: string): string {
  return cutToLength(text.replace(/[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu, '_'), MAX_TAG_VALUE_LENGTH);
}

/** The run's tags, in the order aws-actions/configure-aws-credentials v6.2.3 sends them. */
const RUN_TAGS: ReadonlyArray<[string, (run: RunContext) => string | undefined]> = [
  ['GitHub', () => 'Actions'],
  ['Repository', (run) => run.repository],
  ['Workflow', (run) => run.workflow],
  ['Action', (run) => run.action],
  ['Actor', (run) => run.actor],
  ['Commit', (run) => run.sha],
  ['Branch', (run) => run.ref],
  ['EventName', (run) => run.eventName],
  ['BaseRef', (run) => run.baseRef],
  ['HeadRef', (run) => run.headRef],
  ['RunId', (run) => run.runId],
  ['Job', (run) => run.job],
  ['TriggeringActor', (run) => run.triggeringActor],
];

/** Keys this action fills from the run; custom-tags may not override them. */
export const RUN_TAG_KEYS: readonly string[] = RUN_TAGS.map(([key]) => key);

/**
 * Tags describing the run, under the keys aws-actions/configure-aws-credentials uses, so IAM
 * conditions written for it (aws:PrincipalTag/Repository, …) keep working after a switch.
 */
export function sessionTagsForRun(run: RunContext): SessionTag[] {
  return RUN_TAGS.flatMap(([Key, read]) => {
    const value = read(run);
    return value === undefined ? [] : [{ Key, Value: toTagValue(value) }];
  });
}

/** AssumeRole's Tags and TransitiveTagKeys: the run's tags, then custom-tags; transitive keys only of tags sent. */
export function sessionTagRequest(
  run: RunContext,
  tagging: { sessionTags: boolean; customTags: SessionTag[]; transitiveTagKeys: string[] },
): { Tags?: SessionTag[]; TransitiveTagKeys?: string[] } {
  if (!tagging.sessionTags) return {};
  const tags = [...sessionTagsForRun(run), ...tagging.customTags];
  const transitive = tagging.transitiveTagKeys.filter((key) => tags.some((tag) => tag.Key === key));
  return { Tags: tags, ...(transitive.length > 0 ? { TransitiveTagKeys: transitive } : {}) };
}
