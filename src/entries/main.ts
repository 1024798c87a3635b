import { actionsIo } from '../adapters/actions-io.js';
import { run } from '../assume-role/run.js';
import { assumeRoleDeps } from './assume-role-wiring.js';

void run(actionsIo(), assumeRoleDeps());
