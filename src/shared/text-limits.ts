/**
 * Cutting text to a limit without splitting a character: AWS and GitHub count limits in UTF-16
 * units (Java and JavaScript string lengths), and half of a surrogate pair is not text at all
 * (encodeURIComponent throws "URI malformed" on it). The result has at most `maxUnits` units and
 * ends on a whole code point.
 */
export function cutToLength(text: string, maxUnits: number): string {
  if (text.length <= maxUnits) return text;
  let cut = '';
  for (const codePoint of text) {
    if (cut.length + codePoint.length > maxUnits) break;
    cut += codePoint;
  }
  return cut;
}

/** Larger than any samconfig a person writes; a bigger file is not read at all. */
export const SAMCONFIG_MAX_BYTES = 1024 * 1024;
