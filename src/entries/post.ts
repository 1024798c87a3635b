import * as core from '@actions/core';
import { runPost } from '../assume-role/post.js';
import { postDeps } from './post-wiring.js';

// Only the calls the post step makes, so its bundle stays without the rest of the adapter.
void runPost(
  {
    getState: core.getState,
    exportVariable: core.exportVariable,
    info: core.info,
    annotate: (_severity, message) => core.warning(message),
  },
  postDeps(),
);
