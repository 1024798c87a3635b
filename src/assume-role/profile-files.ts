/**
 * Sections of the AWS shared credentials and config files, edited as text: a named section is
 * added, replaced or removed and every other line (other sections, comments, blank lines, the
 * file's line ending) stays as it was. INI libraries (ini, js-ini) parse into objects and write
 * them back, which drops comments and reformats the user's own sections, so only section
 * boundaries are found here, the way botocore's configparser and the JS SDK's loader find them:
 * a line whose trimmed text is `[…]` starts a section, lines starting with `#` or `;` are comments.
 */
export type ProfileFileKind = 'credentials' | 'config';

const HEADER = /^\s*\[(.*)\]\s*$/;
const IGNORABLE = /^\s*([#;].*)?$/;

/** The profile a header names in that kind of file; config names it `profile NAME` (or `default`). */
function profileOfHeader(kind: ProfileFileKind, header: string): string | undefined {
  const words = header.trim().split(/\s+/);
  if (kind === 'credentials') return words.length === 1 ? words[0] : undefined;
  if (words.length === 2 && words[0] === 'profile') return words[1];
  return words.length === 1 && words[0] === 'default' ? 'default' : undefined;
}

export function sectionHeader(kind: ProfileFileKind, profile: string): string {
  return kind === 'config' && profile !== 'default' ? `[profile ${profile}]` : `[${profile}]`;
}

interface Section {
  start: number;
  /** One past the section's last key line; comments and blank lines after it belong to what follows. */
  end: number;
}

function sectionsOf(lines: string[], kind: ProfileFileKind, profile: string): Section[] {
  const found: Section[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const header = HEADER.exec(lines[i] ?? '');
    if (!header || profileOfHeader(kind, header[1] ?? '') !== profile) continue;
    let next = i + 1;
    while (next < lines.length && !HEADER.test(lines[next] ?? '')) next += 1;
    let end = next;
    while (end > i + 1 && IGNORABLE.test(lines[end - 1] ?? '') && !isMarker(lines[end - 1] ?? '')) end -= 1;
    found.push({ start: i, end });
  }
  return found;
}

const MARKER_PREFIX = '# written by assume-deploy-role ';

function isMarker(line: string): boolean {
  return line.trim().startsWith(MARKER_PREFIX);
}

/** The comment that makes a section provably ours: only a section carrying this marker is removed. */
export function markerLine(marker: string): string {
  return `${MARKER_PREFIX}${marker}; its post step removes this section`;
}

interface Lines {
  lines: string[];
  eol: string;
}

function splitText(text: string): Lines {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text === '' ? [] : text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { lines, eol };
}

function joinText({ lines, eol }: Lines): string {
  return lines.length === 0 ? '' : `${lines.join(eol)}${eol}`;
}

export function hasProfile(text: string, kind: ProfileFileKind, profile: string): boolean {
  return sectionsOf(splitText(text).lines, kind, profile).length > 0;
}

/** A value on one `key = value` line: a line break or control character would start another key or section. */
function checkedValue(key: string, value: string): string {
  // eslint-disable-next-line no-control-regex
  if (value === '' || /[\u0000-\u001f\u007f]/.test(value) || value.trim() !== value) throw new Error(`${key}: not a single-line value`);
  return value;
}

/**
 * The text with exactly one section for `profile` holding `values` and the marker: it takes the
 * place of the first existing section of that name (others of that name are removed, as botocore
 * rejects duplicates), or is appended after a blank line.
 */
export function writeProfile(
  text: string,
  kind: ProfileFileKind,
  profile: string,
  values: Array<[string, string]>,
  marker: string,
): string {
  const parsed = splitText(text);
  const body = [sectionHeader(kind, profile), markerLine(marker), ...values.map(([key, value]) => `${key} = ${checkedValue(key, value)}`)];
  const existing = sectionsOf(parsed.lines, kind, profile);
  const lines = [...parsed.lines];
  for (const section of [...existing].reverse().slice(0, -1)) lines.splice(section.start, section.end - section.start);
  const first = existing[0];
  if (first) lines.splice(first.start, first.end - first.start, ...body);
  else lines.push(...(lines.length > 0 && lines[lines.length - 1]?.trim() !== '' ? [''] : []), ...body);
  return joinText({ lines, eol: parsed.eol });
}

/**
 * The text without the section for `profile` that carries `marker`, with one blank line that
 * separated it; `removed` is false (text unchanged) when no such section is there any more.
 */
export function removeProfile(text: string, kind: ProfileFileKind, profile: string, marker: string): { text: string; removed: boolean } {
  const parsed = splitText(text);
  const ours = sectionsOf(parsed.lines, kind, profile).filter(({ start, end }) =>
    parsed.lines.slice(start + 1, end).some((line) => line.trim() === markerLine(marker)),
  );
  if (ours.length === 0) return { text, removed: false };
  const lines = [...parsed.lines];
  for (const { start, end } of [...ours].reverse()) {
    const blankBefore = start > 0 && lines[start - 1]?.trim() === '';
    const blankAfter = !blankBefore && start === 0 && lines[end]?.trim() === '';
    lines.splice(blankBefore ? start - 1 : start, end - start + (blankBefore || blankAfter ? 1 : 0));
  }
  return { text: joinText({ lines, eol: parsed.eol }), removed: true };
}

/**
 * The first line of a file the action creates. Jobs sharing a HOME add their sections to it, so
 * whichever post step removes the last one deletes the file, not only the step that created it.
 */
const CREATED_LINE = '# created by assume-deploy-role; deleted when none of its sections is left';
export const CREATED_FILE_TEXT = `${CREATED_LINE}\n`;

/**
 * Whether the file may go: nothing but blank lines left in a file this step created, or nothing
 * but the created-file line (any other text, the user's own included, keeps it).
 */
export function isLeftover(text: string, createdByThisStep: boolean): boolean {
  const lines = splitText(text).lines.filter((line) => line.trim() !== '');
  if (lines.length === 0) return createdByThisStep;
  return lines.length === 1 && lines[0]?.trim() === CREATED_LINE;
}
