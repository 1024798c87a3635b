import { run } from './shell/assume-deploy-role.js';

await run();
