/**
 * Before any call to AWS: the working-directory input must name a folder, and SAM CLI's samconfig
 * there is checked for what would undo this action's exports (see samconfig-findings.ts). The
 * samconfig never fails the step: whatever goes wrong with it is at most one warning.
 */
import path from 'node:path';
import { isFolder, readSamconfig, type SamconfigRead, SAMCONFIG_MAX_BYTES } from '../adapters/samconfig-file.js';
import { describeInputProblems } from '../shared/input-problems.js';
import type { Io } from '../shared/io.js';
import { inputRules } from '../shared/messages/inputs.js';
import { samconfigTexts } from '../shared/messages/samconfig.js';
import { errorText } from '../shared/step.js';
import { StepFailure } from '../shared/step-failure.js';
import { SAMCONFIG_FILES, samconfigFindings, samconfigWarning } from './samconfig-findings.js';

export interface SamconfigDeps {
  isFolder(folder: string): Promise<boolean>;
  readSamconfig(folder: string, names: readonly string[]): Promise<SamconfigRead>;
}

export const DEFAULT_SAMCONFIG_DEPS: SamconfigDeps = { isFolder, readSamconfig };

/** The folder sam deploy runs in: working-directory inside GITHUB_WORKSPACE, else the workspace, else the step's own folder. */
export function samconfigFolder(env: Io['env'], workingDirectory: string | undefined): string {
  return path.resolve(env.GITHUB_WORKSPACE ?? '', workingDirectory ?? '');
}

function warningsFor(read: SamconfigRead, shownAs: (name: string) => string, region: string, configEnv: string | undefined): string[] {
  switch (read.kind) {
    case 'none': return [];
    case 'tooLarge': return [samconfigTexts.tooLarge(shownAs(read.name), SAMCONFIG_MAX_BYTES)];
    case 'unreadable': return [samconfigTexts.unreadable(shownAs(read.name), read.message)];
    case 'unparsable': return [samconfigTexts.unparsable(shownAs(read.name), read.message)];
    case 'document': return samconfigFindings(read.document, shownAs(read.name), region, configEnv).map(samconfigWarning);
  }
}

export async function checkSamconfig(io: Io, inputs: { region: string; workingDirectory?: string; configEnv?: string }, deps: SamconfigDeps): Promise<void> {
  const folder = samconfigFolder(io.env, inputs.workingDirectory);
  if (inputs.workingDirectory !== undefined && !(await deps.isFolder(folder))) {
    throw new StepFailure(describeInputProblems([`working-directory: ${inputRules.workingDirectoryMissing}`]));
  }
  // The name as the user knows it: relative to the workspace, with the working-directory they gave.
  const shownAs = (name: string) => path.posix.join(inputs.workingDirectory ?? '', name);
  let warnings: string[];
  try {
    warnings = warningsFor(await deps.readSamconfig(folder, SAMCONFIG_FILES), shownAs, inputs.region, inputs.configEnv);
  } catch (error) {
    warnings = [samconfigTexts.unreadable(shownAs(SAMCONFIG_FILES[0]), errorText(error))];
  }
  for (const warning of warnings) io.annotate('warning', warning);
}
