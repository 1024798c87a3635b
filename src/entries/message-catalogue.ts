/**
 * THE message catalogue: every user-facing text, the shared areas (src/shared/messages/) and each
 * feature's own (src/assume-role/messages/, src/rotation/messages/), listed by area and name for the troubleshooting test.
 * An entry-level index, so features keep their texts (and the types they describe) beside them.
 */
import { catalogueOf, SHARED_AREAS, type CatalogueEntry } from '../shared/messages/index.js';
import * as assumeRoleSummary from '../assume-role/messages/summary.js';
import * as rotation from '../rotation/messages/rotation.js';
import * as rotationCommandLine from '../rotation/messages/command-line.js';
import * as rotationSurface from '../rotation/messages/rotation-surface.js';

export type { CatalogueEntry };

export const CATALOGUE: readonly CatalogueEntry[] = catalogueOf({
  ...SHARED_AREAS,
  'assume-role-summary': assumeRoleSummary,
  rotation,
  'rotation-surface': rotationSurface,
  'rotation-command-line': rotationCommandLine,
});
