/**
 * The message catalogue: every user-facing text of the actions lives in this folder, one file per
 * area. CATALOGUE lists each entry by area and name, so a test can enumerate them (see
 * __tests__/docs/troubleshooting-doc.test.ts) and a new message cannot go unexplained.
 */
import * as actionLog from './action-log.js';
import * as assumeRoleFailures from './assume-role-failures.js';
import * as awsFailures from './aws-failures.js';
import * as credentialsServer from './credentials-server.js';
import * as jobEnvironment from './job-environment.js';
import * as keyAgeFailures from './key-age-failures.js';
import * as inputs from './inputs.js';
import * as keyFindings from './key-findings.js';
import * as proxy from './proxy.js';
import * as peerInputs from './peer-inputs.js';
import * as rotation from './rotation.js';
import * as rotationSurface from './rotation-surface.js';
import * as samconfig from './samconfig.js';
import * as step from './step.js';
import * as trackingIssue from './tracking-issue.js';
import * as webIdentity from './web-identity.js';

export interface CatalogueEntry {
  area: string;
  /** `explainAssumeRoleFailure`, or `findingTexts.tooOld` for a member of a group of texts. */
  name: string;
}

const AREAS: Record<string, Record<string, unknown>> = {
  'action-log': actionLog,
  'assume-role-failures': assumeRoleFailures,
  'aws-failures': awsFailures,
  'credentials-server': credentialsServer,
  'job-environment': jobEnvironment,
  'key-age-failures': keyAgeFailures,
  inputs,
  'key-findings': keyFindings,
  proxy,
  'peer-inputs': peerInputs,
  rotation,
  'rotation-surface': rotationSurface,
  samconfig,
  step,
  'tracking-issue': trackingIssue,
  'web-identity': webIdentity,
};

const isGroup = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const CATALOGUE: readonly CatalogueEntry[] = Object.entries(AREAS).flatMap(([area, exports]) =>
  Object.entries(exports).flatMap(([name, value]) =>
    isGroup(value) ? Object.keys(value).map((member) => ({ area, name: `${name}.${member}` })) : typeof value === 'function' || typeof value === 'string' ? [{ area, name }] : []));
