// Stand-in for @actions/core's entry point inside the bundles (see README.md here): the
// functions src/adapters/actions-io.ts and src/entries/post.ts call, over @actions/core's own
// workflow-command, file-command and summary modules. The real entry point also imports its OIDC
// client, and with it @actions/http-client and undici (about 460 kB), which every key-age run then
// evaluated; here they load only with @actions/github, when a tracking issue is written.
import os from 'node:os';
import { issueCommand } from '../node_modules/@actions/core/lib/command.js';
import { issueFileCommand, prepareKeyValueMessage } from '../node_modules/@actions/core/lib/file-command.js';
import { toCommandProperties, toCommandValue } from '../node_modules/@actions/core/lib/utils.js';

export { summary } from '../node_modules/@actions/core/lib/summary.js';

export const ExitCode = { Success: 0, Failure: 1 };

export function getInput(name, options) {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
  if (options?.required && !value) throw new Error(`Input required and not supplied: ${name}`);
  return options?.trimWhitespace === false ? value : value.trim();
}

/** A file command when the runner gave its file (it always does), else the old stdout command. */
function keyValueCommand(file, stdoutCommand, name, value) {
  if (process.env[`GITHUB_${file}`]) return issueFileCommand(file, prepareKeyValueMessage(name, value));
  issueCommand(stdoutCommand, { name }, toCommandValue(value));
}

export function exportVariable(name, value) {
  process.env[name] = toCommandValue(value);
  keyValueCommand('ENV', 'set-env', name, value);
}

export function setOutput(name, value) {
  if (!process.env.GITHUB_OUTPUT) process.stdout.write(os.EOL);
  keyValueCommand('OUTPUT', 'set-output', name, value);
}

export const saveState = (name, value) => keyValueCommand('STATE', 'save-state', name, value);
export const getState = (name) => process.env[`STATE_${name}`] || '';
export const setSecret = (secret) => issueCommand('add-mask', {}, secret);
export const info = (message) => process.stdout.write(message + os.EOL);
export const debug = (message) => issueCommand('debug', {}, message);

const annotation =
  (command) =>
  (message, properties = {}) =>
    issueCommand(command, toCommandProperties(properties), message instanceof Error ? message.toString() : message);
export const error = annotation('error');
export const warning = annotation('warning');
export const notice = annotation('notice');

export function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
