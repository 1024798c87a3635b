/**
 * What in SAM CLI's samconfig would undo this action's work, read from the parsed file (a plain
 * object from smol-toml or yaml). SAM CLI (samcli/lib/config/samconfig.py, cli_config_file.py)
 * takes `sam deploy`'s defaults from environment `default` (or --config-env's), merging
 * `[ENV.global.parameters]` under `[ENV.deploy.parameters]`, so a deploy key wins; an environment
 * the file lacks gives no defaults at all (a debug line only); it refuses a non-empty file whose
 * `version` is not a decimal number. Pure: no file system here.
 */
import { samconfigTexts, type SamconfigSection } from './messages/samconfig.js';

/** The names SAM CLI looks for, in its order: the first that exists is the one it reads. */
export const SAMCONFIG_FILES = ['samconfig.toml', 'samconfig.yaml', 'samconfig.yml'] as const;

/** SAM CLI's own default environment, read when no --config-env is given. */
export const DEFAULT_SAMCONFIG_ENV = 'default';

export type SamconfigFinding =
  | { kind: 'profile'; file: string; environment: string; section: SamconfigSection; value: unknown }
  | { kind: 'region'; file: string; environment: string; section: SamconfigSection; value: unknown; actionRegion: string }
  | { kind: 'resolveS3WithBucket'; file: string; environment: string; resolveSection: SamconfigSection; bucketSection: SamconfigSection }
  | { kind: 'environmentMissing'; file: string; environment: string }
  | { kind: 'version'; file: string; value: unknown }
  | { kind: 'notATable'; file: string };

type Table = Record<string, unknown>;
const isTable = (value: unknown): value is Table =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);

function parametersOf(environment: Table, command: SamconfigSection): Table {
  const section = environment[command];
  const parameters = isTable(section) ? section.parameters : undefined;
  return isTable(parameters) ? parameters : {};
}

/** A key as sam deploy sees it: from the deploy parameters, else the global ones; unset when absent (or null in YAML). */
function lookUp(environment: Table, key: string): { section: SamconfigSection; value: unknown } | undefined {
  for (const section of ['deploy', 'global'] as const) {
    const parameters = parametersOf(environment, section);
    if (Object.hasOwn(parameters, key) && parameters[key] !== null && parameters[key] !== undefined)
      return { section, value: parameters[key] };
  }
  return undefined;
}

/** A value click's boolean type reads as true (SAM CLI's flags are click options). */
const isTrue = (value: unknown) =>
  value === true || (typeof value === 'string' && ['true', '1', 'yes', 'y', 't', 'on'].includes(value.trim().toLowerCase()));

/**
 * `file` is the name to show (relative to the workspace); `actionRegion` the aws-region input;
 * `configEnv` the config-env input, when given (the environment sam deploy's --config-env names).
 */
export function samconfigFindings(document: unknown, file: string, actionRegion: string, configEnv?: string): SamconfigFinding[] {
  if (document === null || document === undefined) return [];
  if (!isTable(document)) return [{ kind: 'notATable', file }];
  if (Object.keys(document).length === 0) return [];
  const findings: SamconfigFinding[] = [];
  // smol-toml and yaml are asked for integers as bigint, so `version = 1` (an integer, refused) is told from `1.0`.
  if (typeof document.version !== 'number') findings.push({ kind: 'version', file, value: document.version });
  const name = configEnv ?? DEFAULT_SAMCONFIG_ENV;
  const found = document[name];
  // A file without `default` is common (every section named); one without the environment asked for is a mistake.
  if (configEnv !== undefined && !isTable(found)) findings.push({ kind: 'environmentMissing', file, environment: name });
  const environment = isTable(found) ? found : {};
  const profile = lookUp(environment, 'profile');
  if (profile) findings.push({ kind: 'profile', file, environment: name, ...profile });
  const region = lookUp(environment, 'region');
  if (region && region.value !== actionRegion) findings.push({ kind: 'region', file, environment: name, ...region, actionRegion });
  const resolveS3 = lookUp(environment, 'resolve_s3');
  const bucket = lookUp(environment, 's3_bucket');
  if (resolveS3 && isTrue(resolveS3.value) && bucket && bucket.value !== '') {
    findings.push({
      kind: 'resolveS3WithBucket',
      file,
      environment: name,
      resolveSection: resolveS3.section,
      bucketSection: bucket.section,
    });
  }
  return findings;
}

/** Each finding as the warning the step prints. */
export function samconfigWarning(finding: SamconfigFinding): string {
  switch (finding.kind) {
    case 'profile':
      return samconfigTexts.profile(finding.file, { environment: finding.environment, section: finding.section }, finding.value);
    case 'region':
      return samconfigTexts.region(
        finding.file,
        { environment: finding.environment, section: finding.section },
        finding.value,
        finding.actionRegion,
      );
    case 'resolveS3WithBucket':
      return samconfigTexts.resolveS3WithBucket(
        finding.file,
        { environment: finding.environment, section: finding.resolveSection },
        { environment: finding.environment, section: finding.bucketSection },
      );
    case 'environmentMissing':
      return samconfigTexts.environmentMissing(finding.file, finding.environment);
    case 'version':
      return samconfigTexts.version(finding.file, finding.value);
    case 'notATable':
      return samconfigTexts.notATable(finding.file);
  }
}
