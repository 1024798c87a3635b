import type { Io } from '../shared/io.js';
import {
  leaseTexts,
  refusalTexts,
  nothingDueTexts,
  revokeTexts,
  stepTexts,
  usageProblems,
  usageText,
  type RotationContext,
} from './messages/rotation.js';
import { redact, withoutSecrets } from '../shared/redact.js';
import { CallFailed } from '../shared/retry.js';
import { Secrets } from '../shared/secrets.js';
import { errorText } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import type { CommandLine } from './command-line.js';
import { createAndStore } from './create-step.js';
import { deactivateOld, deleteOld, recoverInterrupted, type LaterStepContext } from './later-steps.js';
import { revoke } from './revoke.js';
import { releaseLease, takeLease } from './rotation-lease.js';
import { parseRotationOptions, type RotateOptions } from './rotation-inputs.js';
import { rotationContext } from './rotation-context.js';
import { isTargetUser, planRotation, type RotationState, type Step } from './rotation-plan.js';
import type { RunObserver } from './rotation-result.js';
import type { RotationDeps, SecretStore } from './ports.js';

/** 0: a step was taken or nothing was due; 1: failed or refused, with one error; 2: bad usage. */
export type ExitCode = 0 | 1 | 2;

function describe(error: unknown, secrets: Secrets): string {
  if (error instanceof CallFailed) return redact(`${error.failure.code}: ${error.failure.message}`, secrets.values);
  return redact(errorText(error), secrets.values);
}

/** The state from IAM and GitHub; `now` is AWS's time, which every age and grace is judged by. */
async function readState(options: RotateOptions, deps: RotationDeps, store: SecretStore): Promise<RotationState> {
  const callerArn = await deps.keyAdmin.callerArn();
  if (isTargetUser(callerArn, options.userName))
    return { userName: options.userName, callerArn, keys: [], tags: new Map(), now: deps.keyAdmin.now(), stored: {} };
  const [keys, tags, stored] = await Promise.all([
    deps.keyAdmin.listKeys(options.userName),
    deps.keyAdmin.userTags(options.userName),
    store.updatedAt([options.secretNames.id, options.secretNames.secret]),
  ]);
  return {
    userName: options.userName,
    callerArn,
    keys,
    tags,
    now: deps.keyAdmin.now(),
    stored: { id: stored.get(options.secretNames.id), secret: stored.get(options.secretNames.secret) },
  };
}

function plannedText(step: Step, texts: RotationContext): string {
  switch (step.kind) {
    case 'create':
      return stepTexts.plannedCreate(texts, step.oldKey);
    case 'deactivate-old':
      return stepTexts.plannedDeactivate(step.oldKey);
    case 'delete-old':
      return stepTexts.plannedDelete(step.key);
    case 'recover-interrupted':
      return stepTexts.plannedRecover(texts, step.newKey, step.oldKey, step.idWasWritten);
    case 'nothing-due':
      return (nothingDueTexts[step.reason.why] as (r: unknown, c: RotationContext) => string)(step.reason, texts);
    case 'refuse':
      return (refusalTexts[step.reason.why] as (r: unknown, c: RotationContext) => string)(step.reason, texts);
  }
}

/** Prints a step that changes nothing; true when there is nothing more to do. */
function settledWithout(io: Io, step: Step, texts: RotationContext, dryRun: boolean): ExitCode | undefined {
  if (step.kind === 'refuse') {
    io.fail(plannedText(step, texts));
    return 1;
  }
  if (step.kind === 'nothing-due' || dryRun) {
    io.info(dryRun && step.kind !== 'nothing-due' ? stepTexts.dryRun(plannedText(step, texts)) : plannedText(step, texts));
    return 0;
  }
  return undefined;
}

async function rotate(io: Io, options: RotateOptions, deps: RotationDeps, secrets: Secrets, observe?: RunObserver): Promise<ExitCode> {
  const texts = rotationContext(options);
  const said = (error: unknown) => describe(error, secrets);
  const store = await deps.secretStore(options.place);
  // The last plan is the one acted on: the observer (--json, the action's outputs) keeps the last call.
  const plan = (state: RotationState) => {
    const step = planRotation(state, { deleteAfterDays: options.deleteAfterDays });
    observe?.({ state, step, dryRun: options.dryRun });
    return step;
  };
  const first = await readState(options, deps, store);
  const done = settledWithout(io, plan(first), texts, options.dryRun);
  if (done !== undefined) return done;
  const lease = await takeLease(deps.keyAdmin, io.clock, options.userName, first.callerArn);
  try {
    // Read again under the lease: a run that held it before may have changed everything.
    const state = await readState(options, deps, store);
    const step = plan(state);
    const settled = settledWithout(io, step, texts, false);
    if (settled !== undefined) return settled;
    const later: LaterStepContext = {
      userName: options.userName,
      idSecretName: options.secretNames.id,
      texts,
      admin: deps.keyAdmin,
      now: state.now,
      say: (line) => io.info(line),
      said,
    };
    switch (step.kind) {
      case 'create':
        await createAndStore(
          {
            options,
            texts,
            admin: deps.keyAdmin,
            probe: deps.keyProbe,
            store,
            clock: io.clock,
            say: later.say,
            said,
            stored: state.stored,
          },
          step.oldKey,
        );
        break;
      case 'deactivate-old':
        await deactivateOld(later, step.oldKey);
        break;
      case 'delete-old':
        await deleteOld(later, step.key);
        break;
      case 'recover-interrupted':
        await recoverInterrupted(later, store, step.newKey, step.oldKey, step.idWasWritten);
        break;
    }
    return 0;
  } finally {
    if (!(await releaseLease(deps.keyAdmin, options.userName, lease))) io.annotate('warning', leaseTexts.notReleased(options.userName));
  }
}

/**
 * The command line: `commandLine` holds the command and the problems with the words; the flags'
 * values come through `io.input`. Every failure ends in one error line through `io.fail`.
 */
export async function run(
  io: Io,
  commandLine: CommandLine,
  deps: (secrets: Secrets) => RotationDeps,
  observe?: RunObserver,
): Promise<ExitCode> {
  if (commandLine.command === 'help') {
    io.info(usageText);
    return 0;
  }
  if (commandLine.command === undefined) {
    io.fail(usageProblems(commandLine.problems));
    return 2;
  }
  const parsed = parseRotationOptions(commandLine.command, (name) => io.input(name), commandLine.problems, commandLine.program);
  if (!parsed.ok) {
    io.fail(usageProblems(parsed.problems));
    return 2;
  }
  const secrets = new Secrets(io);
  try {
    const options = parsed.value;
    if (options.command === 'rotate') return await rotate(io, options, deps(secrets), secrets, observe);
    const failures = await revoke(io, options, deps(secrets).keyAdmin, (error) => describe(error, secrets));
    if (failures === 0) return 0;
    io.fail(revokeTexts.failed(failures));
    return 1;
  } catch (error) {
    io.fail(error instanceof StepFailure ? withoutSecrets(error.message, secrets.values) : describe(error, secrets));
    return 1;
  }
}
