/** The command line's own problems: its words (command-line.ts) and its options' rules (rotation-inputs.ts). */

export const commandLineProblems = {
  noCommand: 'no command given: use rotate or revoke',
  jsonNotBoolean: '--json: must be true or false (or --json alone)',
  unknownCommand: (word: string) => `unknown command ${word}: use rotate or revoke`,
  unexpectedArgument: (word: string) => `unexpected argument ${word}: options are written --name value`,
  givenTwice: (name: string) => `--${name}: given more than once`,
  needsValue: (name: string) => `--${name}: needs a value`,
  notAnOption: (name: string, command: string, options: readonly string[]) =>
    `--${name}: not an option of ${command} (it takes ${options.map((flag) => `--${flag}`).join(', ')})`,
};

/** What each option must be; the parser prefixes the option's name. */
export const optionRules = {
  repo: 'must be OWNER/REPO, as in github.com/OWNER/REPO',
  roleToAssume: 'must be a role ARN, arn:PARTITION:iam::ACCOUNT_ID:role/NAME (a path before NAME is allowed)',
  secretNamesTwo: "must be two secret names, ID_SECRET,SECRET_SECRET (the key id's, then the secret access key's)",
  secretNamesCharacters: 'secret names are letters, digits and _, do not start with a digit or GITHUB_',
  secretNamesDiffer: 'the two names must differ (GitHub secret names ignore case)',
  userName: 'must be an IAM user name: 1 to 64 letters, digits and +=,.@_-',
  region: 'must be an AWS region such as eu-west-1',
  environment: 'must be a GitHub environment name: up to 255 letters, digits, spaces and _.-',
  otherPartition: (regionPartition: string, rolePartition: string) =>
    `is in partition ${regionPartition}, but --role-to-assume is in ${rolePartition}`,
};
