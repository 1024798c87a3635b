// What every timed bench run shares: the job a runner gives a step (its environment, a fresh set of
// file-command files per run), one process timed from spawn to exit, and the statistics printed.
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import YAML from 'yaml';
import { RUN_ENVIRONMENT } from '../test/support/run-action.js';
import { USER_KEY } from './fixture.mjs';

const FILE_COMMANDS = {
  GITHUB_ENV: 'set_env',
  GITHUB_OUTPUT: 'set_output',
  GITHUB_STATE: 'save_state',
  GITHUB_STEP_SUMMARY: 'step_summary',
  GITHUB_PATH: 'add_path',
};

/** `INPUT_<NAME>` for every input an action.yml declares: the given value, else the declared default. */
export async function inputEnvironment(actionYml, inputs) {
  const metadata = YAML.parse(await readFile(actionYml, 'utf8'));
  const env = {};
  for (const [name, spec] of Object.entries(metadata.inputs ?? {})) {
    const value = name in inputs ? inputs[name] : String(spec?.default ?? '');
    if (value.includes('${{')) throw new Error(`${actionYml}: input ${name} has an expression default; give it a value`);
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  }
  return env;
}

/** Runs a process; the clock runs from spawn to exit (stdio closed), nothing else inside it. */
export function timedRun(binary, args, { env, cwd }) {
  return new Promise((resolve, reject) => {
    const stdout = [];
    const stderr = [];
    const start = process.hrtime.bigint();
    const child = spawn(binary, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      resolve({ ms, code: code ?? signal, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** A value of a GITHUB_ENV / GITHUB_OUTPUT file, in the `NAME=value` or the heredoc form; the last one set wins, as on a runner. */
export function fileValue(text, name) {
  const lines = text.split('\n');
  let value;
  for (let i = 0; i < lines.length; i += 1) {
    if (lines[i].startsWith(`${name}=`)) value = lines[i].slice(name.length + 1);
    else if (lines[i].startsWith(`${name}<<`)) {
      const delimiter = lines[i].slice(name.length + 2);
      const end = lines.indexOf(delimiter, i + 1);
      value = lines.slice(i + 1, end).join('\n');
      i = end;
    }
  }
  return value;
}

/** Why a run failed, as a runner log would show it: ::error:: lines and stderr, masked. */
function failureText(result) {
  const masks = [USER_KEY.accessKeyId, USER_KEY.secretAccessKey];
  const errors = [];
  for (const line of result.stdout.split('\n')) {
    if (line.startsWith('::add-mask::')) masks.push(line.slice('::add-mask::'.length));
    else if (line.startsWith('::error'))
      errors.push(
        `Error: ${line
          .slice(line.indexOf('::', 2) + 2)
          .replace(/%0A/g, '\n')
          .replace(/%0D/g, '')
          .replace(/%25/g, '%')}`,
      );
  }
  let text = [...errors, result.stderr.trim()].filter(Boolean).join('\n') || '(no error printed)';
  for (const mask of masks.filter((m) => m.trim() !== '').sort((a, b) => b.length - a.length)) text = text.split(mask).join('***');
  return text;
}

export function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const quantile = (q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { n, min: sorted[0], median, p90: quantile(0.9), max: sorted[n - 1] };
}

export const ms = (value) => value.toFixed(1).padStart(7);

export async function nodeVersion(binary, cwd) {
  const result = await timedRun(binary, ['--version'], { env: { PATH: process.env.PATH }, cwd });
  if (result.code !== 0) throw new Error(`${binary} --version failed`);
  return result.stdout.trim();
}

/**
 * The job a runner gives each step, in `tempRoot`: a HOME, a workspace, the event file and only the
 * variables a runner sets (none of this machine's NODE_OPTIONS or NODE_EXTRA_CA_CERTS, which alone
 * adds tens of ms to every Node start, or AWS_*), with the AWS endpoints at `serverUrl`.
 * `job.measure(node, benchCase)` runs one case with fresh file-command files prepared before the
 * clock starts, and answers `{ ms }` (and `cpuMs` with `cpu`, under `perf stat`), or `{ problem }`
 * when the run failed or its check did.
 */
export async function prepareJob(tempRoot, serverUrl, { cpu = false } = {}) {
  const home = path.join(tempRoot, 'home');
  const workspace = path.join(tempRoot, 'workspace');
  await Promise.all([mkdir(home), mkdir(workspace)]);
  const eventPath = path.join(tempRoot, 'event.json');
  await writeFile(
    eventPath,
    JSON.stringify({ ref: RUN_ENVIRONMENT.GITHUB_REF, repository: { full_name: RUN_ENVIRONMENT.GITHUB_REPOSITORY } }),
  );
  const jobEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: home,
    ...RUN_ENVIRONMENT,
    GITHUB_WORKSPACE: workspace,
    GITHUB_EVENT_PATH: eventPath,
    RUNNER_TEMP: tempRoot,
    AWS_ENDPOINT_URL: serverUrl,
  };
  let runNumber = 0;
  async function measure(node, { label, args, inputs, check, after }) {
    runNumber += 1;
    const dir = path.join(tempRoot, `run-${runNumber}`);
    await mkdir(dir);
    const files = Object.fromEntries(Object.entries(FILE_COMMANDS).map(([variable, name]) => [variable, path.join(dir, name)]));
    await Promise.all(Object.values(files).map((file) => writeFile(file, '')));
    const cpuFile = path.join(dir, 'task-clock');
    // With cpu: also the CPU time of the process and all its threads (perf's task-clock), which a busy machine disturbs far less than wall time.
    const command = cpu ? ['perf', ['stat', '-x,', '-e', 'task-clock', '-o', cpuFile, '--', node, ...args]] : [node, args];
    const result = await timedRun(...command, { env: { ...jobEnv, ...files, ...inputs }, cwd: workspace });
    const cpuMs = cpu
      ? Number(
          (await readFile(cpuFile, 'utf8').catch(() => ''))
            .split('\n')
            .find((line) => line.includes('task-clock'))
            ?.split(',')[0],
        )
      : undefined;
    const problem =
      result.code !== 0
        ? `exit code ${result.code}`
        : check({ env: await readFile(files.GITHUB_ENV, 'utf8'), output: await readFile(files.GITHUB_OUTPUT, 'utf8') });
    // After the clock stopped: what the run left running (refresh-credentials' server) is ended.
    await after?.({ state: await readFile(files.GITHUB_STATE, 'utf8') });
    await rm(dir, { recursive: true, force: true });
    if (cpu && !Number.isFinite(cpuMs))
      return { problem: `${label}, run ${runNumber}: no task-clock from perf stat (is perf installed and allowed?)` };
    return problem ? { problem: `${label}, run ${runNumber}: ${problem}\n${failureText(result)}` } : { ms: result.ms, cpuMs };
  }
  return { measure };
}

/** Prints the failed runs (at most three) and sets a non-zero exit code: a bench of a failing path measures nothing. */
export function reportFailures(failures) {
  if (failures.length === 0) return;
  console.error();
  console.error(`✘ ${failures.length} run(s) failed; their times are not counted and the figures above mean little:`);
  for (const failure of failures.slice(0, 3)) console.error(`- ${failure.replace(/\n/g, '\n  ')}`);
  process.exitCode = 1;
}
