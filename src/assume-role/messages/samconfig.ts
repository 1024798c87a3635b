/**
 * Warnings about SAM CLI's own configuration file (samconfig.toml / .yaml / .yml) in the folder
 * sam deploy runs in. Every value comes from a file in the workspace, so each is shown through
 * `shown` (its known shape, else escaped and cut), never raw. None of them fails the step.
 */
import { REGION } from '../../shared/aws-names.js';
import { redact } from '../../shared/redact.js';
import { cutToLength } from '../../shared/text-limits.js';

/** A profile name as botocore's INI files can hold it (the aws-profile input's rule). */
const PROFILE_SHAPE = /^[\w+=,.@-]{1,64}$/;

/** How a value from the file prints: as itself when it has the expected shape, else JSON-escaped and cut. */
function shown(value: unknown, shape?: RegExp): string {
  if (typeof value === 'string' && shape?.test(value)) return value;
  const text = typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? String(value));
  const escaped = redact(text.replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return escaped.length > 40 ? `${cutToLength(escaped, 39)}…` : escaped;
}

/** Where in the file a key was found: an environment's deploy or global parameters. */
export type SamconfigSection = 'deploy' | 'global';
/** The environment is `default` or the config-env input, whose shape was checked with the inputs. */
export interface SamconfigTable {
  environment: string;
  section: SamconfigSection;
}
const table = ({ environment, section }: SamconfigTable) => `[${environment}.${section}.parameters]`;
/** A file name as the log shows it: cleaned, since a working-directory input is outside text too. */
const named = (file: string) => redact(file);

export const samconfigTexts = {
  profile: (file: string, where: SamconfigTable, profile: unknown) =>
    `${named(file)} sets profile = ${shown(profile, PROFILE_SHAPE)} in ${table(where)}: sam deploy then takes its credentials from that profile ` +
    'and ignores the ones this action exported (botocore skips the environment when a profile is given). ' +
    `Remove profile from ${named(file)}, or set aws-profile to that name so the role's credentials go into that profile`,
  region: (file: string, where: SamconfigTable, region: unknown, actionRegion: string) =>
    `${named(file)} sets region = ${shown(region, REGION)} in ${table(where)}, but aws-region is ${actionRegion}: sam deploy uses the file's region ` +
    `over AWS_REGION and AWS_DEFAULT_REGION. Remove region from ${named(file)}, set it to ${actionRegion}, or pass --region "$AWS_REGION" to sam deploy`,
  resolveS3WithBucket: (file: string, resolveAt: SamconfigTable, bucketAt: SamconfigTable) =>
    `${named(file)} sets both resolve_s3 = true (${table(resolveAt)}) and s3_bucket (${table(bucketAt)}): sam deploy stops with ` +
    '"Cannot use both --resolve-s3 and --s3-bucket parameters in non-guided deployments". Remove one of them',
  environmentMissing: (file: string, environment: string) =>
    `${named(file)} has no environment ${environment} (no [${environment}.deploy.parameters] or [${environment}.global.parameters]): ` +
    `sam deploy --config-env ${environment} then takes nothing from the file, without an error. Check config-env against the file's sections`,
  version: (file: string, version: unknown) =>
    `${named(file)} ${version === undefined ? 'has no version key' : `has version = ${shown(version)}`}: SAM CLI reads a samconfig only when ` +
    'its version is a decimal number, and stops with "Error reading configuration" otherwise. Write version = 0.1 at its top, as sam deploy --guided does',
  unparsable: (file: string, parserMessage: string) =>
    `${named(file)} does not parse, so it was not checked (SAM CLI stops on it too: "Error reading configuration"): ${shownError(parserMessage)}`,
  notATable: (file: string) =>
    `${named(file)} does not hold a table of environments (default = …) at its top, so it was not checked; SAM CLI cannot read it either`,
  outsideWorkspace: (file: string) =>
    `${named(file)} is a symbolic link to a file outside the workspace (GITHUB_WORKSPACE), so this action did not read it ` +
    'or check it for a profile or region that would override its credentials. Keep the samconfig in the repository, not a link out of it',
  tooLarge: (file: string, maxBytes: number) =>
    `${named(file)} is larger than ${maxBytes} bytes, so it was not checked for a profile or region that would override this action's credentials`,
  unreadable: (file: string, error: string) =>
    `${named(file)} could not be read, so it was not checked for a profile or region that would override this action's credentials: ${shownError(error)}`,
};

/** A parser's or the file system's message: it may quote the file, so cleaned and cut to one short line. */
function shownError(message: string): string {
  const clean = redact(message);
  return clean.length > 200 ? `${cutToLength(clean, 199)}…` : clean;
}
