import { actionsIo } from '../adapters/actions-io.js';
import { credentialTexts } from '../rotation/messages/rotation-surface.js';
import { runRotateAction } from '../rotation/rotate-action.js';
import { rotationDeps } from './rotation-wiring.js';

const io = actionsIo();
void runRotateAction(io, (secrets, token) =>
  rotationDeps(io, io.input('aws-region').trim() || 'us-east-1', async () => token, credentialTexts.action)(secrets),
);
