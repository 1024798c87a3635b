import type { UserTag } from './ports.js';

/** How a key is provably ours: user tags the tool writes (UserTag, in shared/key-rotation-types.ts) and nobody else has reason to write. */
export type { UserTag };

const CREATED = /^Created by assume-deploy-role rotate at (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)$/;
const DEACTIVATED_PREFIX = 'assume-deploy-role:deactivated:';
const DEACTIVATED = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z) by (rotate|revoke)$/;

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

export function createdTag(accessKeyId: string, now: Date): UserTag {
  return { key: accessKeyId, value: `Created by assume-deploy-role rotate at ${isoSeconds(now)}` };
}

export function deactivatedTag(accessKeyId: string, now: Date, by: 'rotate' | 'revoke'): UserTag {
  return { key: `${DEACTIVATED_PREFIX}${accessKeyId}`, value: `${isoSeconds(now)} by ${by}` };
}

/** Every tag the tool may have written about a key, for removal when the key is deleted. */
export function tagKeysOf(accessKeyId: string): string[] {
  return [accessKeyId, `${DEACTIVATED_PREFIX}${accessKeyId}`];
}

export function createdByUs(tags: ReadonlyMap<string, string>, accessKeyId: string): Date | undefined {
  const match = CREATED.exec(tags.get(accessKeyId) ?? '');
  return match?.[1] === undefined ? undefined : new Date(match[1]);
}

export function deactivatedByUs(tags: ReadonlyMap<string, string>, accessKeyId: string): Date | undefined {
  const match = DEACTIVATED.exec(tags.get(`${DEACTIVATED_PREFIX}${accessKeyId}`) ?? '');
  return match?.[1] === undefined ? undefined : new Date(match[1]);
}
