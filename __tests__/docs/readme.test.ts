/** The README and docs show what the actions really are: their inputs, outputs and example. */
import { describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
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

/** The first ```yaml block of the text, without its fences. */
function fencedYaml(text: string): string {
  const open = '```yaml\n';
  const from = text.indexOf(open);
  expect(from).toBeGreaterThanOrEqual(0);
  const to = text.indexOf('\n```', from + open.length - 1);
  expect(to).toBeGreaterThan(from);
  return text.slice(from + open.length, to + 1);
}

/** Workflows the docs show in full, each between <!-- example:NAME:start --> and <!-- example:NAME:end --> markers. */
const EXAMPLE_COPIES = [
  { doc: 'README.md', name: 'sam-deploy', example: 'examples/sam-deploy.yml' },
  { doc: 'docs/key-age.md', name: 'key-age', example: 'examples/key-age.yml' },
];

describe('docs match the actions', () => {
  test.each(TABLE_PLACES)(
    'the input and output tables in $doc are those of $action (node scripts/action-tables.mjs rewrites them)',
    async ({ action, doc, marker }) => {
      const { start, end } = markers(marker);
      expect(between(await read(doc), start, end).trim()).toBe(renderTables(await read(action)));
    },
  );

  test.each(EXAMPLE_COPIES)(
    'the workflow shown in $doc is $example, character for character (the schema tests validate that file)',
    async ({ doc, name, example }) => {
      expect(fencedYaml(between(await read(doc), `<!-- example:${name}:start`, `<!-- example:${name}:end -->`))).toBe(await read(example));
    },
  );

  test("the uses: snippet on the README's first screen is the assume-role step of examples/sam-deploy.yml", async () => {
    const snippet = parse(fencedYaml((await read('README.md')).split('\n').slice(0, 25).join('\n')));
    const { jobs } = parse(await read('examples/sam-deploy.yml')) as { jobs: Record<string, { steps: Array<{ uses?: string }> }> };
    const steps = Object.values(jobs)
      .flatMap((job) => job.steps)
      .filter((step) => step.uses?.startsWith('assume-deploy-role/assume-deploy-role@'));
    expect(steps).toHaveLength(1);
    expect(snippet).toEqual(steps);
  });

  test("the README's first screen gives what the action does, the uses: snippet, then the demo and test commands", async () => {
    const firstScreen = (await read('README.md')).split('\n').slice(0, 25).join('\n');
    const at = (text: string) => firstScreen.indexOf(text);
    expect(at('deploy-role credentials')).toBeGreaterThan(0);
    expect(at('uses: assume-deploy-role/assume-deploy-role@v1')).toBeGreaterThan(at('deploy-role credentials'));
    expect(at('npm ci && npm run demo')).toBeGreaterThan(at('uses: assume-deploy-role/assume-deploy-role@v1'));
    expect(at('npm ci && npm test')).toBeGreaterThan(at('npm ci && npm run demo'));
  });
});

/** The inputs of aws-actions/configure-aws-credentials v6.2.3's action.yml (git show v6.2.3:action.yml). */
const PEER_V623_INPUTS = [
  'aws-region',
  'aws-profile',
  'overwrite-aws-profile',
  'role-to-assume',
  'aws-access-key-id',
  'aws-secret-access-key',
  'aws-session-token',
  'web-identity-token-file',
  'role-chaining',
  'audience',
  'http-proxy',
  'no-proxy',
  'mask-aws-account-id',
  'role-duration-seconds',
  'role-external-id',
  'role-session-name',
  'role-skip-session-tagging',
  'transitive-tag-keys',
  'inline-session-policy',
  'managed-session-policies',
  'output-credentials',
  'output-env-credentials',
  'unset-current-credentials',
  'disable-retry',
  'retry-max-attempts',
  'special-characters-workaround',
  'use-existing-credentials',
  'allowed-account-ids',
  'force-skip-oidc',
  'action-timeout-s',
  'custom-tags',
  'sts-endpoint',
];

describe("the README's differences from aws-actions/configure-aws-credentials", () => {
  /** The backticked names in the first cell of each row of the table. */
  async function inputRows(): Promise<string[][]> {
    const section = between(await read('README.md'), '## Differences from aws-actions/configure-aws-credentials', '\n## ');
    return section
      .split('\n')
      .filter((line) => line.startsWith('| '))
      .map((line) => {
        const first = line.slice(2).split(' | ')[0] ?? '';
        return [...first.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');
      });
  }

  test('every input of the peer\'s v6.2.3 is declared in action.yml (none is ignored with the runner\'s "Unexpected input")', async () => {
    const inputs = Object.keys((parse(await read('action.yml')) as { inputs: Record<string, unknown> }).inputs);
    expect(PEER_V623_INPUTS.filter((name) => !inputs.includes(name))).toEqual([]);
  });

  test('the table names each input of action.yml in the first cell of exactly one row, and nothing else there', async () => {
    const inputs = Object.keys((parse(await read('action.yml')) as { inputs: Record<string, unknown> }).inputs).sort();
    const named = (await inputRows()).flat();
    expect([...new Set(named)].sort()).toEqual(inputs);
    expect(named.filter((name, index) => named.indexOf(name) !== index)).toEqual([]);
  });
});
