import type { InputReader, Parsed } from '../shared/input-parser.js';
import { isKeyless, parseKeylessInputs, type KeylessInputs } from './keyless-inputs.js';
import { parseRootInputs, type RootInputs } from './role-inputs.js';

/** The root action's inputs in the mode they choose: the limited user's keys, or none (keyless). */
export type ActionInputs = ({ mode: 'keys' } & RootInputs) | ({ mode: 'keyless' } & KeylessInputs);

export function parseActionInputs(read: InputReader): Parsed<ActionInputs> {
  if (isKeyless(read)) {
    const parsed = parseKeylessInputs(read);
    return parsed.ok ? { ...parsed, value: { mode: 'keyless', ...parsed.value } } : parsed;
  }
  const parsed = parseRootInputs(read);
  return parsed.ok ? { ...parsed, value: { mode: 'keys', ...parsed.value } } : parsed;
}
