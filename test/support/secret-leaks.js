// @ts-check
/** Which secrets a person could see in a step's output: before their mask, in stderr, the summary or the log. */
import { parseStdout, splitLines } from './runner-commands.js';
import { shownTexts } from './runner-log.js';
import { maskedRanges } from './runner-masks.js';

/**
 * Problems a person could see: a secret in a stdout line before a mask covering it was registered
 * (everything step debug would show included, whether or not debug was on), or in stderr, the step
 * summary or the visible log. A secret of several lines is also watched line by line (each non-blank
 * line labelled `LABEL (line N)`), as the log is. Each problem names the secret by its label, never by its value.
 * @param {{ stdout: string, stderr: string, summary: string, visibleLog: string }} result
 * @param {{ label: string, value: string | undefined }[]} secrets
 * @returns {string[]}
 */
export function findSecretLeaks(result, secrets) {
  const watched = watchedValues(secrets);
  /** @type {string[]} */
  const problems = [];
  /**
   * @param {string} where
   * @param {string} text
   */
  const reportAny = (where, text) => {
    for (const { label, value } of watched) if (text.includes(value)) problems.push(`${where} contains the ${label}`);
  };

  /** @type {string[]} */
  const masks = [];
  parseStdout(result.stdout).forEach((line, index) => {
    if (line.command?.command === 'add-mask' && !line.control) {
      masks.push(line.command.data);
      return;
    }
    // The resume line's command is the stop token, which may be anything: never put it in a problem.
    const shape = line.control === 'resume' ? ' (resume line)' : line.command ? ` (::${line.command.command}::)` : '';
    const where = `stdout line ${index + 1}${shape}`;
    for (const text of shownTexts(line)) {
      for (const { label, value } of watched) {
        if (showsUnmasked(text, value, masks)) problems.push(`${where} shows the ${label} before a mask covers it`);
      }
    }
  });
  splitLines(result.stderr).forEach((line, index) => reportAny(`stderr line ${index + 1}`, line));
  reportAny('the step summary', result.summary);
  splitLines(result.visibleLog).forEach((line, index) => reportAny(`visible log line ${index + 1}`, line));
  return [...new Set(problems)];
}

/**
 * @param {{ label: string, value: string | undefined }[]} secrets
 * @returns {{ label: string, value: string }[]}
 */
function watchedValues(secrets) {
  return secrets.flatMap(({ label, value }) => {
    if (typeof value !== 'string' || value === '') return [];
    const lines = value.split(/\r?\n/);
    if (lines.length === 1) return [{ label, value }];
    const parts = lines.flatMap((line, i) => (line.trim() === '' ? [] : [{ label: `${label} (line ${i + 1})`, value: line }]));
    return [{ label, value }, ...parts];
  });
}

/**
 * Whether some occurrence of `secret` in `text` has a character no mask covers.
 * @param {string} text
 * @param {string} secret
 * @param {string[]} masks
 */
function showsUnmasked(text, secret, masks) {
  const ranges = maskedRanges(text, masks);
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
    const end = at + secret.length;
    if (!ranges.some(([start, stop]) => start <= at && end <= stop)) return true;
  }
  return false;
}
