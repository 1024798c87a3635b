// @ts-check
/**
 * The values a parsed template is made of, checked as the renderer reads them: mappings (`obj`
 * names what was not one), and the one-or-many lists of CloudFormation and IAM (`list`).
 */

/**
 * @typedef {Record<string, unknown>} Obj
 * @typedef {Record<string, string | string[]>} Params parameter values by name
 */

/**
 * @param {unknown} v
 * @returns {v is Obj}
 */
export const isObj = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * @param {unknown} v
 * @param {string} what
 * @returns {Obj}
 */
export function obj(v, what) {
  if (!isObj(v)) throw new Error(`${what} is not a mapping: ${JSON.stringify(v)}`);
  return v;
}

/**
 * @template T
 * @param {T | T[] | undefined} v
 * @returns {T[]}
 */
export const list = (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
