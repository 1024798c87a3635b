import { run } from './shell/key-age.js';

void run();
