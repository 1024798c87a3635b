/**
 * A recording fake of the port (src/shared/io.ts) for the action tier: inputs from a map, the
 * environment given, a fixed clock whose sleeps return at once, and every effect recorded in order.
 * `log()` renders stdout as the runner's log would show it, with every mask registered so far.
 */
import type { Clock, Io, Severity } from '../../src/shared/io.js';

export type Effect =
  | { kind: 'mask'; value: string }
  | { kind: 'info' | 'debug'; message: string }
  | { kind: 'annotation'; severity: Severity; message: string; title?: string }
  | { kind: 'export' | 'output' | 'state'; name: string; value: string }
  | { kind: 'summary'; markdown: string }
  | { kind: 'fail'; message?: string };

export interface RecordingIo extends Io {
  readonly effects: Effect[];
  /** Every input name read, in order (repeats kept). */
  readonly inputsRead: string[];
  readonly masks: string[];
  readonly exported: Record<string, string>;
  readonly outputs: Record<string, string>;
  readonly state: Record<string, string>;
  readonly summary: string[];
  readonly annotations: Array<{ severity: Severity; message: string; title?: string }>;
  /** Error lines: fail() messages; `failed` is true after fail() or failQuietly(). */
  readonly errors: string[];
  readonly failed: boolean;
  /** The log as the runner prints it: `Error: `/`Warning: `/`Notice: `, debug lines only with `debug`, masks applied. */
  log(options?: { debug?: boolean }): string;
}

export interface RecordingIoOptions {
  inputs?: Record<string, string>;
  env?: Record<string, string | undefined>;
  /** The clock's fixed time, milliseconds since the epoch. */
  now?: number;
  state?: Record<string, string>;
  /** Makes appendSummary reject, as a summary file that cannot be written does. */
  summaryError?: Error;
  idToken?: (audience: string) => Promise<string>;
}

const ANNOTATION_PREFIX: Record<Severity, string> = { error: 'Error: ', warning: 'Warning: ', notice: 'Notice: ' };

export function recordingIo(options: RecordingIoOptions = {}): RecordingIo {
  const effects: Effect[] = [];
  const inputsRead: string[] = [];
  const masks: string[] = [];
  const exported: Record<string, string> = {};
  const outputs: Record<string, string> = {};
  const state: Record<string, string> = { ...options.state };
  const summary: string[] = [];
  const annotations: RecordingIo['annotations'] = [];
  const errors: string[] = [];
  let failed = false;
  let now = options.now ?? Date.parse('2026-03-01T12:00:00Z');
  const clock: Clock = {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    random: () => 0.5,
  };
  const mask = (text: string, upTo: number) =>
    effects
      .slice(0, upTo)
      .reduce((line, effect) => (effect.kind === 'mask' && effect.value !== '' ? line.split(effect.value).join('***') : line), text);

  const io: RecordingIo = {
    effects,
    inputsRead,
    masks,
    exported,
    outputs,
    state,
    summary,
    annotations,
    errors,
    get failed() {
      return failed;
    },
    env: { ...options.env },
    clock,
    input: (name) => {
      inputsRead.push(name);
      return options.inputs?.[name] ?? '';
    },
    setSecret: (value) => {
      masks.push(value);
      effects.push({ kind: 'mask', value });
    },
    info: (message) => effects.push({ kind: 'info', message }),
    debug: (message) => effects.push({ kind: 'debug', message }),
    annotate: (severity, message, title) => {
      annotations.push({ severity, message, ...(title === undefined ? {} : { title }) });
      effects.push({ kind: 'annotation', severity, message, ...(title === undefined ? {} : { title }) });
    },
    exportVariable: (name, value) => {
      exported[name] = value;
      effects.push({ kind: 'export', name, value });
    },
    setOutput: (name, value) => {
      outputs[name] = value;
      effects.push({ kind: 'output', name, value });
    },
    saveState: (name, value) => {
      state[name] = value;
      effects.push({ kind: 'state', name, value });
    },
    getState: (name) => state[name] ?? '',
    appendSummary: async (markdown) => {
      if (options.summaryError) throw options.summaryError;
      summary.push(markdown);
      effects.push({ kind: 'summary', markdown });
    },
    fail: (message) => {
      failed = true;
      errors.push(message);
      effects.push({ kind: 'fail', message });
    },
    failQuietly: () => {
      failed = true;
      effects.push({ kind: 'fail' });
    },
    ...(options.idToken ? { idToken: options.idToken } : {}),
    log: ({ debug = false } = {}) =>
      effects
        .flatMap((effect, index) => {
          const text = (line: string) => mask(line, index).split('\n');
          switch (effect.kind) {
            case 'info':
              return text(effect.message);
            case 'debug':
              return debug ? text(`##[debug]${effect.message}`) : [];
            case 'annotation':
              return text(`${ANNOTATION_PREFIX[effect.severity]}${effect.message}`);
            case 'fail':
              return effect.message === undefined ? [] : text(`Error: ${effect.message}`);
            default:
              return [];
          }
        })
        .join('\n'),
  };
  return io;
}
