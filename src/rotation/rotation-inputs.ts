import { IAM_USER_NAME, parseRoleArn, partitionOfRegion, REGION, type RoleArn } from '../shared/aws-names.js';
import { GITHUB_ENVIRONMENT_NAME } from '../shared/run-context.js';
import { InputParser, type InputReader, type Parsed } from '../shared/input-parser.js';
import type { Repository, SecretPlace } from './ports.js';
import { DEFAULT_PROGRAM, type CommandName } from './command-line.js';
import { optionRules } from './messages/command-line.js';

export type { Repository, SecretPlace };

export interface SecretNames {
  id: string;
  secret: string;
}

export interface RotateOptions {
  command: 'rotate';
  userName: string;
  place: SecretPlace;
  role: RoleArn;
  region: string;
  secretNames: SecretNames;
  deleteAfterDays: number;
  dryRun: boolean;
  /** How the command was started, for the commands its texts print. */
  program: string;
}

export interface RevokeOptions {
  command: 'revoke';
  userName: string;
  role?: RoleArn;
  program: string;
}

export const DEFAULT_SECRET_NAMES: SecretNames = { id: 'AWS_ACCESS_KEY_ID', secret: 'AWS_SECRET_ACCESS_KEY' };
export const DEFAULT_DELETE_AFTER_DAYS = 7;

const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,199}$/;

function repository(parser: InputParser): Repository | undefined {
  const value = parser.required('--repo');
  if (value === undefined) return undefined;
  const match = REPOSITORY.exec(value);
  if (!match || match[2] === '.' || match[2] === '..') return parser.problem('--repo', optionRules.repo);
  return { owner: match[1] ?? '', repo: match[2] ?? '' };
}

function role(parser: InputParser, required: boolean): RoleArn | undefined {
  const value = required ? parser.required('--role-to-assume') : parser.optional('--role-to-assume');
  if (value === undefined) return undefined;
  return parseRoleArn(value) ?? parser.problem('--role-to-assume', optionRules.roleToAssume);
}

function secretNames(parser: InputParser): SecretNames {
  if (parser.optional('--secret-names') === undefined) return DEFAULT_SECRET_NAMES;
  const names = parser.list('--secret-names');
  const [id, secret] = names;
  if (names.length !== 2 || id === undefined || secret === undefined) {
    parser.problem('--secret-names', optionRules.secretNamesTwo);
  } else if ([id, secret].some((name) => !SECRET_NAME.test(name) || /^GITHUB_/i.test(name))) {
    parser.problem('--secret-names', optionRules.secretNamesCharacters);
  } else if (id.toUpperCase() === secret.toUpperCase()) {
    parser.problem('--secret-names', optionRules.secretNamesDiffer);
  } else {
    return { id, secret };
  }
  return DEFAULT_SECRET_NAMES;
}

function parseRotate(parser: InputParser, program: string): Parsed<RotateOptions> {
  const userName = parser.pattern('--user-name', IAM_USER_NAME, optionRules.userName) ?? parser.required('--user-name');
  const repo = repository(parser);
  const roleArn = role(parser, true);
  const region = parser.pattern('--region', REGION, optionRules.region) ?? parser.required('--region');
  const environment = parser.pattern('--environment', GITHUB_ENVIRONMENT_NAME, optionRules.environment);
  const names = secretNames(parser);
  const deleteAfterDays = parser.wholeNumber('--delete-after-days', DEFAULT_DELETE_AFTER_DAYS, 0, 365);
  const dryRun = parser.boolean('--dry-run', false);
  if (roleArn && region && REGION.test(region) && partitionOfRegion(region) !== roleArn.partition) {
    parser.problem('--region', optionRules.otherPartition(partitionOfRegion(region), roleArn.partition));
  }
  const complete = userName && repo && roleArn && region && REGION.test(region) && IAM_USER_NAME.test(userName);
  return parser.result(
    complete
      ? {
          command: 'rotate',
          userName,
          place: { repository: repo, ...(environment ? { environment } : {}) },
          role: roleArn,
          region,
          secretNames: names,
          deleteAfterDays,
          dryRun,
          program,
        }
      : undefined,
  );
}

function parseRevoke(parser: InputParser, program: string): Parsed<RevokeOptions> {
  const userName = parser.pattern('--user-name', IAM_USER_NAME, optionRules.userName) ?? parser.required('--user-name');
  const roleArn = role(parser, false);
  const complete = userName !== undefined && IAM_USER_NAME.test(userName);
  return parser.result(complete ? { command: 'revoke', userName, program, ...(roleArn ? { role: roleArn } : {}) } : undefined);
}

/**
 * The options of one command, strictly: every problem at once, before any network call. `read`
 * takes flag names without their dashes (`user-name`), as the command-line Io's `input` does.
 */
export function parseRotationOptions(
  command: CommandName,
  read: InputReader,
  earlierProblems: readonly string[] = [],
  program = DEFAULT_PROGRAM,
): Parsed<RotateOptions | RevokeOptions> {
  const parser = new InputParser((name) => read(name.replace(/^--/, '')));
  parser.problems.push(...earlierProblems);
  return command === 'rotate' ? parseRotate(parser, program) : parseRevoke(parser, program);
}
