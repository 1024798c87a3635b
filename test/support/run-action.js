// @ts-check
/**
 * Runs a bundled action (`dist/<entry>/index.js`) the way the GitHub Actions runner does: `INPUT_*`
 * variables from action.yml, file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE,
 * GITHUB_STEP_SUMMARY, GITHUB_PATH), workflow commands and masking on stdout.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { commandData, parseKeyValueFile, parseStdout, renderLog, splitLines } from './runner-output.js';

export { findSecretLeaks } from './runner-output.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_TIMEOUT_MS = 60_000;
/** The workspaces `runAction` made, for `removeWorkDirs`. */
const workDirs = new Set();

/** What the runner knows about the run, as the `GITHUB_*` / `RUNNER_*` variables of a hosted runner. */
export const RUN_ENVIRONMENT = {
  GITHUB_ACTIONS: 'true',
  CI: 'true',
  GITHUB_RUN_ID: '11823456789',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REPOSITORY: 'octo-org/serverless-app',
  GITHUB_REPOSITORY_OWNER: 'octo-org',
  GITHUB_WORKFLOW: 'Deploy',
  GITHUB_JOB: 'deploy',
  GITHUB_ACTION: '__octo-org_assume-deploy-role',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: '6f1ac2c5e2b0d8a4a9f3c7e1d2b4a6c8e0f1a3b5',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_REF_TYPE: 'branch',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
  RUNNER_OS: 'Linux',
  RUNNER_ARCH: 'X64',
  RUNNER_NAME: 'GitHub Actions 7',
  RUNNER_ENVIRONMENT: 'github-hosted',
};
/**
 * The `github` context for `${{ github.<name> }}` in input defaults; the job token is fake.
 * @type {Record<string, string | undefined>}
 */
const GITHUB_CONTEXT = {
  token: 'ghs_TestRunnerJobToken000000000000000000',
  ...Object.fromEntries(
    Object.entries(RUN_ENVIRONMENT)
      .filter(([name]) => name.startsWith('GITHUB_'))
      .map(([name, value]) => [name.slice('GITHUB_'.length).toLowerCase(), value]),
  ),
};

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
  await Promise.all(['workspace', 'home', 'runner-temp/_runner_file_commands'].map((dir) => mkdir(path.join(workDir, dir), { recursive: true })));
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
  const declared = await declaredInputs(path.resolve(REPO_ROOT, actionYml ?? defaultActionYml(entry)));
  const undeclared = Object.keys(inputs).filter((name) => !declared.has(name));
  if (undeclared.length > 0) throw new Error(`inputs not declared in the action's metadata: ${undeclared.join(', ')}`);

  const files = Object.fromEntries(
    Object.entries(FILE_COMMANDS).map(([variable, prefix]) => [variable, path.join(workDir, 'runner-temp', '_runner_file_commands', `${prefix}_${step}`)]),
  );
  await Promise.all(Object.values(files).map((file) => writeFile(file, '')));

  const inputEnv = Object.fromEntries(
    [...declared].map(([name, defaultValue]) => [inputVariable(name), name in inputs ? String(inputs[name]) : evaluateDefault(name, defaultValue)]),
  );
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
    visibleLog: renderLog(lines, stderr, { debug, allowUnsecureCommands: childEnv.ACTIONS_ALLOW_UNSECURE_COMMANDS?.toLowerCase() === 'true' }),
    workDir,
    invocation: { ...options, entry },
  };
}

/** @param {string} entry */
function defaultActionYml(entry) {
  const normalized = entry.split(path.sep).join('/');
  if (normalized.includes('dist/key-age/')) return 'key-age/action.yml';
  if (normalized.includes('dist/rotate/')) return 'rotate/action.yml';
  if (normalized.includes('dist/main/') || normalized.includes('dist/post/')) return 'action.yml';
  throw new Error(`no default action.yml for ${entry}: pass actionYml`);
}

/**
 * @param {string} file
 * @returns {Promise<Map<string, unknown>>} input name → declared default
 */
async function declaredInputs(file) {
  const metadata = YAML.parse(await readFile(file, 'utf8'));
  const inputs = metadata?.inputs ?? {};
  return new Map(Object.entries(inputs).map(([name, spec]) => [name, spec?.default]));
}

/**
 * The runner's variable name: spaces become underscores, upper-cased, hyphens kept.
 * @param {string} name
 */
function inputVariable(name) {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/**
 * A declared default as the runner passes it. Only `${{ github.<name> }}` expressions are evaluated.
 * @param {string} name
 * @param {unknown} defaultValue
 */
function evaluateDefault(name, defaultValue) {
  if (defaultValue === undefined || defaultValue === null) return '';
  return String(defaultValue).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_expression, body) => {
    const contextName = /^github\.(\w+)$/.exec(body)?.[1];
    const value = contextName === undefined ? undefined : GITHUB_CONTEXT[contextName];
    if (value === undefined) throw new Error(`input ${name}: cannot evaluate the default expression \${{ ${body} }}`);
    return value;
  });
}

/** @param {string} workDir */
function eventPath(workDir) {
  return path.join(workDir, 'runner-temp', 'event.json');
}

function pushEvent() {
  const [owner, name] = RUN_ENVIRONMENT.GITHUB_REPOSITORY.split('/');
  return {
    ref: RUN_ENVIRONMENT.GITHUB_REF,
    after: RUN_ENVIRONMENT.GITHUB_SHA,
    repository: { name, full_name: RUN_ENVIRONMENT.GITHUB_REPOSITORY, owner: { login: owner } },
    sender: { login: RUN_ENVIRONMENT.GITHUB_ACTOR },
  };
}

/**
 * @param {string} node
 * @param {string} script
 * @param {{ cwd: string, env: Record<string, string | undefined>, timeoutMs: number }} options
 * @returns {Promise<{ exitCode: number, stdout: string, stderr: string }>}
 */
function runNode(node, script, { cwd, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */
    const stdout = [];
    /** @type {Buffer[]} */
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code ?? 128 + (signal ? osConstants.signals[signal] : 0),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
