import * as core from '@actions/core';
import { EXPORTED_STATE, EXPORTED_VARIABLES } from './core/credential-exports.js';

// Blank what the main step exported, so nothing after the job's steps can use the credentials.
if (core.getState(EXPORTED_STATE) === 'true') {
  for (const name of EXPORTED_VARIABLES) core.exportVariable(name, '');
  core.info('Blanked the exported AWS credentials');
}
