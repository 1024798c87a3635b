/** Texts about where the credentials go in the job: a named profile, the environment, and what shadows it. */
const both = (items: readonly string[]) => items.join(' and ');

export const profileTexts = {
  exists: (profile: string, files: readonly string[]) =>
    `aws-profile: profile ${profile} already exists in ${both(files)}; nothing was written. Set overwrite-aws-profile: true to replace it, or choose another name`,
  written: (profile: string, files: readonly string[]) => `Wrote the credentials to profile ${profile} (${both(files)})`,
  removed: (profile: string, file: string) => `Removed profile ${profile} from ${file}`,
  removeFailed: (profile: string, file: string, error: string) => `Could not remove profile ${profile} from ${file}: ${error}`,
  locked: (lockFile: string, holder: { pid?: number; heldForSeconds: number }, waitedSeconds: number) =>
    `aws-profile: another step is editing the AWS files: ${lockFile} is held by ${holder.pid === undefined ? 'a process' : `process ${holder.pid}`} ` +
    `(for ${holder.heldForSeconds} s) and was not released within ${waitedSeconds} s, so nothing was changed. ` +
    `If no step of this action is running on this machine, delete ${lockFile}`,
};

export const profileVariableWarning = (variables: readonly string[]) =>
  `This job sets ${both(variables)}: the JS SDK v3's default credential chain ` +
  '(the AWS CDK, Node.js scripts) then uses that profile and ignores the exported AWS_ACCESS_KEY_ID, while botocore ' +
  '(SAM CLI, the AWS CLI) uses the exported keys. A step cannot unset a variable for the steps after it: remove it from ' +
  "the workflow's env:, or set aws-profile to that profile's name (with overwrite-aws-profile: true if it exists) so every client gets the role";
