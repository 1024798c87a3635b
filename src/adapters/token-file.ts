import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import type { TokenFileResult } from '../assume-role/ports.js';
import { tokenFileRefusals } from '../shared/messages/token-file.js';
import { realPathInWorkspace } from './workspace-path.js';

/** The most STS takes as a WebIdentityToken. */
const MAX_TOKEN_BYTES = 20000;

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export type { TokenFileResult };

type Place = { ok: true; file: string } | { ok: false; reason: string };

/**
 * Where the file really is (symbolic links resolved), if it is in the workspace: the action reads
 * nothing outside it, a Kubernetes service-account token (/var/run/secrets/…) included.
 */
async function permittedPath(given: string, workspace: string | undefined): Promise<Place> {
  if (!workspace)
    return { ok: false, reason: path.isAbsolute(given) ? tokenFileRefusals.outsideWorkspace(given) : tokenFileRefusals.noWorkspace(given) };
  try {
    const real = await realPathInWorkspace(workspace, path.resolve(workspace, given));
    return real ? { ok: true, file: real } : { ok: false, reason: tokenFileRefusals.outsideWorkspace(given) };
  } catch (error) {
    return { ok: false, reason: tokenFileRefusals.unreadable(given, (error as NodeJS.ErrnoException).code ?? 'error') };
  }
}

/**
 * web-identity-token-file: a file in the workspace, read
 * once, at most MAX_TOKEN_BYTES, and only when it holds a JSON web token. The token is a secret:
 * the caller masks it before anything else; no message here quotes the file's content.
 */
export async function readTokenFile(given: string, workspace: string | undefined): Promise<TokenFileResult> {
  const place = await permittedPath(given, workspace);
  if (!place.ok) return place;
  let handle;
  try {
    handle = await open(place.file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    return { ok: false, reason: tokenFileRefusals.unreadable(given, (error as NodeJS.ErrnoException).code ?? 'error') };
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) return { ok: false, reason: tokenFileRefusals.notAFile(given) };
    if (stats.size > MAX_TOKEN_BYTES) return { ok: false, reason: tokenFileRefusals.tooLarge(given, MAX_TOKEN_BYTES) };
    const buffer = Buffer.alloc(MAX_TOKEN_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_TOKEN_BYTES) return { ok: false, reason: tokenFileRefusals.tooLarge(given, MAX_TOKEN_BYTES) };
    const token = buffer.subarray(0, bytesRead).toString('utf8').trim();
    return JWT.test(token) ? { ok: true, token } : { ok: false, reason: tokenFileRefusals.notAToken(given) };
  } finally {
    await handle.close();
  }
}
