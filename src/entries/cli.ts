#!/usr/bin/env node
import { cliIo } from '../adapters/cli-io.js';
import { githubToken } from '../adapters/github-token.js';
import { credentialTexts, versionText } from '../rotation/messages/rotation-surface.js';
import { parseCommandLine, programFor } from '../rotation/command-line.js';
import { keysAfterRun, rotationResult, type PlannedRun } from '../rotation/rotation-result.js';
import { run } from '../rotation/run.js';
import type { KeyAdmin } from '../rotation/ports.js';
import { version } from '../../package.json';
import { rotationDeps } from './rotation-wiring.js';

/** `node dist/cli/index.js rotate|revoke …`: the real adapters wired into the rotation's run. */
async function main(): Promise<void> {
  const commandLine = parseCommandLine(process.argv.slice(2), programFor(process.argv[1], process.cwd()));
  if (commandLine.version) {
    process.stdout.write(`${versionText(version)}\n`);
    return;
  }
  const io = cliIo(commandLine.flags, process.env, undefined, commandLine.json);
  const region = commandLine.flags.get('region') || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
  let planned: PlannedRun | undefined;
  let admin: KeyAdmin | undefined;
  const deps = rotationDeps(io, region, () => githubToken(io.env), credentialTexts.command);
  const exitCode = await run(
    io,
    commandLine,
    (secrets) => {
      const made = deps(secrets);
      admin = made.keyAdmin;
      return made;
    },
    (decided) => {
      planned = decided;
    },
  );
  if (commandLine.json) {
    const command = commandLine.command === 'rotate' || commandLine.command === 'revoke' ? commandLine.command : null;
    const keysAfter = await keysAfterRun(admin, planned);
    process.stdout.write(
      `${JSON.stringify(rotationResult({ command, exitCode, planned, messages: io.said.lines, errors: io.said.errors, ...(keysAfter ? { keysAfter } : {}) }))}\n`,
    );
  }
  process.exitCode = exitCode;
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.name : 'unexpected failure'}\n`);
  process.exitCode = 1;
});
