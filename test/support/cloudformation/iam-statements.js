// @ts-check
/**
 * An IAM policy statement read as IAM reads it: its effect, its actions and resources (one or
 * many), and IAM's `*` / `?` wildcards in action and resource patterns.
 */
import { list } from './nodes.js';

/**
 * @typedef {object} Statement
 * @property {string} [Sid]
 * @property {'Allow' | 'Deny'} Effect
 * @property {unknown} [Principal]
 * @property {string | string[]} [Action]
 * @property {unknown} [NotAction]
 * @property {string | string[]} [Resource]
 * @property {unknown} [NotResource]
 * @property {import('./nodes.js').Obj} [Condition]
 */

/** @param {Statement} s */
export const allows = (s) => s.Effect === 'Allow';
/** @param {Statement} s */
export const actionsOf = (s) => list(s.Action).map(String);
/** @param {Statement} s */
export const resourcesOf = (s) => list(s.Resource).map(String);

/**
 * An IAM pattern as a regular expression: `*` any run of characters, `?` one, the rest literal.
 * @param {string} pattern
 * @param {string} flags
 */
const wildcardRegExp = (pattern, flags) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    flags,
  );

/**
 * Does an IAM action pattern (with `*` / `?`) match this action? Case-insensitive, as in IAM.
 * @param {string} pattern
 * @param {string} action
 */
export function actionMatches(pattern, action) {
  return wildcardRegExp(pattern, 'i').test(action);
}

/**
 * Does an IAM resource pattern (with `*` / `?`) match this ARN? Case-sensitive, as in IAM.
 * @param {string} pattern
 * @param {string} arn
 */
export function resourceMatches(pattern, arn) {
  return wildcardRegExp(pattern, '').test(arn);
}
