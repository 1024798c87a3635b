import { actionsIo } from '../adapters/actions-io.js';
import { runPost } from '../assume-role/post.js';

runPost(actionsIo());
