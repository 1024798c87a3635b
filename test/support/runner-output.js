// @ts-check
/**
 * What the GitHub Actions runner makes of a step's output, written from its sources
 * (ActionCommandManager.cs, ActionCommand.cs, SecretMasker.cs, the file-command handlers): workflow
 * commands in stdout, masking, the rendered log, the file-command files, and which secrets a
 * person could see.
 */

/** Commands the runner registers. It matches names in any case. */
const RUNNER_COMMANDS = [
  'add-mask', 'debug', 'notice', 'warning', 'error', 'group', 'endgroup', 'echo', 'save-state',
  'set-output', 'set-env', 'add-path', 'add-matcher', 'remove-matcher', 'stop-commands',
];
/** Commands the runner never echoes as written, even with echo on (add-mask echoes `::add-mask::***`). */
const OMIT_ECHO = new Set(['add-mask', 'debug', 'notice', 'warning', 'error']);
/** How the web log shows annotations. */
const ANNOTATION_PREFIXES = { error: 'Error: ', warning: 'Warning: ', notice: 'Notice: ' };
/** The runner's text when set-env / add-path run without ACTIONS_ALLOW_UNSECURE_COMMANDS=true. */
const UNSECURE_COMMAND_DISABLED = (/** @type {string} */ name) =>
  `The \`${name}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`;

/**
 * @typedef {object} WorkflowCommand
 * @property {string} command the name in lower case
 * @property {Record<string, string>} properties
 * @property {string} data
 *
 * @typedef {object} StdoutLine
 * @property {string} text the line as printed
 * @property {WorkflowCommand | undefined} command set when the runner processes the line as a command
 * @property {'stop' | 'resume' | undefined} control `stop`: a `::stop-commands::TOKEN` line;
 *   `resume`: the line with TOKEN that resumed processing (its `command` is the token). Both are printed as written.
 */

/**
 * Splits stdout into lines and finds the workflow commands the runner processes: `::name …::data`
 * (after leading whitespace) or else the old `##[name k=v;k=v]data` anywhere in the line, any case.
 * After `::stop-commands::TOKEN` nothing is processed until a line that parses as command TOKEN
 * (`::TOKEN::`, any case, data allowed); an empty TOKEN stops processing for good.
 * @param {string} stdout
 * @returns {StdoutLine[]}
 */
export function parseStdout(stdout) {
  const registered = new Set(RUNNER_COMMANDS);
  /** @type {StdoutLine[]} */
  const lines = [];
  /** @type {string | undefined} */
  let stopToken;
  for (const text of splitLines(stdout)) {
    const command = parseCommand(text, registered);
    if (stopToken !== undefined) {
      if (command && stopToken !== '' && command.command === stopToken) {
        // As the runner does, even when the token is a command's name (which then stops being one).
        registered.delete(stopToken);
        stopToken = undefined;
        lines.push({ text, command, control: 'resume' });
      } else {
        lines.push({ text, command: undefined, control: undefined });
      }
    } else if (command?.command === 'stop-commands') {
      stopToken = command.data.toLowerCase();
      registered.add(stopToken);
      lines.push({ text, command, control: 'stop' });
    } else {
      lines.push({ text, command, control: undefined });
    }
  }
  return lines;
}

/**
 * One line as the runner parses it: `::name key=value,key=value::data` first, else
 * `##[name key=value;key=value]data`, each with its own unescaping; undefined unless the name is
 * one of `registered` (lower case; by default the runner's commands).
 * @param {string} line
 * @param {Set<string>} [registered]
 * @returns {WorkflowCommand | undefined}
 */
export function parseCommand(line, registered = new Set(RUNNER_COMMANDS)) {
  const message = line.trimStart();
  if (message.startsWith('::')) {
    const end = message.indexOf('::', 2);
    if (end >= 0) {
      const command = commandFrom(message.slice(2, end), registered, ',', unescapeProperty);
      if (command) return { ...command, data: unescapeData(message.slice(end + 2)) };
    }
  }
  const start = line.indexOf('##[');
  if (start < 0) return undefined;
  const end = line.indexOf(']', start);
  if (end < 0) return undefined;
  const command = commandFrom(line.slice(start + 3, end), registered, ';', unescapeOldForm, { trim: false });
  return command && { ...command, data: unescapeOldForm(line.slice(end + 1)) };
}

/**
 * @param {string} info `name key=value<separator>key=value`
 * @param {Set<string>} registered
 * @param {string} separator
 * @param {(value: string) => string} unescape
 * @param {{ trim?: boolean }} [options]
 */
function commandFrom(info, registered, separator, unescape, { trim = true } = {}) {
  const space = info.indexOf(' ');
  const name = (space < 0 ? info : info.slice(0, space)).toLowerCase();
  if (name === '' || !registered.has(name)) return undefined;
  /** @type {Record<string, string>} */
  const properties = {};
  if (space > 0) {
    const list = info.slice(space + 1);
    for (const pair of (trim ? list.trim() : list).split(separator)) {
      const equals = pair.indexOf('=');
      if (equals > 0 && equals < pair.length - 1) properties[pair.slice(0, equals)] = unescape(pair.slice(equals + 1));
    }
  }
  return { command: name, properties };
}

/** @param {string} value */
function unescapeData(value) {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

/** @param {string} value */
function unescapeProperty(value) {
  return value.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** @param {string} value */
function unescapeOldForm(value) {
  return value.replace(/%3B/g, ';').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%5D/g, ']').replace(/%25/g, '%');
}

/**
 * A property as the runner looks it up (names in any case).
 * @param {WorkflowCommand} command
 * @param {string} name
 */
function propertyOf(command, name) {
  const key = Object.keys(command.properties).find((candidate) => candidate.toLowerCase() === name);
  return key === undefined ? undefined : command.properties[key];
}

/**
 * The data of the processed commands named `name` (the resume line is not one of them).
 * @param {StdoutLine[]} lines
 * @param {string} name
 */
export function commandData(lines, name) {
  return lines.flatMap(({ command, control }) => (command && !control && command.command === name ? [command.data] : []));
}

/**
 * The log a person sees, as the runner writes it: plain lines; annotations as `Error: ` /
 * `Warning: ` / `Notice: `; `##[group]`, `##[endgroup]`; the stop-commands and resume lines as
 * printed; with `debug`, `##[debug]` lines (the action's and the runner's own: set-output and
 * save-state values, set-env, echo) and, while echo is on (from the start with `debug`, then as
 * `::echo::on|off` says), the commands echoed as written (`::add-mask::***` for masks); set-env
 * and add-path fail with the runner's error unless `allowUnsecureCommands`. Every line masked
 * with the masks registered up to it; then stderr, masked with every mask.
 * @param {StdoutLine[]} lines
 * @param {string} stderr
 * @param {{ debug?: boolean, allowUnsecureCommands?: boolean }} [options]
 */
export function renderLog(lines, stderr, { debug = false, allowUnsecureCommands = false } = {}) {
  /** @type {string[]} */
  const masks = [];
  /** @type {string[]} */
  const shown = [];
  let echo = debug;
  const show = (/** @type {string} */ text) => void shown.push(applyMasks(text, masks));
  const showDebug = (/** @type {string} */ text) => debug && show(`##[debug]${text}`);
  /** @param {string} text @param {string} reason */
  const failed = (text, reason) => {
    show(`${ANNOTATION_PREFIXES.error}Unable to process command '${text}' successfully.`);
    show(`${ANNOTATION_PREFIXES.error}${reason}`);
  };
  for (const { text, command, control } of lines) {
    if (!command) {
      show(text);
      continue;
    }
    if (control === 'stop') {
      show(text);
      // Verbatim: the runner does not interpolate this message.
      showDebug("Paused processing commands until '##[{actionCommand.Data}]' is received");
      continue;
    }
    if (control === 'resume') {
      show(text);
      showDebug('Resume processing commands');
      continue;
    }
    const { command: name, data } = command;
    if (echo && !OMIT_ECHO.has(name)) show(text);
    const nameProperty = propertyOf(command, 'name');
    switch (name) {
      case 'add-mask':
        if (data.trim() === '') {
          show(`${ANNOTATION_PREFIXES.warning}Can't add secret mask for empty string in ##[add-mask] command.`);
        } else {
          if (echo) show('::add-mask::***');
          masks.push(data);
        }
        break;
      case 'debug':
        showDebug(data);
        break;
      case 'error':
      case 'warning':
      case 'notice':
        show(ANNOTATION_PREFIXES[name] + data);
        break;
      case 'group':
        show(`##[group]${data}`);
        break;
      case 'endgroup':
        show('##[endgroup]');
        break;
      case 'echo': {
        const value = data.trim().toUpperCase();
        if (value === 'ON' || value === 'OFF') {
          echo = value === 'ON';
          showDebug(`Setting echo command value to '${value.toLowerCase()}'`);
        } else {
          failed(text, `Invalid echo command value. Possible values can be: 'on', 'off'. Current value is: '${data}'.`);
        }
        break;
      }
      case 'set-output':
      case 'save-state':
        if (!nameProperty) failed(text, `Required field 'name' is missing in ##[${name}] command.`);
        else if (name === 'set-output') showDebug(`steps.step.outputs.${nameProperty}='${data}'`);
        else showDebug(`Save intra-action state ${nameProperty} = ${data}`);
        break;
      case 'set-env':
      case 'add-path':
        if (!allowUnsecureCommands) failed(text, UNSECURE_COMMAND_DISABLED(name));
        else if (name === 'set-env' && nameProperty) showDebug(`${nameProperty}='${data}'`);
        break;
    }
  }
  for (const line of splitLines(stderr)) shown.push(applyMasks(line, masks));
  return shown.join('\n');
}

/**
 * The texts a person can see from one stdout line with step debug on: a plain line, the
 * stop-commands and resume lines, and every echoed command line as written; the data and
 * properties of every command (annotations, debug, and the runner's debug lines for set-output,
 * save-state, set-env). `::add-mask::` shows nothing.
 * @param {StdoutLine} line
 * @returns {string[]}
 */
export function shownTexts({ text, command, control }) {
  if (!command || control) return [text];
  if (command.command === 'add-mask') return [];
  return [...(OMIT_ECHO.has(command.command) ? [] : [text]), command.data, ...Object.values(command.properties)];
}

/**
 * Problems a person could see: a secret in a stdout line before a mask covering it was registered
 * (everything step debug would show included, whether or not debug was on), or in stderr, the step
 * summary or the visible log. A secret of several lines is also watched line by line (each non-blank
 * line labelled `LABEL (line N)`), as the log is. Each problem names the secret by its label, never by its value.
 * @param {{ stdout: string, stderr: string, summary: string, visibleLog: string }} result
 * @param {{ label: string, value: string | undefined }[]} secrets
 * @returns {string[]}
 */
export function findSecretLeaks(result, secrets) {
  const watched = watchedValues(secrets);
  /** @type {string[]} */
  const problems = [];
  /**
   * @param {string} where
   * @param {string} text
   */
  const reportAny = (where, text) => {
    for (const { label, value } of watched) if (text.includes(value)) problems.push(`${where} contains the ${label}`);
  };

  /** @type {string[]} */
  const masks = [];
  parseStdout(result.stdout).forEach((line, index) => {
    if (line.command?.command === 'add-mask' && !line.control) {
      masks.push(line.command.data);
      return;
    }
    // The resume line's command is the stop token, which may be anything: never put it in a problem.
    const shape = line.control === 'resume' ? ' (resume line)' : line.command ? ` (::${line.command.command}::)` : '';
    const where = `stdout line ${index + 1}${shape}`;
    for (const text of shownTexts(line)) {
      for (const { label, value } of watched) {
        if (showsUnmasked(text, value, masks)) problems.push(`${where} shows the ${label} before a mask covers it`);
      }
    }
  });
  splitLines(result.stderr).forEach((line, index) => reportAny(`stderr line ${index + 1}`, line));
  reportAny('the step summary', result.summary);
  splitLines(result.visibleLog).forEach((line, index) => reportAny(`visible log line ${index + 1}`, line));
  return [...new Set(problems)];
}

/**
 * @param {{ label: string, value: string | undefined }[]} secrets
 * @returns {{ label: string, value: string }[]}
 */
function watchedValues(secrets) {
  return secrets.flatMap(({ label, value }) => {
    if (typeof value !== 'string' || value === '') return [];
    const lines = value.split(/\r?\n/);
    if (lines.length === 1) return [{ label, value }];
    const parts = lines.flatMap((line, i) => (line.trim() === '' ? [] : [{ label: `${label} (line ${i + 1})`, value: line }]));
    return [{ label, value }, ...parts];
  });
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
 * `text` with every masked range replaced by `***`, as the runner's secret masker does.
 * @param {string} text
 * @param {string[]} masks
 */
export function applyMasks(text, masks) {
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

/**
 * Parses a GITHUB_ENV / GITHUB_OUTPUT / GITHUB_STATE file as the runner does: `NAME=value` lines
 * and `NAME<<DELIMITER` … `DELIMITER` blocks; blank lines skipped; later entries win. Errors name
 * the line, never its value.
 * @param {string} text
 * @param {string} fileLabel
 * @returns {Record<string, string>}
 */
export function parseKeyValueFile(text, fileLabel) {
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
 * Lines as the runner reads them: split on `\n`, a trailing `\r` dropped, no last empty line.
 * @param {string} text
 */
export function splitLines(text) {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
