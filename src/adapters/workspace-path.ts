/**
 * Workspace confinement: the action reads files of the repository's checkout, and a checkout can
 * hold symbolic links to anywhere (`/proc/self/environ`, `~/.aws/credentials`). A path counts as
 * in the workspace only when its real path, every link resolved, is the workspace's real path or
 * lies under it; a path that does not exist is nowhere, and realpath's error says so.
 */
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** The real path of `target` when it lies within `workspace`'s real path; undefined when it leaves it. */
export async function realPathInWorkspace(workspace: string, target: string): Promise<string | undefined> {
  const [root, real] = await Promise.all([realpath(workspace), realpath(target)]);
  const relative = path.relative(root, real);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return outside ? undefined : real;
}

/** Whether `folder` (which exists) resolves to a place within `workspace`. */
export async function isInWorkspace(workspace: string, folder: string): Promise<boolean> {
  try {
    return (await realPathInWorkspace(workspace, folder)) !== undefined;
  } catch {
    return false;
  }
}
