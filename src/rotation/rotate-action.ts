import type { Io } from '../shared/io.js';
import { rotateActionTexts } from './messages/rotation-surface.js';
import { withoutSecrets } from '../shared/redact.js';
import { Secrets } from '../shared/secrets.js';
import { writeSummary } from '../shared/step.js';
import { DEFAULT_PROGRAM } from './command-line.js';
import { parseRotationOptions } from './rotation-inputs.js';
import type { RotationDeps } from './ports.js';
import { keysAfterRun, rotationResult, type PlannedRun, type RotationResult } from './rotation-result.js';
import { rotationSummary } from './rotation-summary.js';
import { run } from './run.js';

/** The command's option names and the action's input names (rotate/action.yml), where they differ. */
const INPUT_OF: Record<string, string> = { repo: 'repository', region: 'aws-region' };
const inputOf = (flag: string) => INPUT_OF[flag] ?? flag;

/** A problem of the options, in the action's words: `--repo` becomes `repository`. */
const inInputNames = (problem: string) => problem.replace(/--([a-z-]+)/g, (_match, flag: string) => inputOf(flag));

/** The action's Io for `run`: its inputs under the command's names, and every line it says recorded (cleaned of every secret). */
function recording(io: Io) {
  const secrets: string[] = [];
  const said = { lines: [] as string[], errors: [] as string[] };
  // The run's lines are already safe to print (outside text cleaned, key ids whole, as the commands they print need):
  // only the values registered as secrets are masked again, as the runner masks them in the log.
  const clean = (text: string) => withoutSecrets(text, secrets);
  const runIo: Io = {
    ...io,
    input: (name) => io.input(inputOf(name)),
    setSecret: (value) => {
      io.setSecret(value);
      if (value !== '') secrets.push(value);
    },
    info: (message) => {
      said.lines.push(clean(message));
      io.info(message);
    },
    annotate: (severity, message, title) => {
      said.lines.push(`${severity}: ${clean(message)}`);
      io.annotate(severity, message, title);
    },
    fail: (message) => {
      said.errors.push(clean(message));
      io.fail(message);
    },
  };
  return { runIo, said };
}

async function report(io: Io, result: RotationResult): Promise<void> {
  io.setOutput('outcome', result.outcome);
  io.setOutput('step', result.step);
  io.setOutput('next-step', result.next);
  io.setOutput('result', JSON.stringify(result));
  await writeSummary(io, rotationSummary(result), new Secrets(io));
}

/**
 * The rotate action: the command's `run` for one safe step per run, with its inputs checked first
 * (the token masked before anything else), its result in the outputs and the job summary.
 * The AWS credentials come from the job's environment (the SDK's default chain), as for the command.
 */
export async function runRotateAction(io: Io, deps: (secrets: Secrets, token: string) => RotationDeps): Promise<void> {
  const { runIo, said } = recording(io);
  const token = io.input('github-token').trim();
  // Through the recording Io: masked in the log, and in the summary and outputs this action writes itself.
  if (token !== '') runIo.setSecret(token);
  const parsed = parseRotationOptions('rotate', (flag) => io.input(inputOf(flag)));
  const problems = [...(token === '' ? [rotateActionTexts.tokenRequired] : []), ...(parsed.ok ? [] : parsed.problems.map(inInputNames))];
  if (problems.length > 0) {
    const message = rotateActionTexts.inputProblems(problems);
    io.fail(message);
    await report(io, rotationResult({ command: 'rotate', exitCode: 2, planned: undefined, messages: [], errors: [message] }));
    return;
  }
  let planned: PlannedRun | undefined;
  let admin: RotationDeps['keyAdmin'] | undefined;
  const commandLine = {
    command: 'rotate' as const,
    flags: new Map<string, string>(),
    problems: [],
    version: false,
    json: false,
    program: DEFAULT_PROGRAM,
  };
  const exitCode = await run(
    runIo,
    commandLine,
    (secrets) => {
      // The run's own list too, so that its error texts are cleaned of the token as well.
      secrets.add(token);
      const made = deps(secrets, token);
      admin = made.keyAdmin;
      return made;
    },
    (decided) => {
      planned = decided;
    },
  );
  const keysAfter = await keysAfterRun(admin, planned);
  await report(
    io,
    rotationResult({
      command: 'rotate',
      exitCode,
      planned,
      messages: said.lines,
      errors: said.errors,
      ...(keysAfter ? { keysAfter } : {}),
    }),
  );
}
