// Renders an action.yml's inputs and outputs as Markdown tables and keeps them in the docs.
//   node scripts/action-tables.mjs          -> rewrites the tables in README.md, docs/key-age.md and docs/rotation.md
// A test (__tests__/readme.test.ts) fails when the committed tables differ from action.yml.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where each action's tables live, between `<!-- NAME:start -->` and `<!-- NAME:end -->`. */
export const TABLE_PLACES = [
  { action: 'action.yml', doc: 'README.md', marker: 'action-tables' },
  { action: 'key-age/action.yml', doc: 'docs/key-age.md', marker: 'key-age-tables' },
  { action: 'rotate/action.yml', doc: 'docs/rotation.md', marker: 'rotate-tables' },
];

const cell = (text) =>
  String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ')
    .trim();

/** @param {string} actionYml the file's text */
export function renderTables(actionYml) {
  const action = parse(actionYml);
  const inputs = Object.entries(action.inputs ?? {}).map(([name, input]) => {
    const fallback = input.required ? '(required)' : input.default === undefined || input.default === '' ? '' : `\`${input.default}\``;
    return `| \`${name}\` | ${fallback} | ${cell(input.description ?? '')} |`;
  });
  const outputs = Object.entries(action.outputs ?? {}).map(([name, output]) => `| \`${name}\` | ${cell(output.description ?? '')} |`);
  return ['| input | default | description |', '|---|---|---|', ...inputs, '', '| output | description |', '|---|---|', ...outputs].join(
    '\n',
  );
}

export function markers(marker) {
  return { start: `<!-- ${marker}:start (generated from action.yml by scripts/action-tables.mjs) -->`, end: `<!-- ${marker}:end -->` };
}

/** The doc's text with the tables between the markers replaced by `tables`. */
export function withTables(doc, marker, tables) {
  const { start, end } = markers(marker);
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`markers ${start} … ${end} not found`);
  return `${doc.slice(0, from + start.length)}\n${tables}\n${doc.slice(to)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { action, doc, marker } of TABLE_PLACES) {
    const docPath = path.join(root, doc);
    const tables = renderTables(await readFile(path.join(root, action), 'utf8'));
    await writeFile(docPath, withTables(await readFile(docPath, 'utf8'), marker, tables));
    console.log(`${doc}: tables of ${action} written`);
  }
}
