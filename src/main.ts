import { run } from './shell/assume-deploy-role.js';

void run();
