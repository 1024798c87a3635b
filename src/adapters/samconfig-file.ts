/**
 * Finds and parses SAM CLI's samconfig in one folder, as SAM CLI picks it: the first of the names
 * given that exists (samconfig.toml, .yaml, .yml). The parsers are loaded only when such a file
 * exists, with import(), so ncc puts them in chunks of their own and a run without one never
 * reads them. Nothing here throws for the file's sake: every outcome is a value.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { SamconfigRead } from '../assume-role/ports.js';
import { errorText } from '../shared/step.js';
import { SAMCONFIG_MAX_BYTES } from '../shared/text-limits.js';
import { realPathInWorkspace } from './workspace-path.js';

export type { SamconfigRead };
export { SAMCONFIG_MAX_BYTES };

const isMissing = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

/** Whether `folder` exists and is a folder (the working-directory input's check). */
export async function isFolder(folder: string): Promise<boolean> {
  try {
    return (await stat(folder)).isDirectory();
  } catch {
    return false;
  }
}

/** TOML or YAML by the name's ending; integers as bigint, so `version = 1` can be told from `1.0`, as SAM CLI tells them. */
async function parse(name: string, text: string): Promise<unknown> {
  if (name.endsWith('.toml')) {
    const { parse: parseToml } = await import('smol-toml');
    return parseToml(text, { integersAsBigInt: true });
  }
  const { parse: parseYaml } = await import('yaml');
  // logLevel 'error': parse errors throw; the parser's warnings never go to stderr on their own.
  return parseYaml(text, { intAsBigInt: true, logLevel: 'error' });
}

/**
 * The samconfig in `folder`, read only when its real path is inside `workspace`: one that is a
 * symbolic link out of it is never opened, and what is read is the resolved file itself.
 */
/**
 * What a parser said, without the file's text: the first line of its message (smol-toml and yaml
 * put a code frame quoting the file's lines after it), with smol-toml's line and column.
 */
function parserReason(error: unknown): string {
  const [first = ''] = errorText(error).split('\n');
  const { line, column } = error as { line?: unknown; column?: unknown };
  const at =
    typeof line === 'number' && typeof column === 'number' && !first.includes(' at line ') ? ` at line ${line}, column ${column}` : '';
  return `${first.replace(/:\s*$/, '')}${at}`;
}

export async function readSamconfig(folder: string, names: readonly string[], workspace: string): Promise<SamconfigRead> {
  for (const name of names) {
    let file: string;
    let size: number;
    try {
      // Missing (a dangling link too) is ENOENT here, and the next name is tried, as SAM CLI does.
      const real = await realPathInWorkspace(workspace, path.join(folder, name));
      if (real === undefined) return { kind: 'outsideWorkspace', name };
      file = real;
      const info = await stat(file);
      // SAM CLI picks the name even when it is no file, then reads nothing from it; a FIFO is never read here.
      if (!info.isFile()) return { kind: 'none' };
      size = info.size;
    } catch (error) {
      if (isMissing(error)) continue;
      return { kind: 'unreadable', name, message: errorText(error) };
    }
    if (size > SAMCONFIG_MAX_BYTES) return { kind: 'tooLarge', name };
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      return { kind: 'unreadable', name, message: errorText(error) };
    }
    try {
      return { kind: 'document', name, document: await parse(name, text) };
    } catch (error) {
      return { kind: 'unparsable', name, message: parserReason(error) };
    }
  }
  return { kind: 'none' };
}
