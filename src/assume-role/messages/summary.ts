/** The root action's job summary: the role, the session, when it expires, where the credentials are. */
import type { AssumedRole } from '../ports.js';

/** Where the following steps find the credentials: the environment, a named profile, both or (outputs only) neither. */
export function whereCredentialsAre(options: { env: boolean; profile?: string }): string {
  const places = [
    ...(options.env ? ["this job's environment"] : []),
    ...(options.profile ? [`profile ${options.profile} (aws --profile ${options.profile}, sam deploy --profile ${options.profile})`] : []),
  ];
  return places.length === 0 ? "only in this step's outputs" : `in ${places.join(' and in ')}`;
}

export function summaryFor(role: AssumedRole, options: { maskAccountId: boolean; now: Date; where?: string }): string {
  const hide = (text: string) => (options.maskAccountId ? text.split(role.account).join('***') : text);
  const minutes = Math.round((role.credentials.expiration.getTime() - options.now.getTime()) / 60000);
  return [
    '### Deploy role assumed',
    '',
    '| | |',
    '|---|---|',
    `| Role | \`${hide(role.roleArn)}\` |`,
    `| Session name | \`${role.sessionName}\` |`,
    `| Expires | ${role.credentials.expiration.toISOString()} (in ${minutes} min) |`,
    `| Account | ${hide(role.account)} |`,
    '',
    `The temporary credentials are ${options.where ?? "in this job's environment"} for the following steps; they are masked in the log.`,
    '',
  ].join('\n');
}
