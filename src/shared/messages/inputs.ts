/** The rules an input breaks, each printed after the input's name (`aws-region: must be …`). */
export const inputRules = {
  required: 'is required',
  secretRequired:
    'is required: is the secret set in this repository, and does this run get secrets? (runs for pull requests from forks do not)',
  secretWhiteSpace: 'contains white space inside the value; copy the key again as one piece',
  boolean: 'must be true or false',
  wholeNumber: (min: number, max: number) => `must be a whole number written in digits only, from ${min} to ${max}`,
  numberRange: (min: number, max: number, got: number) => `must be from ${min} to ${max}, got ${got}`,
  numberTooLong: (min: number, max: number) => `must be from ${min} to ${max}; the value given is larger`,
  accessKeyId: 'must be an AWS access key id: 16 to 128 upper-case letters and digits, like AKIA followed by 16 characters',
  secretAccessKey: 'must be an AWS secret access key: letters, digits, / + and =, usually 40 characters',
  keyIdIsSecret: 'looks like a secret access key, not a key id: are the two secrets swapped?',
  keyIdTemporary: "is a temporary key (ASIA…), which needs a session token; give the limited IAM user's long-lived key (AKIA…)",
  region: 'must be an AWS region code such as us-east-1 or eu-west-2',
  roleArn: "must be an IAM role ARN (arn:PARTITION:iam::ACCOUNT_ID:role/[PATH/]NAME) or a bare role name in the keys' own account",
  roleName: 'must be a role name of 1 to 64 characters from A-Z a-z 0-9 + = , . @ _ - (optionally after a path), or a role ARN',
  policyNotJson: 'must be a JSON policy document; it does not parse as JSON',
  policyNotObject: 'must be a JSON object (a policy document with Version and Statement)',
  policyTooLong: (length: number, max: number) => `is ${length} characters without white space; STS accepts at most ${max}`,
  managedPolicyArns: (bad: number) =>
    `each entry must be an IAM managed policy ARN (arn:PARTITION:iam::ACCOUNT_ID|aws:policy/NAME); ${bad} entr${bad === 1 ? 'y is' : 'ies are'} not`,
  managedPoliciesTooMany: (max: number, got: number) => `STS accepts at most ${max} policies, got ${got}`,
  sessionName: 'must be 2 to 64 characters from A-Z a-z 0-9 + = , . @ _ -',
  profileName: 'must be a profile name of 1 to 64 characters from A-Z a-z 0-9 + = , . @ _ -',
  proxyUrl: 'must be a proxy URL, http://HOST:PORT or https://HOST:PORT (optionally with USER:PASSWORD@)',
  externalId: 'must be 2 to 1224 characters from A-Z a-z 0-9 + = , . @ : / _ -',
  accountIds: 'must be 12-digit AWS account ids separated by commas',
  partitionMismatch: (rolePartition: string, region: string, regionPartition: string) =>
    `is in partition ${rolePartition}, but aws-region ${region} is in partition ${regionPartition}`,
  accountNotAllowed: 'is in an account that allowed-account-ids does not list',
  warnAgeNotLess: (given: string, max: number) =>
    `must be less than max-age-days (${given} is not less than ${max}); leave it out to warn 10 days before max-age-days`,
  githubTokenEmpty:
    'is empty, but tracking-issue is true; pass github-token: ${{ github.token }} and give the job permissions: issues: write, or set tracking-issue: false',
  noRepository: 'is true, but GITHUB_REPOSITORY (owner/name) is not set, so there is no repository to open the issue in',
  userName: "must be an IAM user name: 1 to 64 characters from A-Z a-z 0-9 + = , . @ _ - (the user's name, not its ARN or path)",
  userNameWithKey:
    "is set together with aws-access-key-id: the key's own user is checked; remove user-name, or leave both key inputs empty to check user-name's keys with the credentials an earlier step exported (the key-age watcher role)",
  userNameRequired:
    "is empty and this step's environment holds credentials an earlier step exported: name the IAM user whose keys to check in user-name (those of the template's user, which the key-age watcher role may read), or pass aws-access-key-id from its secret",
  secretWithoutKeyUser:
    'is set but aws-access-key-id is empty: give both (the key checks its own user), or neither (user-name, with the credentials an earlier step exported)',
  environmentCredentialsMissing:
    "is set and aws-access-key-id is empty, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set in this step's environment: in an earlier step of this job, run assume-deploy-role keyless with role-to-assume: ${{ vars.AWS_KEY_AGE_ROLE_ARN }} (the key-age watcher role) and permissions id-token: write",
  environmentCredentialShape: (variable: string) =>
    `is set and aws-access-key-id is empty, but ${variable} in this step's environment is not shaped like an AWS credential; assume the key-age watcher role in an earlier step of this job`,
  environmentName:
    'must be a GitHub environment name: up to 255 letters, digits, spaces and _.- (the environment whose secrets hold the key, such as production)',
  keylessSecretWithoutId: "is set but aws-access-key-id is empty: give both (keys), or neither (keyless, with GitHub's OIDC token)",
  keylessExternalId: 'applies only with keys: AssumeRoleWithWebIdentity takes no external id; remove it',
  keylessSessionTags:
    "applies only with keys: in keyless mode STS takes session tags from the token's claims; remove it or set it to false",
  keylessSourceIdentity: "applies only with keys: in keyless mode STS takes the source identity from the token's claims; remove it",
  keylessRoleArn:
    'must be a role ARN (arn:PARTITION:iam::ACCOUNT_ID:role/[PATH/]NAME) in keyless mode: there is no key whose account a bare role name could be in',
  workingDirectory:
    'must be a folder relative to the workspace, like app or services/api: no leading / or drive, no .. and no control characters',
  workingDirectoryOutside:
    'leads out of the workspace (GITHUB_WORKSPACE) through a symbolic link: name the folder inside the checkout itself, not a link to elsewhere',
  workingDirectoryMissing:
    "is not a folder in the workspace (GITHUB_WORKSPACE): check the path, relative to the repository's root, and that actions/checkout ran before this step",
  configEnv:
    'must be the name of a samconfig environment, as sam deploy --config-env takes it: 1 to 64 characters from A-Z a-z 0-9 _ -, like prod',
  refreshWithoutEnvironment:
    'cannot be true with aws-profile or output-env-credentials: false: refreshed credentials reach the following steps only through the environment (AWS_CONTAINER_CREDENTIALS_FULL_URI), which a profile does not read; remove aws-profile and output-env-credentials, or set refresh-credentials: false',
  refreshTemporarySource:
    "cannot be true when AssumeRole signs with temporary credentials (aws-session-token or role-chaining) or keyless mode reads web-identity-token-file: the credentials server re-assumes the role with the limited user's long-lived key or a fresh GitHub ID token, and neither of those would outlive the first session; sign with the long-lived key (or GitHub's OIDC token), or set refresh-credentials: false",
  audience: 'must be 1 to 256 characters from A-Z a-z 0-9 _ . : / @ + = -, like sts.amazonaws.com',
} as const;

/** A secret input's value the parser cleaned, printed after the input's name. */
export const inputWarnings = {
  whiteSpaceRemoved: 'removed white space around the value (AWS keys never contain white space); fix the stored secret',
};
