// @ts-check
import { execFileSync } from 'node:child_process';

/**
 * The Node 24 binary to run the bundles on, as GitHub's node24 runtime does: NODE24 when it names
 * one, else the Node running the tests when that is already 24 (a developer's machine on Node 24
 * needs no second binary). Undefined when neither is Node 24.
 * @returns {{ binary: string, version: string } | undefined}
 */
export function node24Binary() {
  const candidates = [process.env.NODE24, process.execPath].filter((binary) => binary !== undefined && binary !== '');
  for (const binary of /** @type {string[]} */ (candidates)) {
    try {
      const version = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
      if (/^v24\./.test(version)) return { binary, version };
    } catch {
      // Not a binary that runs: try the next one.
    }
  }
  return undefined;
}
