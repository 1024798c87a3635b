/** The key-age check's findings, one sentence each; keys appear only as their last four characters. */

export interface KeyLabel {
  /** Last 4 characters of the key id. */
  key: string;
  usedByThisWorkflow: boolean;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function keyLabel(row: KeyLabel): string {
  return `Access key …${row.key}${row.usedByThisWorkflow ? ' (the key this workflow uses)' : ''}`;
}

/** Where the printed command runs as printed: what the project ships, never a package name on a registry. */
const FROM_A_CLONE = 'from a clone of assume-deploy-role at its release tag (or with the rotate action, examples/rotate.yml)';

/** The rotation tool's command for this user and repository, when the check knows them. */
const rotateWith = (command: string | undefined) => (command ? ` Rotate it with the rotation command, ${FROM_A_CLONE}: ${command}` : '');

const UNUSED_ADVICE = 'if nothing needs it, deactivate it, watch for failures, then delete it.';

/**
 * The command line's next step for this user and repository, printed as it can be run from a clone (the
 * role ARN from the variable the template's next steps set), with the environment whose secrets hold the key.
 */
export const rotateCommandFor = (userName: string, repository: string, region: string, environment?: string) =>
  `node dist/cli/index.js rotate --user-name ${userName} --repo ${repository} --role-to-assume "$(gh variable get AWS_DEPLOY_ROLE_ARN --repo ${repository})" --region ${region}` +
  `${environment ? ` --environment ${/^[\w.-]+$/.test(environment) ? environment : `'${environment}'`}` : ''}`;

export const findingTexts = {
  tooOld: (row: KeyLabel, ageDays: number, maxAgeDays: number, command?: string) =>
    `${keyLabel(row)} is ${plural(ageDays, 'day')} old, at or over max-age-days (${maxAgeDays}): rotate it now ` +
    `(create a second key, put it in the secrets, run a deploy, then deactivate and delete this one).${rotateWith(command)}`,
  ageing: (row: KeyLabel, ageDays: number, maxAgeDays: number, command?: string) =>
    `${keyLabel(row)} is ${plural(ageDays, 'day')} old: rotate it within ${plural(maxAgeDays - ageDays, 'day')}, ` +
    `before it reaches max-age-days (${maxAgeDays}) and this check fails.${rotateWith(command)}`,
  neverUsed: (row: KeyLabel, ageDays: number, maxUnusedDays: number) =>
    `${keyLabel(row)} is active and has never been used in the ${plural(ageDays, 'day')} since it was created ` +
    `(max-unused-days ${maxUnusedDays}): ${UNUSED_ADVICE}`,
  unused: (row: KeyLabel, idleDays: number, lastUsed: Date, maxUnusedDays: number) =>
    `${keyLabel(row)} is active but was last used ${plural(idleDays, 'day')} ago, on ${lastUsed.toISOString().slice(0, 10)} ` +
    `(max-unused-days ${maxUnusedDays}): ${UNUSED_ADVICE}`,
  /** The workflow signs with the key its secrets hold, so the key to retire is the other one. */
  twoActive: (keys: readonly string[], inUse: string | undefined, command?: string) => {
    const others = keys
      .filter((key) => key !== inUse)
      .map((key) => `…${key}`)
      .join(', ');
    const listed = `${keys.length} access keys are active (${keys.map((key) => `…${key}`).join(', ')}). `;
    const safely = command ? ` The rotation command does it safely, ${FROM_A_CLONE}: ${command}` : '';
    if (!inUse)
      return `${listed}Finish the rotation: deactivate the key the secrets no longer hold, watch for failures, then delete it.${safely}`;
    return (
      `${listed}Finish the rotation: deactivate ${others}, the key this workflow does not use, watch for failures, then delete it ` +
      `(this workflow uses …${inUse}; if you have just created ${others} and not yet stored it, store it first and retire …${inUse} instead).${safely}`
    );
  },
  inactive: (row: KeyLabel) => `${keyLabel(row)} is inactive: delete it, so that it can never be turned on again.`,
  /** Once per run checked with a role session's credentials (user-name), never with a key of the user. */
  workflowKeyUnknown: (userName: string) =>
    `Checked the keys of IAM user ${userName} with the credentials an earlier step exported (the key-age watcher role), not with one of its keys: ` +
    "which key the deploy workflows use cannot be known here, so no key is marked as this workflow's; every other finding is the same as with the key.",
  /** The info line after the check. */
  checked: (count: number, status: string, oldestDays: number) =>
    `Checked ${plural(count, 'access key')}: ${status}, the oldest active key is ${oldestDays} days old.`,
};

/** Said once in the key-age summary when the user has keys: the path that makes them unnecessary. */
export const keylessPathNote =
  "A key that does not exist cannot leak: once the deploy role trusts GitHub's OIDC tokens, assume-deploy-role runs keyless " +
  '(no aws-access-key-id, permissions id-token: write), and this key, its secrets, this check and rotation can all go. ' +
  "assume-deploy-role's docs/migrate-to-oidc.md walks through it, ending with the key deleted.";
