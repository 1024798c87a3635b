/** The root action's run(io, deps) with the real adapters, and the fakes a test gives in their place. */
import { run as runAssumeRole, type AssumeRoleDeps } from '../../src/assume-role/run.js';
import { assumeRoleDeps } from '../../src/entries/assume-role-wiring.js';
import type { Io } from '../../src/shared/io.js';

export function run(io: Io, fakes: Partial<AssumeRoleDeps> = {}): Promise<void> {
  return runAssumeRole(io, { ...assumeRoleDeps(), ...fakes });
}
