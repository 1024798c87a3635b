// @ts-check
/** The runner's secret masker (SecretMasker.cs): which ranges of a line the registered masks cover. */

/**
 * Where the registered masks cover `text`: merged [start, end) ranges, as the runner's secret
 * masker computes them (whitespace-only masks are ignored, as the runner refuses them).
 * @param {string} text
 * @param {string[]} masks
 * @returns {[number, number][]}
 */
export function maskedRanges(text, masks) {
  /** @type {[number, number][]} */
  const ranges = [];
  for (const mask of masks) {
    if (mask.trim() === '') continue;
    for (let at = text.indexOf(mask); at >= 0; at = text.indexOf(mask, at + 1)) ranges.push([at, at + mask.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  /** @type {[number, number][]} */
  const merged = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * `text` with every masked range replaced by `***`, as the runner's secret masker does.
 * @param {string} text
 * @param {string[]} masks
 */
export function applyMasks(text, masks) {
  let masked = '';
  let position = 0;
  for (const [start, end] of maskedRanges(text, masks)) {
    masked += `${text.slice(position, start)}***`;
    position = end;
  }
  return masked + text.slice(position);
}
