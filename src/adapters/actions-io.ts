import * as core from '@actions/core';
import type { Io, Severity } from '../shared/io.js';
import { systemClock } from './system-clock.js';

const ANNOTATE: Record<Severity, (message: string, properties: core.AnnotationProperties) => void> = {
  error: core.error,
  warning: core.warning,
  notice: core.notice,
};

/** The port over @actions/core: what the GitHub runner reads from stdout and the file commands. */
export function actionsIo(env: Io['env'] = process.env): Io {
  return {
    input: (name) => core.getInput(name, { trimWhitespace: false }),
    env,
    clock: systemClock,
    setSecret: (value) => core.setSecret(value),
    info: (message) => core.info(message),
    debug: (message) => core.debug(message),
    annotate: (severity, message, title) => ANNOTATE[severity](message, title === undefined ? {} : { title }),
    exportVariable: (name, value) => core.exportVariable(name, value),
    setOutput: (name, value) => core.setOutput(name, value),
    saveState: (name, value) => core.saveState(name, value),
    getState: (name) => core.getState(name),
    appendSummary: async (markdown) => {
      await core.summary.addRaw(markdown).write();
    },
    fail: (message) => core.setFailed(message),
    failQuietly: () => {
      process.exitCode = core.ExitCode.Failure;
    },
    // Loaded on first use: only keyless mode asks for a token, and only it needs the HTTP client.
    idToken: async (audience, timeoutMs) => {
      const { requestRunnerIdToken } = await import('./github-id-token.js');
      return requestRunnerIdToken(env, audience, timeoutMs, (value) => core.setSecret(value));
    },
  };
}
