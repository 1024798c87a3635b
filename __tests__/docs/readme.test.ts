/** The README and docs show what the actions really are: their inputs, outputs and example. */
import { describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { TABLE_PLACES, markers, renderTables } from '../../scripts/action-tables.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const read = (file: string) => readFile(path.join(root, file), 'utf8');

function between(text: string, start: string, end: string): string {
  const from = text.indexOf(start);
  const to = text.indexOf(end, from);
  expect(from).toBeGreaterThanOrEqual(0);
  expect(to).toBeGreaterThan(from);
  return text.slice(from + start.length, to);
}

describe('docs match the actions', () => {
  test.each(TABLE_PLACES)('the input and output tables in $doc are those of $action (node scripts/action-tables.mjs rewrites them)', async ({ action, doc, marker }) => {
    const { start, end } = markers(marker);
    expect(between(await read(doc), start, end).trim()).toBe(renderTables(await read(action)));
  });

  test('the workflow shown in the README is examples/sam-deploy.yml, which the schema tests validate', async () => {
    const readme = await read('README.md');
    const shown = between(readme, '<!-- example:sam-deploy:start', '<!-- example:sam-deploy:end -->');
    expect(shown.slice(shown.indexOf('```yaml\n') + '```yaml\n'.length, shown.lastIndexOf('```'))).toBe(await read('examples/sam-deploy.yml'));
  });

  test('the README\'s first screen gives what the action does, the uses: snippet, then the demo and test commands', async () => {
    const firstScreen = (await read('README.md')).split('\n').slice(0, 25).join('\n');
    const at = (text: string) => firstScreen.indexOf(text);
    expect(at('deploy-role credentials')).toBeGreaterThan(0);
    expect(at('uses: assume-deploy-role/assume-deploy-role@v1')).toBeGreaterThan(at('deploy-role credentials'));
    expect(at('npm ci && npm run demo')).toBeGreaterThan(at('uses: assume-deploy-role/assume-deploy-role@v1'));
    expect(at('npm ci && npm test')).toBeGreaterThan(at('npm ci && npm run demo'));
  });
});
