import { getOctokit } from '@actions/github';
import sodium from 'libsodium-wrappers';
import type { Clock } from '../shared/io.js';
import type { SecretPlace, SecretStore } from '../shared/key-rotation-types.js';

/**
 * A repository's or an environment's Actions secrets over GitHub's REST API: the public key, the
 * secrets' names and update times, and writes sealed with libsodium's sealed box (crypto_box_seal),
 * as GitHub requires. GitHub never gives a secret's value back.
 */
const ATTEMPT_TIMEOUT_MS = 10_000;
const TOTAL_BUDGET_MS = 30_000;
const MAX_ATTEMPTS = 3;
const MAX_PAGES = 20;

export interface GitHubSecretsOptions {
  token: string;
  place: SecretPlace;
  clock: Clock;
  /** GITHUB_API_URL for GitHub Enterprise Server; api.github.com otherwise. */
  baseUrl?: string;
  /** Replaces the transport (tests). */
  fetch?: typeof globalThis.fetch;
}

function status(error: unknown): number | undefined {
  const value = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof value === 'number' ? value : undefined;
}

/** 5xx, 429, a secondary rate limit's 403 with retry-after, or no answer at all. */
function worthRetrying(error: unknown): boolean {
  const code = status(error);
  if (code === undefined || code === 500) return true;
  if (code === 429 || code === 502 || code === 503 || code === 504) return true;
  const headers = (error as { response?: { headers?: Record<string, string> } }).response?.headers;
  return code === 403 && headers?.['retry-after'] !== undefined;
}

export function createSecretStore(options: GitHubSecretsOptions): SecretStore {
  const github = getOctokit(options.token, {
    ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
    ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
  });
  const { owner, repo } = options.place.repository;
  const environment = options.place.environment;
  const { clock } = options;

  /** One call with a deadline per attempt and for all attempts together. */
  async function call<T>(send: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const start = clock.now();
    for (let attempt = 1; ; attempt++) {
      const left = TOTAL_BUDGET_MS - (clock.now() - start);
      try {
        return await send(AbortSignal.timeout(Math.max(1, Math.min(ATTEMPT_TIMEOUT_MS, left))));
      } catch (error) {
        const delay = Math.floor(clock.random() * 500 * 2 ** attempt);
        if (!worthRetrying(error) || attempt >= MAX_ATTEMPTS || TOTAL_BUDGET_MS - (clock.now() - start) - delay < 500) throw error;
        await clock.sleep(delay);
      }
    }
  }

  let publicKey: Promise<{ key_id: string; key: string }> | undefined;
  const getPublicKey = () => {
    if (publicKey) return publicKey;
    const fetching = call(async (signal) => (environment
      ? await github.rest.actions.getEnvironmentPublicKey({ owner, repo, environment_name: environment, request: { signal } })
      : await github.rest.actions.getRepoPublicKey({ owner, repo, request: { signal } })).data);
    // A failed fetch is not kept: the write that puts the old pair back asks again.
    fetching.catch(() => {
      if (publicKey === fetching) publicKey = undefined;
    });
    publicKey = fetching;
    return fetching;
  };

  return {
    updatedAt: async (names) => {
      const wanted = new Set(names.map((name) => name.toUpperCase()));
      const found = new Map<string, Date>();
      for (let page = 1; page <= MAX_PAGES; page++) {
        const data = await call(async (signal) => (environment
          ? await github.rest.actions.listEnvironmentSecrets({ owner, repo, environment_name: environment, per_page: 100, page, request: { signal } })
          : await github.rest.actions.listRepoSecrets({ owner, repo, per_page: 100, page, request: { signal } })).data);
        for (const secret of data.secrets) {
          const name = names.find((candidate) => candidate.toUpperCase() === secret.name.toUpperCase());
          const at = new Date(secret.updated_at);
          if (name !== undefined && wanted.has(name.toUpperCase()) && !Number.isNaN(at.getTime())) found.set(name, at);
        }
        if (data.secrets.length < 100 || page * 100 >= data.total_count) return found;
      }
      return found;
    },
    write: async (name, value) => {
      const { key_id, key } = await getPublicKey();
      await sodium.ready;
      const sealed = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key, sodium.base64_variants.ORIGINAL));
      const encrypted_value = sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
      await call(async (signal) => {
        if (environment) await github.rest.actions.createOrUpdateEnvironmentSecret({ owner, repo, environment_name: environment, secret_name: name, encrypted_value, key_id, request: { signal } });
        else await github.rest.actions.createOrUpdateRepoSecret({ owner, repo, secret_name: name, encrypted_value, key_id, request: { signal } });
      });
    },
  };
}
