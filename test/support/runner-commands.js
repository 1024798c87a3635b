// @ts-check
/**
 * The workflow commands the GitHub Actions runner finds in a step's stdout (ActionCommandManager.cs,
 * ActionCommand.cs): `::name k=v::data`, the old `##[name k=v;k=v]data`, stop-commands.
 */

/** Commands the runner registers. It matches names in any case. */
export const RUNNER_COMMANDS = [
  'add-mask',
  'debug',
  'notice',
  'warning',
  'error',
  'group',
  'endgroup',
  'echo',
  'save-state',
  'set-output',
  'set-env',
  'add-path',
  'add-matcher',
  'remove-matcher',
  'stop-commands',
];
/** Commands the runner never echoes as written, even with echo on (add-mask echoes `::add-mask::***`). */
export const OMIT_ECHO = new Set(['add-mask', 'debug', 'notice', 'warning', 'error']);

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
export function propertyOf(command, name) {
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
 * Lines as the runner reads them: split on `\n`, a trailing `\r` dropped, no last empty line.
 * @param {string} text
 */
export function splitLines(text) {
  if (text === '') return [];
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
