/**
 * Texts of the rotation's two surfaces around `run`: the command line's version and credential
 * errors, and the rotate action's input problems and job summary. The steps' own texts are in
 * rotation.ts.
 */

export const versionText = (version: string) => `assume-deploy-role ${version}`;

/** The AWS SDK found no credentials (or could not refresh them): which chain it tried and what to set. */
export const credentialTexts = {
  command: (said: string) =>
    "No AWS credentials: the command signs with the AWS SDK's default credential chain, your own credentials, never the limited user's. " +
    'It tries, in order: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN for temporary ones); the profile AWS_PROFILE names, else [default], ' +
    'in ~/.aws/credentials and ~/.aws/config (aws configure, or aws sso login --profile NAME for IAM Identity Center); AWS_WEB_IDENTITY_TOKEN_FILE with AWS_ROLE_ARN; ' +
    `the container or instance role. Set one of them for a person or role holding RotatorPolicy, then run the command again. The SDK said: ${said}`,
  action: (said: string) =>
    "No AWS credentials in this job: the rotate action signs with the AWS SDK's default chain, which found nothing. Add a step before it that exports the rotator role's " +
    "credentials: this project's root action in keyless mode (role-to-assume: the template's RotatorRoleArn output; the job needs permissions id-token: write and " +
    `environment: key-rotation), or aws-actions/configure-aws-credentials. See examples/rotate.yml. The SDK said: ${said}`,
};

export const rotateActionTexts = {
  inputProblems: (problems: readonly string[]) =>
    `${problems.length === 1 ? 'Invalid input' : `${problems.length} problems with the inputs`}:\n${problems.map((problem) => `- ${problem}`).join('\n')}`,
  tokenRequired:
    "github-token: is required: a GitHub App installation token or a fine-grained token that may write this repository's (or environment's) Actions secrets (see examples/rotate.yml)",
};

/** The job summary's words for each outcome and next step of a run (rotation-result.ts). */
export const summaryTexts = {
  heading: (user: string | undefined, outcome: string) => `### Key rotation${user ? ` of IAM user \`${user}\`` : ''}: ${outcome}`,
  outcome: {
    'step-taken': 'step taken',
    'nothing-due': 'nothing to do yet',
    'dry-run': 'dry run, nothing changed',
    refused: 'refused, nothing changed',
    failed: 'failed',
    'bad-usage': 'invalid inputs, nothing called',
  },
  step: {
    create: 'create and store a new key',
    'deactivate-old': 'deactivate the old key',
    'delete-old': 'delete the old key',
    'recover-interrupted': 'undo an interrupted rotation',
    revoke: 'revoke every key',
    none: 'none',
  },
  next: {
    'deactivate-old': 'a later run deactivates the old key, once a deploy has used the new one',
    'delete-old': 'a later run deletes the old key, after delete-after-days without use',
    create: 'the next run starts a new rotation',
    'recover-interrupted': 'a later run undoes the interrupted rotation',
    done: 'none: the rotation is done',
    'fix-and-run-again': 'fix what the error says, then run again',
  },
  table: (step: string, next: string, notBefore: string | undefined) =>
    ['| This run | Next |', '|---|---|', `| ${step} | ${next}${notBefore ? ` (not before ${notBefore})` : ''} |`].join('\n'),
  keysHeading: 'Keys as this run found them:',
};
