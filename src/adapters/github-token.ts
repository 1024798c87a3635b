import { execFile } from 'node:child_process';
import type { Io } from '../shared/io.js';

/** GH_TOKEN, then GITHUB_TOKEN (as gh itself reads them), then the token `gh auth login` stored. */
export async function githubToken(env: Io['env']): Promise<string | undefined> {
  const fromEnv = env.GH_TOKEN?.trim() || env.GITHUB_TOKEN?.trim();
  if (fromEnv) return fromEnv;
  return new Promise((resolve) => {
    execFile('gh', ['auth', 'token'], { timeout: 10_000, env: { ...env } as NodeJS.ProcessEnv }, (error, stdout) => {
      const token = String(stdout).trim();
      resolve(error || token === '' || /\s/.test(token) ? undefined : token);
    });
  });
}
