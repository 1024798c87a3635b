import { getOctokit } from '@actions/github';
import sodium from 'libsodium-wrappers';
import type { Clock } from '../shared/io.js';
import { SecretWriteFailed } from '../shared/secret-write-failed.js';
import type { SecretPlace, SecretStore } from '../rotation/ports.js';
import { gitHubCallTexts } from '../shared/messages/github-calls.js';
import { GitHubCallFailed, GITHUB_DEADLINES, withDeadlines, type GitHubDeadlines } from './github-call.js';

/**
 * A repository's or an environment's Actions secrets over GitHub's REST API: the public key, the
 * secrets' names and update times, and writes sealed with libsodium's sealed box (crypto_box_seal),
 * as GitHub requires. GitHub never gives a secret's value back. Every call goes through the one
 * retry loop for GitHub (github-call.ts), each with its own budget.
 */
const MAX_PAGES = 20;
/** A libsodium public key: 32 bytes, base64. */
const PUBLIC_KEY = /^[A-Za-z0-9+/]{43}=$/;
const KEY_ID = /^[\w-]{1,64}$/;

export interface GitHubSecretsOptions {
  token: string;
  place: SecretPlace;
  clock: Clock;
  /** GITHUB_API_URL for GitHub Enterprise Server; api.github.com otherwise. */
  baseUrl?: string;
  /** Replaces the transport (tests). */
  fetch?: typeof globalThis.fetch;
  /** Shorter deadlines (tests). */
  deadlines?: GitHubDeadlines;
}

function statusOf(error: unknown): number | undefined {
  const value = typeof error === 'object' && error !== null ? (error as { status?: unknown }).status : undefined;
  return typeof value === 'number' ? value : undefined;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Whether a failed PUT may have been stored: GitHub's own refusal (a 4xx, a redirect never followed) or ours (nothing sent) means it was not. */
function writtenAfter(error: unknown): 'no' | 'unknown' {
  if (error instanceof GitHubCallFailed && error.kind === 'refused') return 'no';
  if (error instanceof GitHubCallFailed)
    return error.outcomeUnknown || error.kind !== 'http' || (error.status ?? 500) >= 500 ? 'unknown' : 'no';
  const status = statusOf(error);
  return status !== undefined && status < 500 ? 'no' : 'unknown';
}

export function createSecretStore(options: GitHubSecretsOptions): SecretStore {
  let offsetMs = 0;
  const { clock } = options;
  const github = withDeadlines(
    getOctokit(options.token, {
      ...(options.fetch ? { request: { fetch: options.fetch } } : {}),
      ...(options.baseUrl ? { baseUrl: options.baseUrl.replace(/\/+$/, '') } : {}),
    }),
    options.deadlines ?? GITHUB_DEADLINES,
    {
      clock,
      budget: 'per-request',
      onServerDate: (server, local) => {
        offsetMs = server - local;
      },
    },
  );
  const { owner, repo } = options.place.repository;
  const environment = options.place.environment;

  let publicKey: Promise<{ key_id: string; key: string }> | undefined;
  const fetchPublicKey = async () => {
    const data: unknown = (
      environment
        ? await github.rest.actions.getEnvironmentPublicKey({ owner, repo, environment_name: environment })
        : await github.rest.actions.getRepoPublicKey({ owner, repo })
    ).data;
    const { key_id, key } = (typeof data === 'object' && data !== null ? data : {}) as { key_id?: unknown; key?: unknown };
    if (typeof key_id !== 'string' || !KEY_ID.test(key_id) || typeof key !== 'string' || !PUBLIC_KEY.test(key))
      throw new Error(gitHubCallTexts.badPublicKey);
    return { key_id, key };
  };
  const getPublicKey = () => {
    if (publicKey) return publicKey;
    const fetching = fetchPublicKey();
    // A failed fetch is not kept: the write that puts the old pair back asks again.
    fetching.catch(() => {
      if (publicKey === fetching) publicKey = undefined;
    });
    publicKey = fetching;
    return fetching;
  };

  return {
    now: () => new Date(clock.now() + offsetMs),
    updatedAt: async (names) => {
      const wanted = new Set(names.map((name) => name.toUpperCase()));
      const found = new Map<string, Date>();
      for (let page = 1; page <= MAX_PAGES; page++) {
        const data = (
          environment
            ? await github.rest.actions.listEnvironmentSecrets({ owner, repo, environment_name: environment, per_page: 100, page })
            : await github.rest.actions.listRepoSecrets({ owner, repo, per_page: 100, page })
        ).data;
        if (!Array.isArray(data?.secrets)) throw new Error(gitHubCallTexts.badSecretList);
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
      let sealed: { key_id: string; encrypted_value: string };
      try {
        const { key_id, key } = await getPublicKey();
        await sodium.ready;
        const box = sodium.crypto_box_seal(sodium.from_string(value), sodium.from_base64(key, sodium.base64_variants.ORIGINAL));
        sealed = { key_id, encrypted_value: sodium.to_base64(box, sodium.base64_variants.ORIGINAL) };
      } catch (error) {
        throw new SecretWriteFailed('no', error, gitHubCallTexts.noPublicKey(messageOf(error)));
      }
      try {
        if (environment)
          await github.rest.actions.createOrUpdateEnvironmentSecret({
            owner,
            repo,
            environment_name: environment,
            secret_name: name,
            ...sealed,
          });
        else await github.rest.actions.createOrUpdateRepoSecret({ owner, repo, secret_name: name, ...sealed });
      } catch (error) {
        throw new SecretWriteFailed(writtenAfter(error), error, messageOf(error));
      }
    },
  };
}
