import type { KeyAdmin, KeyState } from './ports.js';
import type { CommandName } from './command-line.js';
import type { RotationState, Step } from './rotation-plan.js';

/**
 * One run's result as data, for `--json` and the rotate action's outputs and job summary: which
 * step it took (or would take, in a dry run), the keys as it read them, the step a later run takes.
 * Derived from what the planner decided and the exit code alone, so it never claims more than
 * the run's own lines do.
 */
export interface PlannedRun {
  state: RotationState;
  step: Step;
  dryRun: boolean;
}

/** Called by `run` once, when the step is decided, before anything changes. */
export type RunObserver = (planned: PlannedRun) => void;

export type StepName = 'create' | 'deactivate-old' | 'delete-old' | 'recover-interrupted' | 'revoke' | 'none';
export type NextStep = 'create' | 'deactivate-old' | 'delete-old' | 'recover-interrupted' | 'done' | 'fix-and-run-again';
export type Outcome = 'step-taken' | 'nothing-due' | 'dry-run' | 'refused' | 'failed' | 'bad-usage';

export interface KeyResult {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  created: string;
  lastUsed: string | null;
}

export interface RotationResult {
  command: CommandName | null;
  outcome: Outcome;
  exitCode: 0 | 1 | 2;
  /** The step this run took; in a dry run the one it would take; `none` when it took none. */
  step: StepName;
  /** Why nothing was due, or why the run refused (the planner's reason). */
  reason: string | null;
  next: NextStep;
  /** When the next step can happen at the earliest, when the run knows it. */
  notBefore: string | null;
  userName: string | null;
  /** The keys as the run read them before its step. */
  keys: KeyResult[];
  /** The keys after the run: read again when it took (or tried) a step, the same as `keys` when it changed nothing, null when unknown. */
  keysAfter: KeyResult[] | null;
  /** The run's lines, cleaned of secrets as they were printed. */
  messages: string[];
  error: string | null;
}

const AFTER_STEP: Record<Exclude<StepName, 'none' | 'revoke'>, NextStep> = {
  create: 'deactivate-old',
  'deactivate-old': 'delete-old',
  'delete-old': 'done',
  'recover-interrupted': 'create',
};

const keyResult = (key: KeyState): KeyResult => ({
  accessKeyId: key.accessKeyId,
  status: key.status,
  created: key.createDate.toISOString(),
  lastUsed: key.lastUsed?.toISOString() ?? null,
});

/** What a later run does after this nothing-due, and from when. */
function waitingFor(step: Extract<Step, { kind: 'nothing-due' }>): { next: NextStep; notBefore: Date | undefined } {
  const reason = step.reason;
  switch (reason.why) {
    case 'waiting-for-use':
      return { next: 'deactivate-old', notBefore: undefined };
    case 'rotation-in-progress':
      return { next: 'recover-interrupted', notBefore: reason.recoverAfter };
    case 'waiting-to-delete':
      return { next: 'delete-old', notBefore: reason.dueAt };
  }
}

export interface RunRecord {
  command: CommandName | null;
  exitCode: 0 | 1 | 2;
  planned: PlannedRun | undefined;
  messages: string[];
  errors: string[];
  /** The keys read again after a step; undefined when that read failed. */
  keysAfter?: readonly KeyState[];
}

/** Whether the run took or tried a step that changes keys, so they are worth reading again. */
const changedKeys = (planned: PlannedRun | undefined): planned is PlannedRun =>
  planned !== undefined && !planned.dryRun && planned.step.kind !== 'refuse' && planned.step.kind !== 'nothing-due';

/** The keys after a step, read again with the run's own key admin; undefined when that fails (the result says null). */
export async function keysAfterRun(admin: KeyAdmin | undefined, planned: PlannedRun | undefined): Promise<readonly KeyState[] | undefined> {
  if (!admin || !changedKeys(planned)) return undefined;
  return admin.listKeys(planned.state.userName).catch(() => undefined);
}

export function rotationResult({ command, exitCode, planned, messages, errors, keysAfter }: RunRecord): RotationResult {
  const keys = (planned?.state.keys ?? []).map(keyResult);
  const after = changedKeys(planned) ? (keysAfter?.map(keyResult) ?? null) : planned ? keys : null;
  const base = {
    command,
    exitCode,
    reason: null,
    notBefore: null,
    userName: planned?.state.userName ?? null,
    keys,
    keysAfter: after,
    messages,
    error: errors.length > 0 ? errors.join('\n') : null,
  };
  if (exitCode === 2) return { ...base, outcome: 'bad-usage', step: 'none', next: 'fix-and-run-again' };
  if (!planned)
    return {
      ...base,
      outcome: exitCode === 0 ? 'step-taken' : 'failed',
      step: command === 'revoke' ? 'revoke' : 'none',
      next: exitCode === 0 && command === 'revoke' ? 'create' : 'fix-and-run-again',
    };
  const { step } = planned;
  if (step.kind === 'refuse') return { ...base, outcome: 'refused', step: 'none', reason: step.reason.why, next: 'fix-and-run-again' };
  if (step.kind === 'nothing-due') {
    const { next, notBefore } = waitingFor(step);
    return { ...base, outcome: 'nothing-due', step: 'none', reason: step.reason.why, next, notBefore: notBefore?.toISOString() ?? null };
  }
  if (planned.dryRun) return { ...base, outcome: 'dry-run', step: step.kind, next: step.kind };
  if (exitCode !== 0) return { ...base, outcome: 'failed', step: step.kind, next: 'fix-and-run-again' };
  return { ...base, outcome: 'step-taken', step: step.kind, next: AFTER_STEP[step.kind] };
}
