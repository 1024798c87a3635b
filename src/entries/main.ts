import { actionsIo } from '../adapters/actions-io.js';
import { run } from '../assume-role/run.js';

void run(actionsIo());
