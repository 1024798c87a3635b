import { run } from './shell/key-age.js';

await run();
