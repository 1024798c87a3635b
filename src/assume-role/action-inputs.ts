import type { InputReader, Parsed } from '../shared/input-parser.js';
import type { Io } from '../shared/io.js';
import { isChaining } from './credential-source.js';
import { isKeyless, parseKeylessInputs, type KeylessInputs } from './keyless-inputs.js';
import { parseRootInputs, type RootInputs } from './role-inputs.js';

/** The root action's inputs in the mode they choose: keys (the inputs', or the environment's with role-chaining), or none (keyless). */
export type ActionInputs = ({ mode: 'keys' } & RootInputs) | ({ mode: 'keyless' } & KeylessInputs);

export function parseActionInputs(read: InputReader, env: Io['env'] = {}): Parsed<ActionInputs> {
  const chaining = isChaining(read);
  if (!chaining && isKeyless(read)) {
    const parsed = parseKeylessInputs(read);
    return parsed.ok ? { ...parsed, value: { mode: 'keyless', ...parsed.value } } : parsed;
  }
  const parsed = parseRootInputs(read, { chaining, env });
  return parsed.ok ? { ...parsed, value: { mode: 'keys', ...parsed.value } } : parsed;
}
