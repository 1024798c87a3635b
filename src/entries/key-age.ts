import { actionsIo } from '../adapters/actions-io.js';
import { run } from '../key-age/run.js';
import { keyAgeDeps } from './key-age-wiring.js';

void run(actionsIo(), keyAgeDeps());
