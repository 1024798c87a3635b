// @ts-check
/**
 * What the GitHub Actions runner makes of a step's output, written from its sources
 * (ActionCommandManager.cs, ActionCommand.cs, SecretMasker.cs, the file-command handlers), one
 * module a concern: workflow commands in stdout (runner-commands.js), the rendered log
 * (runner-log.js), masking (runner-masks.js), which secrets a person could see (secret-leaks.js),
 * the file-command files (env-files.js).
 */
export { commandData, parseCommand, parseStdout, splitLines } from './runner-commands.js';
export { parseKeyValueFile } from './env-files.js';
export { renderLog, shownTexts } from './runner-log.js';
export { applyMasks } from './runner-masks.js';
export { findSecretLeaks } from './secret-leaks.js';
