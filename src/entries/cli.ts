#!/usr/bin/env node
import { cliIo } from '../adapters/cli-io.js';
import { createSecretStore } from '../adapters/github-secrets.js';
import { githubToken } from '../adapters/github-token.js';
import { createKeyAdmin, createKeyProbe } from '../adapters/iam-key-admin.js';
import { failureTexts } from '../shared/messages/rotation.js';
import { StepFailure } from '../shared/step-failure.js';
import { parseCommandLine } from '../rotation/command-line.js';
import { run } from '../rotation/run.js';

/** `assume-deploy-role rotate|revoke …`: the real adapters wired into the rotation's run. */
async function main(): Promise<void> {
  const commandLine = parseCommandLine(process.argv.slice(2));
  const io = cliIo(commandLine.flags);
  const region = commandLine.flags.get('region') || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
  process.exitCode = await run(io, commandLine, (secrets) => ({
    keyAdmin: createKeyAdmin(io, secrets, region),
    keyProbe: createKeyProbe(io, secrets),
    secretStore: async (place) => {
      const token = await githubToken(io.env);
      if (!token) throw new StepFailure(failureTexts.noToken);
      secrets.add(token);
      return createSecretStore({ token, place, clock: io.clock, ...(io.env.GITHUB_API_URL ? { baseUrl: io.env.GITHUB_API_URL } : {}) });
    },
  }));
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.name : 'unexpected failure'}\n`);
  process.exitCode = 1;
});
