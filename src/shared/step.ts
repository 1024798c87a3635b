import { describeInputProblems } from './input-problems.js';
import type { InputReader, Parsed } from './input-parser.js';
import type { Io } from './io.js';
import { summaryWriteFailed } from './messages/step.js';
import { redact } from './redact.js';
import { Secrets } from './secrets.js';
import { StepFailure } from './step-failure.js';
import { masksFor } from './user-key-inputs.js';

/** One action's main step, for `runStep`: which inputs are secret, how to parse them, what to do. */
export interface StepDefinition<T> {
  /** Registered as masks (each piece of a broken paste too) before the inputs are even parsed. */
  secretInputs: readonly string[];
  parse(read: InputReader, io: Io): Parsed<T>;
  body(inputs: T, secrets: Secrets): Promise<void>;
}

export const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The skeleton every action shares: masks, parse, warnings, one error for every input problem (no
 * network call yet), then the body; anything it throws ends the step with one redacted ::error::.
 */
export async function runStep<T>(io: Io, step: StepDefinition<T>): Promise<void> {
  const secrets = new Secrets(io);
  try {
    for (const name of step.secretInputs) masksFor(io.input(name)).forEach((value) => secrets.add(value));
    const parsed = step.parse((name) => io.input(name), io);
    for (const warning of parsed.warnings) io.annotate('warning', warning);
    if (!parsed.ok) {
      io.fail(describeInputProblems(parsed.problems));
      return;
    }
    await step.body(parsed.value, secrets);
  } catch (error) {
    io.fail(error instanceof StepFailure ? error.message : redact(errorText(error), secrets.values));
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
