import { describeInputProblems } from './input-problems.js';
import type { InputReader, Parsed } from './input-parser.js';
import type { Io } from './io.js';
import { summaryWriteFailed } from './messages/step.js';
import { redact, withoutSecrets } from './redact.js';
import { runContextFromEnv, type RunContext } from './run-context.js';
import { Secrets } from './secrets.js';
import { StepFailure } from './step-failure.js';
import { masksFor } from './user-key-inputs.js';

/** One action's main step, for `runStep`: which inputs are secret, how to parse them, what to do. */
export interface StepDefinition<T> {
  /** Registered as masks (each piece of a broken paste too) before the inputs are even parsed. */
  secretInputs: readonly string[];
  /** Variables of the step's environment that hold a secret (the runner's ID token request token), masked with the inputs. */
  secretVariables?: readonly string[];
  parse(read: InputReader, io: Io): Parsed<T>;
  /** `run`: what the runner says of the workflow run this step belongs to, read once for the whole step. */
  body(inputs: T, secrets: Secrets, run: RunContext): Promise<void>;
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The skeleton every action shares: masks, parse, warnings, one error for every input problem (no
 * network call yet), then the body; anything it throws, a StepFailure's explanation too, ends the
 * step with one ::error:: cleaned of every registered secret.
 */
export async function runStep<T>(io: Io, step: StepDefinition<T>): Promise<void> {
  const secrets = new Secrets(io);
  try {
    for (const name of step.secretInputs) masksFor(io.input(name)).forEach((value) => secrets.add(value));
    for (const name of step.secretVariables ?? []) if (io.env[name]) secrets.add(io.env[name]);
    const parsed = step.parse((name) => io.input(name), io);
    for (const warning of parsed.warnings) io.annotate('warning', warning);
    if (!parsed.ok) {
      io.fail(describeInputProblems(parsed.problems));
      return;
    }
    await step.body(parsed.value, secrets, runContextFromEnv(io.env));
  } catch (error) {
    io.fail(error instanceof StepFailure ? withoutSecrets(error.message, secrets.values) : redact(errorText(error), secrets.values));
  }
}

/** Appends to the job summary; a summary that cannot be written is a warning, never a failure. */
export async function writeSummary(io: Io, markdown: string, secrets: Secrets): Promise<void> {
  try {
    await io.appendSummary(markdown);
  } catch (error) {
    io.annotate('warning', summaryWriteFailed(redact(String(error), secrets.values)));
  }
}
