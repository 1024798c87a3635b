import type { ProfilePaths, ProfileStore } from './ports.js';
import { CREATED_FILE_TEXT, hasProfile, isLeftover, removeProfile, writeProfile, type ProfileFileKind } from './profile-files.js';

export interface ProfileCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export interface WrittenProfile {
  profile: string;
  marker: string;
  files: Array<{ kind: ProfileFileKind; file: string; created: boolean }>;
}

export interface ProfileRequest {
  profile: string;
  credentials: ProfileCredentials;
  region: string;
  overwrite: boolean;
  marker: string;
}

export type ProfileWrite = { ok: true; written: WrittenProfile } | { ok: false; existing: Array<{ kind: ProfileFileKind; file: string }> };

/**
 * Writes the credentials into section `profile` of the credentials file and the region into the
 * config file. When either file already has that profile and `overwrite` is false, nothing is
 * written. The files are read and rewritten under the store's lock, so a step of another job on
 * the same HOME, editing its own section at the same moment, neither loses this one nor has its
 * own lost.
 */
export function writeAwsProfile(store: ProfileStore, paths: ProfilePaths, request: ProfileRequest): Promise<ProfileWrite> {
  return store.exclusive([paths.credentials, paths.config], () => writeSections(store, paths, request));
}

async function writeSections(store: ProfileStore, paths: ProfilePaths, request: ProfileRequest): Promise<ProfileWrite> {
  const { profile, credentials, region, marker } = request;
  const plans: Array<{ kind: ProfileFileKind; file: string; values: Array<[string, string]> }> = [
    {
      kind: 'credentials',
      file: paths.credentials,
      values: [
        ['aws_access_key_id', credentials.accessKeyId],
        ['aws_secret_access_key', credentials.secretAccessKey],
        ['aws_session_token', credentials.sessionToken],
      ],
    },
    { kind: 'config', file: paths.config, values: [['region', region]] },
  ];
  const current = await Promise.all(plans.map((plan) => store.read(plan.file)));
  const existing = plans.filter((plan, i) => hasProfile(current[i] ?? '', plan.kind, profile)).map(({ kind, file }) => ({ kind, file }));
  if (existing.length > 0 && !request.overwrite) return { ok: false, existing };
  const texts = plans.map((plan, i) => writeProfile(current[i] ?? CREATED_FILE_TEXT, plan.kind, profile, plan.values, marker));
  const files: WrittenProfile['files'] = [];
  try {
    for (const [i, plan] of plans.entries()) {
      await store.write(plan.file, texts[i] ?? '');
      files.push({ kind: plan.kind, file: plan.file, created: current[i] === undefined });
    }
  } catch (error) {
    // The step fails and saves no state, so no post step would remove what was written: do it now (the lock is still held).
    await removeSections(store, { profile, marker, files }).catch(() => undefined);
    throw error;
  }
  return { ok: true, written: { profile, marker, files } };
}

/**
 * Removes the sections `written` names, if they still carry its marker; a file it created and
 * emptied goes too, as does one left with only the created-file line (another job created it).
 * Each file is read again under the lock and only the section with this step's marker is taken
 * out of what is there now, so every other section, another job's included, stays.
 */
export async function removeAwsProfile(store: ProfileStore, written: WrittenProfile): Promise<string[]> {
  // A file gone since cannot hold this run's marker (one made later has no reason to): no lock, no folder made for it.
  const present: WrittenProfile['files'] = [];
  for (const entry of written.files) if ((await store.read(entry.file)) !== undefined) present.push(entry);
  if (present.length === 0) return [];
  return store.exclusive(
    present.map(({ file }) => file),
    () => removeSections(store, { ...written, files: present }),
  );
}

async function removeSections(store: ProfileStore, written: WrittenProfile): Promise<string[]> {
  const cleaned: string[] = [];
  for (const { kind, file, created } of written.files) {
    const text = await store.read(file);
    if (text === undefined) continue;
    const result = removeProfile(text, kind, written.profile, written.marker);
    if (!result.removed) continue;
    if (isLeftover(result.text, created)) await store.remove(file);
    else await store.write(file, result.text);
    cleaned.push(file);
  }
  return cleaned;
}

/** The state text back into what the main step wrote; anything else is not ours and is ignored. */
export function parseWrittenProfile(state: string): WrittenProfile | undefined {
  if (state === '') return undefined;
  try {
    const value = JSON.parse(state) as WrittenProfile;
    const filesOk =
      Array.isArray(value.files) &&
      value.files.every(
        (entry) =>
          (entry.kind === 'credentials' || entry.kind === 'config') && typeof entry.file === 'string' && typeof entry.created === 'boolean',
      );
    return typeof value.profile === 'string' && typeof value.marker === 'string' && filesOk ? value : undefined;
  } catch {
    return undefined;
  }
}
