// @ts-check
/**
 * The `INPUT_*` variables the runner gives a step: one for every input the action's metadata
 * declares, the given value or else the declared default (`${{ github.<name> }}` evaluated).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { GITHUB_CONTEXT } from './runner-environment.js';

/**
 * @param {string} actionYml the metadata file's absolute path
 * @param {Record<string, string | number | boolean>} inputs by the names action.yml declares; another name is an error (a typo)
 * @returns {Promise<Record<string, string>>} INPUT_NAME → value
 */
export async function inputVariables(actionYml, inputs) {
  const declared = await declaredInputs(actionYml);
  const undeclared = Object.keys(inputs).filter((name) => !declared.has(name));
  if (undeclared.length > 0) throw new Error(`inputs not declared in the action's metadata: ${undeclared.join(', ')}`);
  return Object.fromEntries(
    [...declared].map(([name, defaultValue]) => [
      inputVariable(name),
      name in inputs ? String(inputs[name]) : evaluateDefault(name, defaultValue),
    ]),
  );
}

/**
 * The metadata of the action a bundle belongs to, relative to the repository root.
 * @param {string} entry e.g. `dist/main/index.js`
 */
export function defaultActionYml(entry) {
  const normalized = entry.split(path.sep).join('/');
  if (normalized.includes('dist/key-age/')) return 'key-age/action.yml';
  if (normalized.includes('dist/rotate/')) return 'rotate/action.yml';
  if (normalized.includes('dist/main/') || normalized.includes('dist/post/')) return 'action.yml';
  throw new Error(`no default action.yml for ${entry}: pass actionYml`);
}

/**
 * @param {string} file
 * @returns {Promise<Map<string, unknown>>} input name → declared default
 */
async function declaredInputs(file) {
  const metadata = YAML.parse(await readFile(file, 'utf8'));
  const inputs = metadata?.inputs ?? {};
  return new Map(Object.entries(inputs).map(([name, spec]) => [name, spec?.default]));
}

/**
 * The runner's variable name: spaces become underscores, upper-cased, hyphens kept.
 * @param {string} name
 */
function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * A declared default as the runner passes it. Only `${{ github.<name> }}` expressions are evaluated.
 * @param {string} name
 * @param {unknown} defaultValue
 */
function evaluateDefault(name, defaultValue) {
  if (defaultValue === undefined || defaultValue === null) return '';
  return String(defaultValue).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_expression, body) => {
    const contextName = /^github\.(\w+)$/.exec(body)?.[1];
    const value = contextName === undefined ? undefined : GITHUB_CONTEXT[contextName];
    if (value === undefined) throw new Error(`input ${name}: cannot evaluate the default expression \${{ ${body} }}`);
    return value;
  });
}
