/**
 * The inputs aws-actions/configure-aws-credentials (v6.2.3) has and this action takes over with
 * the same meaning, or refuses: their rules (printed after the input's name) and their log lines.
 */
export const peerInputRules = {
  sessionTokenWithoutKey: 'is set but aws-access-key-id is empty: a session token goes with its temporary key (ASIA…) and secret',
  sessionToken: 'must be an AWS session token: letters, digits, / + and =, without white space',
  chainingWithKeys:
    "is true and aws-access-key-id is empty, so the credentials already in this step's environment sign AssumeRole: remove aws-secret-access-key and aws-session-token, or give aws-access-key-id too",
  chainingWithTokenFile:
    "is true and aws-access-key-id is empty, so the credentials already in this step's environment sign AssumeRole: remove web-identity-token-file, or remove role-chaining",
  chainingWithUnset: 'is true, but role-chaining: true needs the credentials in the environment that it would blank; remove one of the two',
  environmentKeysMissing:
    "is true, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set in this step's environment: assume the first role in an earlier step of this job (this action exports them; with aws-profile, give that step output-env-credentials: true, as profiles are not read)",
  chainingDuration: "must be at most 3600 with role-chaining: STS limits a session assumed with another role's session to one hour",
  environmentKeyShape: (variable: string) =>
    `is true, but ${variable} in this step's environment is not shaped like an AWS credential; assume the first role in an earlier step of this job`,
  tokenFilePath:
    'must be a path to a file in the workspace (relative to GITHUB_WORKSPACE, or absolute inside it), without control characters',
  tokenFileWithKeys: 'is set together with aws-access-key-id: give the key (with its secret) or the token file, not both',
  skipTaggingContradicts: 'is true, which contradicts session-tags: true; keep one of the two',
  customTagsNotJson: 'must be a JSON object of tags, like {"Team":"payments"}; it does not parse as JSON',
  customTagsNotObject: 'must be a JSON object of tags, like {"Team":"payments"} (not an array, a string or a number)',
  customTagValue: (key: string) =>
    `the value of ${key} must be a string, a number or true/false, at most 256 characters from letters, digits, spaces and _ . : / = + - @`,
  customTagKey: 'each key must be 1 to 128 characters from letters, digits, spaces and _ . : / = + - @',
  customTagProtected: (key: string) => `${key} is a tag this action sets from the run; choose another key`,
  customTagsTooMany: (total: number, max: number) =>
    `with the run's tags, the session would carry ${total} tags; STS accepts at most ${max}`,
  tagsNeedTagging:
    "tags the session, which is off by default here: set session-tags: true as well (the role's trust policy needs sts:TagSession)",
  transitiveTagKeys: (count: number) =>
    `names keys that are not among the session's tags (the run's tags and custom-tags); unknown: ${count}`,
  keylessTags: "applies only with keys: in keyless mode STS takes session tags from the token's claims; remove it",
  specialCharactersWorkaround:
    'is not supported: it repeats AssumeRole until the secret access key has no special characters, one new session per try. The credentials are exported as STS gave them and GITHUB_ENV carries every character; for a tool that cannot read them, use aws-profile. Remove this input or set it to false',
  forceSkipOidc:
    "is true, but no credentials other than GitHub's OIDC token are given: set aws-access-key-id and aws-secret-access-key, web-identity-token-file, or role-chaining: true",
  existingWithUnset: 'is true, but unset-current-credentials: true would blank the credentials it is asked to keep; remove one of the two',
  stsEndpoint:
    'must be an https:// URL without user name or password (https://HOST[:PORT][/PATH]); http:// only for this machine (localhost, 127.0.0.1, [::1])',
} as const;

/** What the taken-over inputs do on a run that goes on, as info lines and notices. */
export const peerInputLog = {
  unset: (names: string) => `unset-current-credentials: blanked ${names} for the following steps before anything else`,
  existingValid: (arn: string) =>
    `use-existing-credentials: the credentials in the environment are valid (${arn}); no new ones were fetched and nothing was exported`,
  existingNone: 'use-existing-credentials: no credentials in the environment; assuming the role as usual',
  existingRejected: (why: string) =>
    `use-existing-credentials: the credentials in the environment are not usable (${why}); assuming the role as usual`,
  existingOtherAccount: (account: string) =>
    `use-existing-credentials: the credentials in the environment are account ${account}'s, not the role's or one of allowed-account-ids; assuming the role as usual`,
  timeout: (seconds: number) => `action-timeout-s: the step fails if it has not finished within ${seconds} s`,
  timedOut: (seconds: number) =>
    `The action did not finish within action-timeout-s (${seconds} s); nothing more is exported, and the step fails`,
  tokenFile: (given: string) => `web-identity-token-file: keyless mode with the web identity token in ${given}`,
  chaining: "role-chaining: AssumeRole signed with the credentials already in this step's environment",
} as const;
