// @ts-check
/**
 * Runs a bundled action (`dist/<entry>/index.js`) the way the GitHub Actions runner does: `INPUT_*`
 * variables from action.yml, file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE,
 * GITHUB_STEP_SUMMARY, GITHUB_PATH), workflow commands and masking on stdout.
 */
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultActionYml, inputVariables } from './action-inputs.js';
import { runNode } from './run-node.js';
import { pushEvent, RUN_ENVIRONMENT } from './runner-environment.js';
import { commandData, parseKeyValueFile, parseStdout, renderLog, splitLines } from './runner-output.js';

export { findSecretLeaks } from './runner-output.js';
export { RUN_ENVIRONMENT } from './runner-environment.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_TIMEOUT_MS = 60_000;
/** The workspaces `runAction` made, for `removeWorkDirs`. */
const workDirs = new Set();

/** File-command variables and the file-name prefixes the runner gives them. */
const FILE_COMMANDS = {
  GITHUB_ENV: 'set_env',
  GITHUB_OUTPUT: 'set_output',
  GITHUB_STATE: 'save_state',
  GITHUB_STEP_SUMMARY: 'step_summary',
  GITHUB_PATH: 'add_path',
};

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string | number | boolean>} [inputs] by the names action.yml declares
 * @property {Record<string, string | undefined>} [env] applied last; undefined removes a variable
 * @property {boolean} [debug] sets RUNNER_DEBUG=1 and ACTIONS_STEP_DEBUG=true, shows ::debug:: lines
 * @property {string} [node] the Node.js binary
 * @property {string} [actionYml] path from the repository root; by default the action the entry belongs to
 * @property {number} [timeoutMs] the step is killed after this long (default 60 s)
 * @property {Record<string, string>} [workspaceFiles] files to write into the fresh workspace before the step
 *   (path relative to GITHUB_WORKSPACE, text), as actions/checkout would have left them
 * @property {Record<string, string>} [workspaceLinks] symbolic links to make in the workspace after the files
 *   (path relative to GITHUB_WORKSPACE, link target as written), as a checkout of committed links leaves them
 *
 * @typedef {object} ActionRun
 * @property {number} exitCode
 * @property {string} stdout
 * @property {string} stderr
 * @property {import('./runner-commands.js').WorkflowCommand[]} commands the workflow commands the runner processed, in order
 *   (the stop-commands and resume lines included)
 * @property {import('./runner-commands.js').WorkflowCommand[]} stderrCommands the workflow commands in stderr, which the
 *   runner processes too (through the same command manager; their order relative to stdout is not known)
 * @property {string[]} errors
 * @property {string[]} warnings
 * @property {string[]} notices
 * @property {string[]} debugs
 * @property {Record<string, string>} env exported through GITHUB_ENV
 * @property {Record<string, string>} outputs written to GITHUB_OUTPUT
 * @property {Record<string, string>} state written to GITHUB_STATE
 * @property {string[]} path directories added through GITHUB_PATH
 * @property {string} summary GITHUB_STEP_SUMMARY text
 * @property {string[]} masks values registered with ::add-mask::, in order
 * @property {string} visibleLog what a person sees in the log: stdout as rendered, then stderr, masked
 * @property {string} workDir the temporary directory holding the workspace, HOME and runner files
 * @property {RunOptions & { entry: string }} invocation how the step was run, for `runPost`
 */

/**
 * Runs a bundled action's main step in a fresh workspace.
 * @param {string} entry e.g. `dist/main/index.js`, relative to the repository root
 * @param {RunOptions} [options]
 * @returns {Promise<ActionRun>}
 */
export async function runAction(entry, options = {}) {
  const workDir = await mkdtemp(path.join(tmpdir(), 'run-action-'));
  workDirs.add(workDir);
  await Promise.all(
    ['workspace', 'home', 'runner-temp/_runner_file_commands'].map((dir) => mkdir(path.join(workDir, dir), { recursive: true })),
  );
  await writeFile(eventPath(workDir), JSON.stringify(pushEvent()));
  for (const [name, text] of Object.entries(options.workspaceFiles ?? {})) {
    const file = path.join(workDir, 'workspace', name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
  }
  for (const [name, target] of Object.entries(options.workspaceLinks ?? {})) {
    const link = path.join(workDir, 'workspace', name);
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(target, link);
  }
  return runStep(entry, options, { workDir, step: 'main', pathEntries: [] });
}

/**
 * Removes every workspace `runAction` made in this process (including those of steps that threw),
 * e.g. `afterAll(removeWorkDirs)`.
 */
export async function removeWorkDirs() {
  const dirs = [...workDirs];
  workDirs.clear();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
}

/**
 * Runs the post step after `mainResult`, as the runner does: same workspace and inputs, the job
 * environment now holding what main exported through GITHUB_ENV and GITHUB_PATH, main's GITHUB_STATE
 * as `STATE_<name>` variables, fresh file-command files.
 * @param {ActionRun} mainResult
 * @param {RunOptions & { entry?: string }} [options] overrides of main's options
 * @returns {Promise<ActionRun>}
 */
export async function runPost(mainResult, options = {}) {
  const { entry = 'dist/post/index.js', ...overrides } = options;
  const inherited = mainResult.invocation;
  const stateEnv = Object.fromEntries(Object.entries(mainResult.state).map(([name, value]) => [`STATE_${name}`, value]));
  const runOptions = {
    ...inherited,
    ...overrides,
    env: { ...inherited.env, ...mainResult.env, ...stateEnv, ...overrides.env },
  };
  return runStep(entry, runOptions, { workDir: mainResult.workDir, step: 'post', pathEntries: mainResult.path });
}

/**
 * @param {string} entry
 * @param {RunOptions} options
 * @param {{ workDir: string, step: 'main' | 'post', pathEntries: string[] }} job
 * @returns {Promise<ActionRun>}
 */
async function runStep(entry, options, { workDir, step, pathEntries }) {
  const { inputs = {}, env = {}, debug = false, node = process.execPath, actionYml, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const inputEnv = await inputVariables(path.resolve(REPO_ROOT, actionYml ?? defaultActionYml(entry)), inputs);

  const files = Object.fromEntries(
    Object.entries(FILE_COMMANDS).map(([variable, prefix]) => [
      variable,
      path.join(workDir, 'runner-temp', '_runner_file_commands', `${prefix}_${step}`),
    ]),
  );
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));

  const basePath = process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
  /** @type {Record<string, string | undefined>} */
  const childEnv = {
    PATH: [...pathEntries].reverse().concat(basePath).join(path.delimiter),
    HOME: path.join(workDir, 'home'),
    ...RUN_ENVIRONMENT,
    GITHUB_WORKSPACE: path.join(workDir, 'workspace'),
    GITHUB_EVENT_PATH: eventPath(workDir),
    RUNNER_TEMP: path.join(workDir, 'runner-temp'),
    ...files,
    ...(debug ? { RUNNER_DEBUG: '1', ACTIONS_STEP_DEBUG: 'true' } : {}),
    ...inputEnv,
    ...env,
  };

  const { exitCode, stdout, stderr } = await runNode(node, path.resolve(REPO_ROOT, entry), {
    cwd: path.join(workDir, 'workspace'),
    env: Object.fromEntries(Object.entries(childEnv).filter(([, value]) => value !== undefined)),
    timeoutMs,
  });

  /** @param {keyof typeof FILE_COMMANDS} variable */
  const fileText = (variable) => readFile(/** @type {string} */ (files[variable]), 'utf8');
  const lines = parseStdout(stdout);
  const commands = lines.flatMap((line) => (line.command ? [line.command] : []));
  /** @param {string} name */
  const dataOf = (name) => commandData(lines, name);
  return {
    exitCode,
    stdout,
    stderr,
    commands,
    stderrCommands: parseStdout(stderr).flatMap((line) => (line.command ? [line.command] : [])),
    errors: dataOf('error'),
    warnings: dataOf('warning'),
    notices: dataOf('notice'),
    debugs: dataOf('debug'),
    env: parseKeyValueFile(await fileText('GITHUB_ENV'), 'GITHUB_ENV'),
    outputs: parseKeyValueFile(await fileText('GITHUB_OUTPUT'), 'GITHUB_OUTPUT'),
    state: parseKeyValueFile(await fileText('GITHUB_STATE'), 'GITHUB_STATE'),
    path: splitLines(await fileText('GITHUB_PATH')).filter((line) => line.trim() !== ''),
    summary: await fileText('GITHUB_STEP_SUMMARY'),
    masks: dataOf('add-mask'),
    visibleLog: renderLog(lines, stderr, {
      debug,
      allowUnsecureCommands: childEnv.ACTIONS_ALLOW_UNSECURE_COMMANDS?.toLowerCase() === 'true',
    }),
    workDir,
    invocation: { ...options, entry },
  };
}

/** @param {string} workDir */
function eventPath(workDir) {
  return path.join(workDir, 'runner-temp', 'event.json');
}
