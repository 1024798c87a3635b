import { cutToLength } from '../shared/text-limits.js';
import { SESSION_NAME_CHAR } from '../shared/aws-names.js';
import type { RunContext } from '../shared/run-context.js';

const MAX_LENGTH = 64;

function toSessionAlphabet(text: string): string {
  return Array.from(text, (char) => (SESSION_NAME_CHAR.test(char) ? char : '-')).join('');
}

/**
 * A RoleSessionName that points every CloudTrail event at one workflow run: the unique parts first
 * (run id and attempt), so cutting to STS's 64 characters only ever shortens the repository name.
 * `gha-12345678901-1@octo-org.deploy-app`
 */
export function sessionNameForRun(run: RunContext, now: Date): string {
  const unique = run.runId ? `gha-${run.runId}-${run.runAttempt ?? '1'}` : `local-${Math.floor(now.getTime() / 1000)}`;
  const repository = run.repository ? `@${run.repository.replace('/', '.')}` : '';
  return cutToLength(toSessionAlphabet(`${unique}${repository}`), MAX_LENGTH);
}
