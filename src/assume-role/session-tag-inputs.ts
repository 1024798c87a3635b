import type { InputParser } from '../shared/input-parser.js';
import { peerInputRules } from './messages/peer-inputs.js';
import { MAX_SESSION_TAGS, MAX_TAG_VALUE_LENGTH, RUN_TAG_KEYS, TAG_CHARACTERS, type SessionTag } from './session-tags.js';

const MAX_TAG_KEY_LENGTH = 128;

/** Whether and how the session is tagged: session-tags, its peer's inverse, and the tags a user adds. */
export interface SessionTagging {
  sessionTags: boolean;
  /** custom-tags: added after the run's tags. */
  customTags: SessionTag[];
  /** transitive-tag-keys: tags that stay on the sessions this session chains to. */
  transitiveTagKeys: string[];
}

/**
 * session-tags (default false) or aws-actions/configure-aws-credentials' role-skip-session-tagging
 * (its default is to tag): either one asks for tags. The runner always passes session-tags' default,
 * so only an explicit contradiction (both asking for and skipping tags) is refused.
 */
function tagsOn(parser: InputParser): boolean {
  const tags = parser.boolean('session-tags', false);
  const skip = parser.optional('role-skip-session-tagging') === undefined ? undefined : parser.boolean('role-skip-session-tagging', true);
  if (tags && skip === true) parser.problem('role-skip-session-tagging', peerInputRules.skipTaggingContradicts);
  return tags || skip === false;
}

function tagValue(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  const text = String(value);
  return text.length <= MAX_TAG_VALUE_LENGTH && TAG_CHARACTERS.test(text) ? text : undefined;
}

/** custom-tags: a JSON object whose keys and values STS accepts as tags, none of the run's own keys. */
function parseCustomTags(parser: InputParser): SessionTag[] {
  const text = parser.optional('custom-tags');
  if (text === undefined) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return parser.problem('custom-tags', peerInputRules.customTagsNotJson) ?? [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return parser.problem('custom-tags', peerInputRules.customTagsNotObject) ?? [];
  const tags: SessionTag[] = [];
  for (const [key, value] of Object.entries(parsed)) {
    if (key.length === 0 || key.length > MAX_TAG_KEY_LENGTH || !TAG_CHARACTERS.test(key)) {
      parser.problem('custom-tags', peerInputRules.customTagKey);
      continue;
    }
    if (RUN_TAG_KEYS.includes(key)) {
      parser.problem('custom-tags', peerInputRules.customTagProtected(key));
      continue;
    }
    const tag = tagValue(value);
    // Named only when plain ASCII: \p{Z} admits line separators, which must not reach the log.
    if (tag === undefined) parser.problem('custom-tags', peerInputRules.customTagValue(/^[\w.:/=+@ -]+$/.test(key) ? key : 'one key'));
    else tags.push({ Key: key, Value: tag });
  }
  // Judged against every tag the run could send, so the answer does not depend on the event.
  const total = RUN_TAG_KEYS.length + tags.length;
  if (total > MAX_SESSION_TAGS) parser.problem('custom-tags', peerInputRules.customTagsTooMany(total, MAX_SESSION_TAGS));
  return tags;
}

export function parseSessionTagging(parser: InputParser): SessionTagging {
  const sessionTags = tagsOn(parser);
  const customTags = parseCustomTags(parser);
  const transitiveTagKeys = parser.list('transitive-tag-keys');
  if (!sessionTags) {
    if (parser.optional('custom-tags') !== undefined) parser.problem('custom-tags', peerInputRules.tagsNeedTagging);
    if (transitiveTagKeys.length > 0) parser.problem('transitive-tag-keys', peerInputRules.tagsNeedTagging);
  }
  const known = new Set([...RUN_TAG_KEYS, ...customTags.map((tag) => tag.Key)]);
  const unknown = transitiveTagKeys.filter((key) => !known.has(key));
  if (sessionTags && unknown.length > 0) parser.problem('transitive-tag-keys', peerInputRules.transitiveTagKeys(unknown.length));
  return { sessionTags, customTags, transitiveTagKeys };
}

/** Keyless mode: STS takes the tags from the token's claims, so every tag input is refused (role-skip-session-tagging: true is what happens anyway). */
export function refuseKeylessTagging(parser: InputParser): void {
  for (const name of ['custom-tags', 'transitive-tag-keys']) {
    if (parser.optional(name) !== undefined) parser.problem(name, peerInputRules.keylessTags);
  }
  if (parser.optional('role-skip-session-tagging') !== undefined && !parser.boolean('role-skip-session-tagging', true)) {
    parser.problem('role-skip-session-tagging', peerInputRules.keylessTags);
  }
}
