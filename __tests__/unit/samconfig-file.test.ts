/** The samconfig adapter on real files: SAM CLI's file precedence, both parsers, the size cap, workspace confinement. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isFolder, readSamconfig, SAMCONFIG_MAX_BYTES } from '../../src/adapters/samconfig-file.js';
import { isInWorkspace } from '../../src/adapters/workspace-path.js';
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

/** The samconfig of a folder that is its own workspace. */
const readIn = (folder: string) => readSamconfig(folder, SAMCONFIG_FILES, folder);

const TOML = 'version = 0.1\n[default.deploy.parameters]\nstack_name = "app"\nregion = "eu-west-1"\nresolve_s3 = true\n';
const YAML = 'version: 0.1\ndefault:\n  deploy:\n    parameters:\n      stack_name: app\n      region: us-east-1\n';

describe('readSamconfig', () => {
  test('no samconfig: none', async () => {
    expect(await readIn(await folderWith({}))).toEqual({ kind: 'none' });
  });

  test('samconfig.toml wins over samconfig.yaml and .yml, as in SAM CLI', async () => {
    const read = await readIn(await folderWith({ 'samconfig.toml': TOML, 'samconfig.yaml': YAML, 'samconfig.yml': YAML }));
    expect(read).toEqual({
      kind: 'document',
      name: 'samconfig.toml',
      document: { version: 0.1, default: { deploy: { parameters: { stack_name: 'app', region: 'eu-west-1', resolve_s3: true } } } },
    });
  });

  test('samconfig.yaml wins over samconfig.yml; .yml alone is read', async () => {
    const both = await readIn(await folderWith({ 'samconfig.yaml': YAML, 'samconfig.yml': 'version: 0.1\n' }));
    expect(both).toMatchObject({
      kind: 'document',
      name: 'samconfig.yaml',
      document: { default: { deploy: { parameters: { region: 'us-east-1' } } } },
    });
    expect(await readIn(await folderWith({ 'samconfig.yml': YAML }))).toMatchObject({ kind: 'document', name: 'samconfig.yml' });
  });

  test('integers come back as bigint and decimals as numbers, in both formats', async () => {
    const toml = await readIn(await folderWith({ 'samconfig.toml': 'version = 1\n' }));
    expect(toml).toEqual({ kind: 'document', name: 'samconfig.toml', document: { version: 1n } });
    const yaml = await readIn(await folderWith({ 'samconfig.yaml': 'version: 1\nother: 1.0\n' }));
    expect(yaml).toEqual({ kind: 'document', name: 'samconfig.yaml', document: { version: 1n, other: 1 } });
  });

  test("a file that does not parse: unparsable with the parser's reason and position, never the file's lines (TOML and YAML, duplicate keys too)", async () => {
    const toml = await readIn(await folderWith({ 'samconfig.toml': 'version = 0.1\n[default.deploy.parameters\n' }));
    expect(toml).toMatchObject({ kind: 'unparsable', name: 'samconfig.toml' });
    const quoting = await readIn(
      await folderWith({ 'samconfig.toml': 'version = 0.1\nAWS_SECRET=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY oops\n' }),
    );
    expect(quoting).toEqual({
      kind: 'unparsable',
      name: 'samconfig.toml',
      message: 'Invalid TOML document: invalid value at line 2, column 12',
    });
    const quotingYaml = await readIn(await folderWith({ 'samconfig.yaml': 'a: b\nsecret: [x\n  token: hunter2-hunter2\n' }));
    expect((quotingYaml as { message: string }).message).not.toMatch(/hunter2|secret|\n/);
    const yaml = await readIn(await folderWith({ 'samconfig.yaml': 'version: 0.1\nversion: 0.2\n' }));
    expect(yaml).toMatchObject({ kind: 'unparsable', name: 'samconfig.yaml' });
    expect((yaml as { message: string }).message).toMatch(/unique/i);
  });

  test('a file over the size cap is not read', async () => {
    const read = await readIn(await folderWith({ 'samconfig.toml': `# ${'x'.repeat(SAMCONFIG_MAX_BYTES)}\n` }));
    expect(read).toEqual({ kind: 'tooLarge', name: 'samconfig.toml' });
  });

  test('a folder named samconfig.toml is picked by name and read as nothing, as SAM CLI does', async () => {
    const folder = await folderWith({ 'samconfig.yaml': YAML });
    await mkdir(path.join(folder, 'samconfig.toml'));
    expect(await readIn(folder)).toEqual({ kind: 'none' });
  });
});

describe('workspace confinement', () => {
  test('a samconfig that is a symbolic link out of the workspace is not read (not even /proc/self/environ); a link within it is', async () => {
    const outside = await folderWith({
      'samconfig.toml': 'version = 0.1\n[default.deploy.parameters]\nprofile = "secret-of-another-folder"\n',
    });
    for (const target of [path.join(outside, 'samconfig.toml'), '/proc/self/environ']) {
      const workspace = await folderWith({});
      await symlink(target, path.join(workspace, 'samconfig.toml'));
      expect(await readIn(workspace)).toEqual({ kind: 'outsideWorkspace', name: 'samconfig.toml' });
    }
    const workspace = await folderWith({});
    await mkdir(path.join(workspace, 'config'), { recursive: true });
    await writeFile(path.join(workspace, 'config', 'shared.toml'), TOML);
    await symlink('config/shared.toml', path.join(workspace, 'samconfig.toml'));
    expect(await readIn(workspace)).toMatchObject({ kind: 'document', name: 'samconfig.toml' });
  });

  test('a folder in the workspace through a link: inside when the link stays in, outside when it leads out', async () => {
    const workspace = await folderWith({});
    const elsewhere = await folderWith({});
    await mkdir(path.join(workspace, 'services', 'api'), { recursive: true });
    await symlink(path.join(workspace, 'services'), path.join(workspace, 'svc'));
    await symlink(elsewhere, path.join(workspace, 'out'));
    await symlink('/', path.join(workspace, 'root'));
    expect(await isInWorkspace(workspace, path.join(workspace, 'svc', 'api'))).toBe(true);
    expect(await isInWorkspace(workspace, workspace)).toBe(true);
    expect(await isInWorkspace(workspace, path.join(workspace, 'out'))).toBe(false);
    expect(await isInWorkspace(workspace, path.join(workspace, 'root', 'etc'))).toBe(false);
    expect(await isInWorkspace(workspace, path.join(workspace, 'missing'))).toBe(false);
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
