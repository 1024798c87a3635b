import type { Io } from '../shared/io.js';
import { systemClock } from './system-clock.js';

export interface CliStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * The port for a person's terminal: inputs are the command's flags, lines go to stdout (errors and
 * warnings to stderr), and every line is cleaned first: each registered secret replaced by ***,
 * control characters (a terminal escape in outside text) removed. Exit codes are the entry's job.
 */
export function cliIo(flags: ReadonlyMap<string, string>, env: Io['env'] = process.env, streams: CliStreams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}): Io {
  const secrets: string[] = [];
  const clean = (message: string) => message.split('\n').map((line) => {
    let text = line;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) text = text.split(secret).join('***');
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, ' ');
  }).join('\n');
  const line = (write: (text: string) => void, prefix: string) => (message: string) => write(`${prefix}${clean(message)}\n`);
  const unsupported = (what: string) => () => {
    throw new Error(`the command line has no ${what}`);
  };
  return {
    input: (name) => flags.get(name) ?? '',
    env,
    clock: systemClock,
    setSecret: (value) => {
      if (value !== '' && !secrets.includes(value)) secrets.push(value);
    },
    info: line(streams.stdout, ''),
    debug: () => undefined,
    annotate: (severity, message) => line(streams.stderr, `${severity}: `)(message),
    exportVariable: unsupported('exported variables'),
    setOutput: unsupported('outputs'),
    saveState: unsupported('saved state'),
    getState: () => '',
    appendSummary: async () => undefined,
    fail: line(streams.stderr, 'error: '),
    failQuietly: () => undefined,
  };
}
