/**
 * Before any call to AWS: the working-directory input must name a folder, and SAM CLI's samconfig
 * there is checked for what would undo this action's exports (see samconfig-findings.ts). The
 * samconfig never fails the step: whatever goes wrong with it is at most one warning.
 */
import path from 'node:path';
import { describeInputProblems } from '../shared/input-problems.js';
import type { Io } from '../shared/io.js';
import { inputRules } from '../shared/messages/inputs.js';
import { samconfigTexts } from './messages/samconfig.js';
import { errorText } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { SAMCONFIG_MAX_BYTES } from '../shared/text-limits.js';
import type { SamconfigDeps, SamconfigRead } from './ports.js';
import { SAMCONFIG_FILES, samconfigFindings, samconfigWarning } from './samconfig-findings.js';

/** The folder sam deploy runs in: working-directory inside GITHUB_WORKSPACE, else the workspace, else the step's own folder. */
function samconfigFolder(env: Io['env'], workingDirectory: string | undefined): string {
  return path.resolve(env.GITHUB_WORKSPACE ?? '', workingDirectory ?? '');
}

function warningsFor(read: SamconfigRead, shownAs: (name: string) => string, region: string, configEnv: string | undefined): string[] {
  switch (read.kind) {
    case 'none':
      return [];
    case 'outsideWorkspace':
      return [samconfigTexts.outsideWorkspace(shownAs(read.name))];
    case 'tooLarge':
      return [samconfigTexts.tooLarge(shownAs(read.name), SAMCONFIG_MAX_BYTES)];
    case 'unreadable':
      return [samconfigTexts.unreadable(shownAs(read.name), read.message)];
    case 'unparsable':
      return [samconfigTexts.unparsable(shownAs(read.name), read.message)];
    case 'document':
      return samconfigFindings(read.document, shownAs(read.name), region, configEnv).map(samconfigWarning);
  }
}

export async function checkSamconfig(
  io: Io,
  inputs: { region: string; workingDirectory?: string; configEnv?: string },
  deps: SamconfigDeps,
): Promise<void> {
  const folder = samconfigFolder(io.env, inputs.workingDirectory);
  const workspace = samconfigFolder(io.env, undefined);
  if (inputs.workingDirectory !== undefined) {
    // The input's rule refuses `..` and absolute paths; a symbolic link in the checkout can still lead out.
    if (!(await deps.isFolder(folder)))
      throw new StepFailure(describeInputProblems([`working-directory: ${inputRules.workingDirectoryMissing}`]));
    if (!(await deps.isInWorkspace(workspace, folder)))
      throw new StepFailure(describeInputProblems([`working-directory: ${inputRules.workingDirectoryOutside}`]));
  }
  // The name as the user knows it: relative to the workspace, with the working-directory they gave.
  const shownAs = (name: string) => path.posix.join(inputs.workingDirectory ?? '', name);
  let warnings: string[];
  try {
    warnings = warningsFor(await deps.readSamconfig(folder, SAMCONFIG_FILES, workspace), shownAs, inputs.region, inputs.configEnv);
  } catch (error) {
    warnings = [samconfigTexts.unreadable(shownAs(SAMCONFIG_FILES[0]), errorText(error))];
  }
  for (const warning of warnings) io.annotate('warning', warning);
}
