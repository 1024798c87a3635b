import { InputParser, type InputReader, type Parsed } from '../shared/input-parser.js';
import type { Io } from '../shared/io.js';
import { GITHUB_ENVIRONMENT_NAME } from '../shared/run-context.js';
import { isComplete, parseUserKeyInputs, type UserKeyInputs } from '../shared/user-key-inputs.js';
import { checksWithEnvironment, parseEnvironmentCredentials, type CheckCredentials } from './check-credentials.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from './thresholds.js';
import { inputRules } from '../shared/messages/inputs.js';

export { DEFAULT_THRESHOLDS, type Thresholds };

export interface KeyAgeInputs extends UserKeyInputs {
  /** With a role session's credentials from the environment. */
  sessionToken?: string;
  /** Set only with credentials from the environment: the user whose keys are read, named in every call. */
  userName?: string;
  thresholds: Thresholds;
  /** Present only with tracking-issue: true; checked to be non-empty. */
  trackingIssue?: { token: string; repository: { owner: string; repo: string } };
  retryMaxAttempts: number;
  /** The environment whose secrets hold the key, for the rotate command the findings print. */
  secretsEnvironment?: string;
}

const MAX_DAYS = 3650;
const WARN_DAYS_BEFORE_MAX = 10;
const REPOSITORY = /^([\w.-]+)\/([\w.-]+)$/;

function parseThresholds(parser: InputParser): Thresholds {
  const maxAgeDays = parser.wholeNumber('max-age-days', DEFAULT_THRESHOLDS.maxAgeDays, 1, MAX_DAYS);
  // The default follows a lowered max-age-days (WARN_DAYS_BEFORE_MAX before it); a value given is checked as given.
  const warnDefault = Math.max(0, Math.min(DEFAULT_THRESHOLDS.warnAgeDays, maxAgeDays - WARN_DAYS_BEFORE_MAX));
  const warnAgeDays = parser.wholeNumber('warn-age-days', warnDefault, 0, MAX_DAYS);
  const maxUnusedDays = parser.wholeNumber('max-unused-days', DEFAULT_THRESHOLDS.maxUnusedDays, 1, MAX_DAYS);
  if (warnAgeDays >= maxAgeDays) {
    parser.problem('warn-age-days', inputRules.warnAgeNotLess(`${warnAgeDays}`, maxAgeDays));
  }
  return { maxAgeDays, warnAgeDays, maxUnusedDays };
}

/** The tracking issue needs a token and the repository; asking for it without them is an input mistake. */
function parseTrackingIssue(parser: InputParser, repository: string | undefined): KeyAgeInputs['trackingIssue'] {
  const wanted = parser.boolean('tracking-issue', false);
  const token = parser.optional('github-token');
  if (!wanted) return undefined;
  if (token === undefined) {
    return parser.problem('github-token', inputRules.githubTokenEmpty);
  }
  const match = REPOSITORY.exec(repository ?? '');
  if (!match) return parser.problem('tracking-issue', inputRules.noRepository);
  return { token, repository: { owner: match[1] ?? '', repo: match[2] ?? '' } };
}

/** The user's own key from the inputs (user-name refused: the key names its user), or the environment's credentials. */
function parseCredentials(parser: InputParser, env: Io['env']): CheckCredentials {
  if (checksWithEnvironment(parser, env)) return parseEnvironmentCredentials(parser, env);
  if (parser.optional('user-name') !== undefined) parser.problem('user-name', inputRules.userNameWithKey);
  return parseUserKeyInputs(parser);
}

export function parseKeyAgeInputs(read: InputReader, repository: string | undefined, env: Io['env'] = {}): Parsed<KeyAgeInputs> {
  const parser = new InputParser(read);
  const keys = parseCredentials(parser, env);
  const thresholds = parseThresholds(parser);
  const trackingIssue = parseTrackingIssue(parser, repository);
  const retryMaxAttempts = parser.wholeNumber('retry-max-attempts', 5, 1, 20);
  const secretsEnvironment = parser.pattern('secrets-environment', GITHUB_ENVIRONMENT_NAME, inputRules.environmentName);

  return parser.result(
    isComplete(keys)
      ? { ...keys, thresholds, trackingIssue, retryMaxAttempts, ...(secretsEnvironment ? { secretsEnvironment } : {}) }
      : undefined,
  );
}
