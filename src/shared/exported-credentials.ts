import { ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN } from './aws-names.js';

/** Credentials an earlier step of the job exported, as AWS's SDKs read them from the environment. */
export interface ExportedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type ExportedCredentialsRead =
  | { ok: true; credentials: ExportedCredentials }
  | { ok: false; problem: 'missing' }
  | { ok: false; problem: 'shape'; variable: 'AWS_ACCESS_KEY_ID' | 'AWS_SECRET_ACCESS_KEY' | 'AWS_SESSION_TOKEN' };

/**
 * AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN from `env`, and only those (no
 * profile, no instance metadata), each checked against its shape before anything uses it.
 */
export function readExportedCredentials(env: Readonly<Record<string, string | undefined>>): ExportedCredentialsRead {
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim() ?? '';
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim() ?? '';
  const sessionToken = env.AWS_SESSION_TOKEN?.trim() || undefined;
  if (accessKeyId === '' || secretAccessKey === '') return { ok: false, problem: 'missing' };
  if (!ACCESS_KEY_ID.test(accessKeyId)) return { ok: false, problem: 'shape', variable: 'AWS_ACCESS_KEY_ID' };
  if (!SECRET_ACCESS_KEY.test(secretAccessKey)) return { ok: false, problem: 'shape', variable: 'AWS_SECRET_ACCESS_KEY' };
  if (sessionToken !== undefined && !SESSION_TOKEN.test(sessionToken))
    return { ok: false, problem: 'shape', variable: 'AWS_SESSION_TOKEN' };
  return { ok: true, credentials: { accessKeyId, secretAccessKey, sessionToken } };
}

/** What to register as masks for the environment's credentials, before any call. */
export function exportedCredentialSecrets(env: Readonly<Record<string, string | undefined>>): string[] {
  return [env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN].flatMap((value) =>
    value?.trim() ? [value.trim()] : [],
  );
}
