import { actionsIo } from '../adapters/actions-io.js';
import { run } from '../key-age/run.js';

void run(actionsIo());
