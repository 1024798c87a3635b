/** The samconfig adapter on real files: SAM CLI's file precedence, both parsers, the size cap. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isFolder, readSamconfig, SAMCONFIG_MAX_BYTES } from '../../src/adapters/samconfig-file.js';
import { SAMCONFIG_FILES } from '../../src/assume-role/samconfig-findings.js';

let root: string;
let count = 0;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'samconfig-file-'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function folderWith(files: Record<string, string>): Promise<string> {
  const folder = path.join(root, String(count++));
  await mkdir(folder);
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(folder, name), text);
  return folder;
}

const TOML = 'version = 0.1\n[default.deploy.parameters]\nstack_name = "app"\nregion = "eu-west-1"\nresolve_s3 = true\n';
const YAML = 'version: 0.1\ndefault:\n  deploy:\n    parameters:\n      stack_name: app\n      region: us-east-1\n';

describe('readSamconfig', () => {
  test('no samconfig: none', async () => {
    expect(await readSamconfig(await folderWith({}), SAMCONFIG_FILES)).toEqual({ kind: 'none' });
  });

  test('samconfig.toml wins over samconfig.yaml and .yml, as in SAM CLI', async () => {
    const read = await readSamconfig(await folderWith({ 'samconfig.toml': TOML, 'samconfig.yaml': YAML, 'samconfig.yml': YAML }), SAMCONFIG_FILES);
    expect(read).toEqual({ kind: 'document', name: 'samconfig.toml', document: { version: 0.1, default: { deploy: { parameters: { stack_name: 'app', region: 'eu-west-1', resolve_s3: true } } } } });
  });

  test('samconfig.yaml wins over samconfig.yml; .yml alone is read', async () => {
    const both = await readSamconfig(await folderWith({ 'samconfig.yaml': YAML, 'samconfig.yml': 'version: 0.1\n' }), SAMCONFIG_FILES);
    expect(both).toMatchObject({ kind: 'document', name: 'samconfig.yaml', document: { default: { deploy: { parameters: { region: 'us-east-1' } } } } });
    expect(await readSamconfig(await folderWith({ 'samconfig.yml': YAML }), SAMCONFIG_FILES)).toMatchObject({ kind: 'document', name: 'samconfig.yml' });
  });

  test('integers come back as bigint and decimals as numbers, in both formats', async () => {
    const toml = await readSamconfig(await folderWith({ 'samconfig.toml': 'version = 1\n' }), SAMCONFIG_FILES);
    expect(toml).toEqual({ kind: 'document', name: 'samconfig.toml', document: { version: 1n } });
    const yaml = await readSamconfig(await folderWith({ 'samconfig.yaml': 'version: 1\nother: 1.0\n' }), SAMCONFIG_FILES);
    expect(yaml).toEqual({ kind: 'document', name: 'samconfig.yaml', document: { version: 1n, other: 1 } });
  });

  test('a file that does not parse: unparsable with the parser\'s message (TOML and YAML, duplicate keys too)', async () => {
    const toml = await readSamconfig(await folderWith({ 'samconfig.toml': 'version = 0.1\n[default.deploy.parameters\n' }), SAMCONFIG_FILES);
    expect(toml).toMatchObject({ kind: 'unparsable', name: 'samconfig.toml' });
    const yaml = await readSamconfig(await folderWith({ 'samconfig.yaml': 'version: 0.1\nversion: 0.2\n' }), SAMCONFIG_FILES);
    expect(yaml).toMatchObject({ kind: 'unparsable', name: 'samconfig.yaml' });
    expect((yaml as { message: string }).message).toMatch(/unique/i);
  });

  test('a file over the size cap is not read', async () => {
    const read = await readSamconfig(await folderWith({ 'samconfig.toml': `# ${'x'.repeat(SAMCONFIG_MAX_BYTES)}\n` }), SAMCONFIG_FILES);
    expect(read).toEqual({ kind: 'tooLarge', name: 'samconfig.toml' });
  });

  test('a folder named samconfig.toml is picked by name and read as nothing, as SAM CLI does', async () => {
    const folder = await folderWith({ 'samconfig.yaml': YAML });
    await mkdir(path.join(folder, 'samconfig.toml'));
    expect(await readSamconfig(folder, SAMCONFIG_FILES)).toEqual({ kind: 'none' });
  });
});

describe('isFolder', () => {
  test('a folder, a file, nothing', async () => {
    const folder = await folderWith({ 'file.txt': 'x' });
    expect(await isFolder(folder)).toBe(true);
    expect(await isFolder(path.join(folder, 'file.txt'))).toBe(false);
    expect(await isFolder(path.join(folder, 'missing'))).toBe(false);
  });
});
