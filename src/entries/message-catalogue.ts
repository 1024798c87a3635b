/**
 * THE message catalogue: every user-facing text, the shared areas (src/shared/messages/) and each
 * feature's own (src/<feature>/messages/), listed by area and name for the troubleshooting test.
 * An entry-level index, so features keep their texts (and the types they describe) beside them.
 */
import { catalogueOf, SHARED_AREAS, type CatalogueEntry } from '../shared/messages/index.js';
import * as assumeRoleFailures from '../assume-role/messages/assume-role-failures.js';
import * as assumeRoleSummary from '../assume-role/messages/summary.js';
import * as peerInputs from '../assume-role/messages/peer-inputs.js';
import * as samconfig from '../assume-role/messages/samconfig.js';
import * as webIdentity from '../assume-role/messages/web-identity.js';
import * as keyAgeFailures from '../key-age/messages/key-age-failures.js';
import * as keyFindings from '../key-age/messages/key-findings.js';
import * as trackingIssue from '../key-age/messages/tracking-issue.js';
import * as rotation from '../rotation/messages/rotation.js';
import * as rotationCommandLine from '../rotation/messages/command-line.js';
import * as rotationSurface from '../rotation/messages/rotation-surface.js';

export type { CatalogueEntry };

export const CATALOGUE: readonly CatalogueEntry[] = catalogueOf({
  ...SHARED_AREAS,
  'assume-role-failures': assumeRoleFailures,
  'assume-role-summary': assumeRoleSummary,
  'peer-inputs': peerInputs,
  samconfig,
  'web-identity': webIdentity,
  'key-age-failures': keyAgeFailures,
  'key-findings': keyFindings,
  'tracking-issue': trackingIssue,
  rotation,
  'rotation-surface': rotationSurface,
  'rotation-command-line': rotationCommandLine,
});
