/**
 * The command line's words, before any rule about their values: which command, which `--flag value`
 * pairs, and every problem with the words themselves (unknown or repeated flags, a missing value).
 * The values are read through `Io.input` and checked by rotation-inputs.ts.
 */
import path from 'node:path';
import { commandLineProblems } from './messages/command-line.js';

export type CommandName = 'rotate' | 'revoke';

export interface CommandLine {
  command: CommandName | 'help' | undefined;
  flags: ReadonlyMap<string, string>;
  problems: string[];
  /** `--version`: the entry prints the version and runs nothing. */
  version: boolean;
  /** `--json`: one JSON result on stdout, every other line on stderr. */
  json: boolean;
  /** How the person started the command (`node dist/cli/index.js`), for the commands it prints. */
  program: string;
}

/** The program as a clone of the repository runs it; the entry passes how it was really started. */
export const DEFAULT_PROGRAM = 'node dist/cli/index.js';

const VALUE_FLAGS: Record<CommandName, readonly string[]> = {
  rotate: ['user-name', 'repo', 'role-to-assume', 'region', 'environment', 'secret-names', 'delete-after-days'],
  revoke: ['user-name', 'role-to-assume'],
};
const SWITCHES: Record<CommandName, readonly string[]> = { rotate: ['dry-run', 'json'], revoke: ['json'] };

const isCommand = (word: string | undefined): word is CommandName => word === 'rotate' || word === 'revoke';
const quoted = (word: string) => JSON.stringify(word.slice(0, 40));

function line(command: CommandLine['command'], program: string, more: Partial<CommandLine> = {}): CommandLine {
  return { command, flags: new Map(), problems: [], version: false, json: false, program, ...more };
}

export function parseCommandLine(argv: readonly string[], program = DEFAULT_PROGRAM): CommandLine {
  const [first, ...rest] = argv;
  if (first === '--version' || first === '-V' || first === 'version') return line(undefined, program, { version: true });
  if (first === 'help' || first === '--help' || first === '-h') return line('help', program);
  if (first === undefined) return line(undefined, program, { problems: [commandLineProblems.noCommand] });
  if (!isCommand(first))
    return line(undefined, program, { problems: [commandLineProblems.unknownCommand(quoted(first))], json: argv.includes('--json') });
  const flags = new Map<string, string>();
  const problems: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    if (word === '--help' || word === '-h') return line('help', program);
    if (word === '--version') return line(undefined, program, { version: true });
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(word);
    const name = match?.[1];
    if (!match || name === undefined) {
      problems.push(commandLineProblems.unexpectedArgument(quoted(word)));
      continue;
    }
    if (flags.has(name)) problems.push(commandLineProblems.givenTwice(name));
    if (SWITCHES[first].includes(name)) {
      flags.set(name, match[2] ?? 'true');
    } else if (VALUE_FLAGS[first].includes(name)) {
      const value = match[2] ?? rest[i + 1];
      if (match[2] === undefined) i++;
      if (value === undefined || (match[2] === undefined && value.startsWith('--'))) {
        problems.push(commandLineProblems.needsValue(name));
        if (value !== undefined) i--;
        continue;
      }
      flags.set(name, value);
    } else {
      problems.push(commandLineProblems.notAnOption(name, first, [...VALUE_FLAGS[first], ...SWITCHES[first]]));
    }
  }
  const json = flags.get('json');
  if (json !== undefined && !/^(true|false)$/i.test(json)) problems.push(commandLineProblems.jsonNotBoolean);
  return { command: first, flags, problems, version: false, json: json?.toLowerCase() === 'true', program };
}

/** `node SCRIPT` as the person can type it again: relative to their working folder when inside it, quoted for a shell when needed. */
export function programFor(script: string | undefined, cwd: string): string {
  if (!script) return DEFAULT_PROGRAM;
  const relative = path.relative(cwd, script);
  const shown = relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : script;
  return `node ${/^[\w./@+=:,-]+$/.test(shown) ? shown : `'${shown.replace(/'/g, `'\\''`)}'`}`;
}
