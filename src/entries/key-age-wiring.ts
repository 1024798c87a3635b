/** The key-age action's real adapters; the GitHub client is loaded only by a run that writes a tracking issue. */
import type { KeyAgeDeps } from '../key-age/ports.js';
import { openKeyReader } from '../adapters/iam-key-reader.js';

export function keyAgeDeps(): KeyAgeDeps {
  return {
    keyReader: openKeyReader,
    issueTracker: async (token, repository) => (await import('../adapters/github-issues.js')).createIssueTracker(token, repository),
  };
}
