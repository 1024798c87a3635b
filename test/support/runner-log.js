// @ts-check
/**
 * The log a person sees of a step, as the GitHub Actions runner writes it (ActionCommandManager.cs,
 * the annotation and echo handling): annotations, groups, debug lines, echoed commands, masks.
 */
import { OMIT_ECHO, propertyOf, splitLines } from './runner-commands.js';
import { applyMasks } from './runner-masks.js';

/** How the web log shows annotations. */
const ANNOTATION_PREFIXES = { error: 'Error: ', warning: 'Warning: ', notice: 'Notice: ' };
/** The runner's text when set-env / add-path run without ACTIONS_ALLOW_UNSECURE_COMMANDS=true. */
const UNSECURE_COMMAND_DISABLED = (/** @type {string} */ name) =>
  `The \`${name}\` command is disabled. Please upgrade to using Environment Files or opt into unsecure command execution by setting the \`ACTIONS_ALLOW_UNSECURE_COMMANDS\` environment variable to \`true\`. For more information see: https://github.blog/changelog/2020-10-01-github-actions-deprecating-set-env-and-add-path-commands/`;

/**
 * The log a person sees, as the runner writes it: plain lines; annotations as `Error: ` /
 * `Warning: ` / `Notice: `; `##[group]`, `##[endgroup]`; the stop-commands and resume lines as
 * printed; with `debug`, `##[debug]` lines (the action's and the runner's own: set-output and
 * save-state values, set-env, echo) and, while echo is on (from the start with `debug`, then as
 * `::echo::on|off` says), the commands echoed as written (`::add-mask::***` for masks); set-env
 * and add-path fail with the runner's error unless `allowUnsecureCommands`. Every line masked
 * with the masks registered up to it; then stderr, masked with every mask.
 * @param {import('./runner-commands.js').StdoutLine[]} lines
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
 * @param {import('./runner-commands.js').StdoutLine} line
 * @returns {string[]}
 */
export function shownTexts({ text, command, control }) {
  if (!command || control) return [text];
  if (command.command === 'add-mask') return [];
  return [...(OMIT_ECHO.has(command.command) ? [] : [text]), command.data, ...Object.values(command.properties)];
}
