import type { Io } from '../shared/io.js';
import { systemClock } from './system-clock.js';

export interface CliStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** The command line's Io, and what it printed (cleaned), for the `--json` result. */
export interface CliIo extends Io {
  readonly said: { lines: string[]; errors: string[] };
  /** A text as every line of this Io prints it: registered secrets masked, control characters removed. */
  clean(text: string): string;
}

const DEFAULT_STREAMS: CliStreams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/**
 * The port for a person's terminal: inputs are the command's flags, lines go to stdout (errors and
 * warnings to stderr; with `json`, every line to stderr, stdout being the result's), and every line
 * is cleaned first: each registered secret replaced by ***, control characters (a terminal escape
 * in outside text) removed. Exit codes are the entry's job.
 */
export function cliIo(
  flags: ReadonlyMap<string, string>,
  env: Io['env'] = process.env,
  streams: CliStreams = DEFAULT_STREAMS,
  json = false,
): CliIo {
  const secrets: string[] = [];
  const said = { lines: [] as string[], errors: [] as string[] };
  const clean = (message: string) =>
    message
      .split('\n')
      .map((line) => {
        let text = line;
        for (const secret of [...secrets].sort((a, b) => b.length - a.length)) text = text.split(secret).join('***');
        // eslint-disable-next-line no-control-regex
        return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
      })
      .join('\n');
  const line = (write: (text: string) => void, prefix: string, into: string[]) => (message: string) => {
    const text = clean(message);
    into.push(`${prefix}${text}`);
    write(`${prefix}${text}\n`);
  };
  const unsupported = (what: string) => () => {
    throw new Error(`the command line has no ${what}`);
  };
  return {
    said,
    clean,
    input: (name) => flags.get(name) ?? '',
    env,
    clock: systemClock,
    setSecret: (value) => {
      if (value !== '' && !secrets.includes(value)) secrets.push(value);
    },
    info: line(json ? streams.stderr : streams.stdout, '', said.lines),
    debug: () => undefined,
    annotate: (severity, message) => line(streams.stderr, `${severity}: `, said.lines)(message),
    exportVariable: unsupported('exported variables'),
    setOutput: unsupported('outputs'),
    saveState: unsupported('saved state'),
    getState: () => '',
    appendSummary: async () => undefined,
    fail: (message) => {
      said.errors.push(clean(message));
      streams.stderr(`error: ${clean(message)}\n`);
    },
    failQuietly: () => undefined,
  };
}
