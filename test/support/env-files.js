// @ts-check
/** The runner's file commands: GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE as it reads them. */
import { splitLines } from './runner-commands.js';

/**
 * Parses a GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE file as the runner does: `NAME=value` lines
 * and `NAME<<DELIMITER` … `DELIMITER` blocks; blank lines skipped; later entries win. Errors name
 * the line, never its value.
 * @param {string} text
 * @param {string} fileLabel
 * @returns {Record<string, string>}
 */
export function parseKeyValueFile(text, fileLabel) {
  /** @type {Record<string, string>} */
  const values = {};
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i += 1) {
    const line = /** @type {string} */ (lines[i]);
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (name === '') throw new Error(`${fileLabel} line ${i + 1}: empty name`);
      values[name] = line.slice(equals + 1);
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === '' || delimiter === '') throw new Error(`${fileLabel} line ${i + 1}: a heredoc needs a name and a delimiter`);
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`${fileLabel} line ${i + 1}: matching delimiter not found`);
      values[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      throw new Error(`${fileLabel} line ${i + 1}: neither NAME=value nor NAME<<DELIMITER`);
    }
  }
  return values;
}
