/**
 * The command line's words, before any rule about their values: which command, which `--flag value`
 * pairs, and every problem with the words themselves (unknown or repeated flags, a missing value).
 * The values are read through `Io.input` and checked by rotation-inputs.ts.
 */
export type CommandName = 'rotate' | 'revoke';

export interface CommandLine {
  command: CommandName | 'help' | undefined;
  flags: ReadonlyMap<string, string>;
  problems: string[];
}

const VALUE_FLAGS: Record<CommandName, readonly string[]> = {
  rotate: ['user-name', 'repo', 'role-to-assume', 'region', 'environment', 'secret-names', 'delete-after-days'],
  revoke: ['user-name', 'role-to-assume'],
};
const SWITCHES: Record<CommandName, readonly string[]> = { rotate: ['dry-run'], revoke: [] };

const isCommand = (word: string | undefined): word is CommandName => word === 'rotate' || word === 'revoke';

export function parseCommandLine(argv: readonly string[]): CommandLine {
  const [first, ...rest] = argv;
  if (first === undefined || first === 'help' || first === '--help' || first === '-h') return { command: 'help', flags: new Map(), problems: [] };
  if (!isCommand(first)) return { command: undefined, flags: new Map(), problems: [`unknown command ${JSON.stringify(first.slice(0, 40))}: use rotate or revoke`] };
  const flags = new Map<string, string>();
  const problems: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i] ?? '';
    if (word === '--help' || word === '-h') return { command: 'help', flags: new Map(), problems: [] };
    const match = /^--([a-z-]+)(?:=(.*))?$/s.exec(word);
    const name = match?.[1];
    if (!match || name === undefined) {
      problems.push(`unexpected argument ${JSON.stringify(word.slice(0, 40))}: options are written --name value`);
      continue;
    }
    if (flags.has(name)) problems.push(`--${name}: given more than once`);
    if (SWITCHES[first].includes(name)) {
      flags.set(name, match[2] ?? 'true');
    } else if (VALUE_FLAGS[first].includes(name)) {
      const value = match[2] ?? rest[i + 1];
      if (match[2] === undefined) i++;
      if (value === undefined || (match[2] === undefined && value.startsWith('--'))) {
        problems.push(`--${name}: needs a value`);
        if (value !== undefined) i--;
        continue;
      }
      flags.set(name, value);
    } else {
      problems.push(`--${name}: not an option of ${first} (it takes ${[...VALUE_FLAGS[first], ...SWITCHES[first]].map((flag) => `--${flag}`).join(', ')})`);
    }
  }
  return { command: first, flags, problems };
}
