import * as core from '@actions/core';
import { runPost } from '../assume-role/post.js';

// Only the three calls the post step makes, so its bundle stays without the rest of the adapter.
runPost({ getState: core.getState, exportVariable: core.exportVariable, info: core.info });
