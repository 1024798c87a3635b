/**
 * The port: everything an action or the command line does to the world goes through one `Io`.
 * Features receive it in `run(io, …)` and never import `@actions/core`, read `process.env` or make
 * a `new Date()` of their own. Adapters: `adapters/actions-io.ts` (the GitHub runner, over
 * `@actions/core`), the command line's own, and `test/support/recording-io.ts` (tests).
 */
export type Severity = 'error' | 'warning' | 'notice';

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1), for backoff jitter. */
  random(): number;
}

export interface Io {
  /** An input's raw text, white space kept; '' when it was not given. */
  input(name: string): string;
  /** The process environment as the step sees it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly clock: Clock;
  /** Registers a value to be masked in every later line; call it before the value could print. */
  setSecret(value: string): void;
  info(message: string): void;
  debug(message: string): void;
  /** An annotation (`::warning::`), optionally with a title. */
  annotate(severity: Severity, message: string, title?: string): void;
  exportVariable(name: string, value: string): void;
  setOutput(name: string, value: string): void;
  saveState(name: string, value: string): void;
  getState(name: string): string;
  /** Appends markdown to the job summary. */
  appendSummary(markdown: string): Promise<void>;
  /** Fails the step with one error line and a non-zero exit. */
  fail(message: string): void;
  /** A non-zero exit without another error line (the findings already said why). */
  failQuietly(): void;
  /** GitHub's OIDC ID token for `audience` (keyless mode); undefined where the runner offers none. */
  idToken?(audience: string, timeoutMs: number): Promise<string>;
}
