import type { RotationContext } from './messages/rotation.js';
import type { RotateOptions } from './rotation-inputs.js';

/** What the rotation's texts name: the user, where the secrets are, the commands to run again or by hand. */
export function rotationContext(options: RotateOptions): RotationContext {
  const { repository, environment } = options.place;
  const repo = `${repository.owner}/${repository.repo}`;
  const quoted = environment && /\s/.test(environment) ? `'${environment}'` : environment;
  const names = options.secretNames;
  const namesFlag =
    names.id === 'AWS_ACCESS_KEY_ID' && names.secret === 'AWS_SECRET_ACCESS_KEY' ? '' : ` --secret-names ${names.id},${names.secret}`;
  return {
    userName: options.userName,
    place: environment ? `environment ${environment} of ${repo}` : `repository ${repo}`,
    secretNames: names,
    rotateCommand:
      `${options.program} rotate --user-name ${options.userName} --repo ${repo} --role-to-assume ${options.role.arn} --region ${options.region}` +
      `${environment ? ` --environment ${quoted}` : ''}${namesFlag}`,
    ghSecretSet: `gh secret set --repo ${repo}${environment ? ` --env ${quoted}` : ''}`,
    deleteAfterDays: options.deleteAfterDays,
  };
}
