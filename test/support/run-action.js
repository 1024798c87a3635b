// @ts-check
/**
 * Runs a bundled action (`dist/<entry>/index.js`) the way the GitHub Actions runner does: `INPUT_*`
 * variables from action.yml, file commands (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_STATE,
 * GITHUB_STEP_SUMMARY, GITHUB_PATH), workflow commands and masking on stdout.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { constants as osConstants, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_TIMEOUT_MS = 60_000;

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

/** Commands the runner acts on; any other `::name::` line is printed as it is. */
const RUNNER_COMMANDS = new Set([
  'add-mask', 'debug', 'notice', 'warning', 'error', 'group', 'endgroup', 'echo', 'save-state',
  'set-output', 'set-env', 'add-path', 'add-matcher', 'remove-matcher', 'stop-commands',
]);
/** Commands whose data (and properties, e.g. `title`) a person sees in the log or as an annotation. */
const DISPLAY_PREFIXES = { error: 'Error: ', warning: 'Warning: ', notice: 'Notice: ', debug: '##[debug]', group: '##[group]' };

/**
 * @typedef {object} RunOptions
 * @property {Record<string, string | number | boolean>} [inputs] by the names action.yml declares
 * @property {Record<string, string | undefined>} [env] applied last; undefined removes a variable
 * @property {boolean} [debug] sets RUNNER_DEBUG=1 and ACTIONS_STEP_DEBUG=true, shows ::debug:: lines
 * @property {string} [node] the Node.js binary
 * @property {string} [actionYml] path from the repository root; by default the action the entry belongs to
 * @property {number} [timeoutMs] the step is killed after this long (default 60 s)
 *
 * @typedef {object} WorkflowCommand
 * @property {string} command
 * @property {Record<string, string>} properties
 * @property {string} data
 *
 * @typedef {object} ActionRun
 * @property {number} exitCode
 * @property {string} stdout
 * @property {string} stderr
 * @property {WorkflowCommand[]} commands the workflow commands the runner processed, in order
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
  await Promise.all(['workspace', 'home', 'runner-temp/_runner_file_commands'].map((dir) => mkdir(path.join(workDir, dir), { recursive: true })));
  await writeFile(eventPath(workDir), JSON.stringify(pushEvent()));
  return runStep(entry, options, { workDir, step: 'main', pathEntries: [] });
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
 * Problems a person could see: a secret in a stdout line before a mask covering it was registered
 * (debug lines included, whether or not debug was on), or in stderr, the step summary or the visible
 * log. Each problem names the secret by its label, never by its value.
 * @param {ActionRun} result
 * @param {{ label: string, value: string | undefined }[]} secrets
 * @returns {string[]}
 */
export function findSecretLeaks(result, secrets) {
  const watched = secrets.filter((secret) => typeof secret.value === 'string' && secret.value !== '');
  /** @type {string[]} */
  const problems = [];
  /**
   * @param {string} where
   * @param {string} text
   */
  const reportAny = (where, text) => {
    for (const { label, value } of watched) if (text.includes(/** @type {string} */ (value))) problems.push(`${where} contains the ${label}`);
  };

  /** @type {string[]} */
  const masks = [];
  parseStdout(result.stdout).forEach((line, index) => {
    if (line.command?.command === 'add-mask') {
      masks.push(line.command.data);
      return;
    }
    const where = `stdout line ${index + 1}${line.command ? ` (::${line.command.command}::)` : ''}`;
    for (const text of shownTexts(line)) {
      for (const { label, value } of watched) {
        if (showsUnmasked(text, /** @type {string} */ (value), masks)) problems.push(`${where} shows the ${label} before a mask covers it`);
      }
    }
  });
  splitLines(result.stderr).forEach((line, index) => reportAny(`stderr line ${index + 1}`, line));
  reportAny('the step summary', result.summary);
  splitLines(result.visibleLog).forEach((line, index) => reportAny(`visible log line ${index + 1}`, line));
  return problems;
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
  const dataOf = (name) => commands.filter((command) => command.command === name).map((command) => command.data);
  return {
    exitCode,
    stdout,
    stderr,
    commands,
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
    visibleLog: renderLog(lines, stderr, debug),
    workDir,
    invocation: { ...options, entry },
  };
}

/** @param {string} entry */
function defaultActionYml(entry) {
  const normalized = entry.split(path.sep).join('/');
  if (normalized.includes('dist/key-age/')) return 'key-age/action.yml';
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

/**
 * Parses a GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE file as the runner does: `NAME=value` lines
 * and `NAME<<DELIMITER` … `DELIMITER` blocks; later entries win. Errors name the line, never its value.
 * @param {string} text
 * @param {string} fileLabel
 * @returns {Record<string, string>}
 */
function parseKeyValueFile(text, fileLabel) {
  /** @type {Record<string, string>} */
  const values = {};
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i += 1) {
    const line = /** @type {string} */ (lines[i]);
    if (line === '') continue;
    const equals = line.indexOf('=');
    const heredoc = line.indexOf('<<');
    if (equals >= 0 && (heredoc < 0 || equals < heredoc)) {
      const name = line.slice(0, equals);
      if (name === '') throw new Error(`${fileLabel} line ${i + 1}: empty name`);
      values[name] = line.slice(equals + 1);
    } else if (heredoc >= 0) {
      const name = line.slice(0, heredoc);
      const delimiter = line.slice(heredoc + 2);
      if (name === '' || delimiter === '') throw new Error(`${fileLabel} line ${i + 1}: a heredoc needs a name and a delimiter`);
      const end = lines.indexOf(delimiter, i + 1);
      if (end < 0) throw new Error(`${fileLabel} line ${i + 1}: matching delimiter not found`);
      values[name] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else {
      throw new Error(`${fileLabel} line ${i + 1}: neither NAME=value nor NAME<<DELIMITER`);
    }
  }
  return values;
}

/**
 * @typedef {object} StdoutLine
 * @property {string} text
 * @property {WorkflowCommand | undefined} command set when the runner processes the line as a command
 */

/**
 * Splits stdout into lines and recognizes workflow commands as the runner does, including
 * `::stop-commands::TOKEN` … `::TOKEN::`, between which nothing is processed.
 * @param {string} stdout
 * @returns {StdoutLine[]}
 */
function parseStdout(stdout) {
  /** @type {StdoutLine[]} */
  const lines = [];
  /** @type {string | undefined} */
  let resumeToken;
  for (const text of splitLines(stdout)) {
    if (resumeToken !== undefined) {
      if (text.trim() === `::${resumeToken}::`) resumeToken = undefined;
      else lines.push({ text, command: undefined });
      continue;
    }
    const command = parseCommand(text);
    if (command?.command === 'stop-commands') resumeToken = command.data;
    lines.push({ text, command });
  }
  return lines;
}

/**
 * `::name key=value,key=value::data`, with the runner's unescaping.
 * @param {string} line
 * @returns {WorkflowCommand | undefined}
 */
function parseCommand(line) {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const end = message.indexOf('::', 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(' ');
  const command = space < 0 ? info : info.slice(0, space);
  if (!RUNNER_COMMANDS.has(command)) return undefined;
  /** @type {Record<string, string>} */
  const properties = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).trim().split(',')) {
      const equals = pair.indexOf('=');
      if (equals > 0 && equals < pair.length - 1) properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1));
    }
  }
  return { command, properties, data: unescapeData(message.slice(end + 2)) };
}

/** @param {string} value */
function unescapeData(value) {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** @param {string} value */
function unescapeProperty(value) {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/**
 * The texts a person can see from one stdout line, with debug on: the line itself, or a displayed
 * command's data and properties.
 * @param {StdoutLine} line
 */
function shownTexts(line) {
  if (!line.command) return [line.text];
  if (!(line.command.command in DISPLAY_PREFIXES)) return [];
  return [line.command.data, ...Object.values(line.command.properties)];
}

/**
 * @param {StdoutLine[]} lines
 * @param {string} stderr
 * @param {boolean} debug
 */
function renderLog(lines, stderr, debug) {
  /** @type {string[]} */
  const masks = [];
  /** @type {string[]} */
  const shown = [];
  for (const { text, command } of lines) {
    if (!command) {
      shown.push(applyMasks(text, masks));
    } else if (command.command === 'add-mask') {
      masks.push(command.data);
    } else if (command.command in DISPLAY_PREFIXES && (command.command !== 'debug' || debug)) {
      const prefix = DISPLAY_PREFIXES[/** @type {keyof typeof DISPLAY_PREFIXES} */ (command.command)];
      shown.push(applyMasks(prefix + command.data, masks));
    }
  }
  for (const line of splitLines(stderr)) shown.push(applyMasks(line, masks));
  return shown.join('\n');
}

/**
 * Where the registered masks cover `text`: merged [start, end) ranges, as the runner's secret
 * masker computes them (whitespace-only masks are ignored, as the runner refuses them).
 * @param {string} text
 * @param {string[]} masks
 * @returns {[number, number][]}
 */
function maskedRanges(text, masks) {
  /** @type {[number, number][]} */
  const ranges = [];
  for (const mask of masks) {
    if (mask.trim() === '') continue;
    for (let at = text.indexOf(mask); at >= 0; at = text.indexOf(mask, at + 1)) ranges.push([at, at + mask.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  /** @type {[number, number][]} */
  const merged = [];
  for (const [start, end] of ranges) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * @param {string} text
 * @param {string[]} masks
 */
function applyMasks(text, masks) {
  let masked = '';
  let position = 0;
  for (const [start, end] of maskedRanges(text, masks)) {
    masked += `${text.slice(position, start)}***`;
    position = end;
  }
  return masked + text.slice(position);
}

/**
 * Whether some occurrence of `secret` in `text` has a character no mask covers.
 * @param {string} text
 * @param {string} secret
 * @param {string[]} masks
 */
function showsUnmasked(text, secret, masks) {
  const ranges = maskedRanges(text, masks);
  for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
    const end = at + secret.length;
    if (!ranges.some(([start, stop]) => start <= at && end <= stop)) return true;
  }
  return false;
}

/** @param {string} text */
function splitLines(text) {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
