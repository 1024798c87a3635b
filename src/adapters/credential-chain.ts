import type { KeyAdmin } from '../rotation/ports.js';
import { redact } from '../shared/redact.js';
import { CallFailed } from '../shared/retry.js';
import { StepFailure } from '../shared/step-failure.js';

/** The AWS SDK's errors for "the default chain found no usable credentials" (none set, an expired SSO session). */
const CHAIN_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError']);

export function isCredentialChainError(error: unknown): boolean {
  if (error instanceof CallFailed) return CHAIN_ERRORS.has(error.failure.code);
  return error instanceof Error && CHAIN_ERRORS.has(error.name);
}

/**
 * The key admin, with the SDK's credential errors turned into one that says which chain was tried
 * and what to set (`explain`, given the SDK's own words, cleaned), instead of CredentialsProviderError raw.
 */
export function explainingCredentialErrors(admin: KeyAdmin, explain: (sdkSaid: string) => string, secrets: readonly string[]): KeyAdmin {
  const explained = (error: unknown) =>
    isCredentialChainError(error)
      ? new StepFailure(explain(redact(error instanceof Error ? error.message : String(error), secrets)))
      : error;
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(admin) as Array<[string, unknown]>) {
    if (typeof method !== 'function') {
      wrapped[name] = method;
      continue;
    }
    // Each method as it is, sync or async (a clock reading stays a plain value); only its failures change.
    wrapped[name] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = (method as (...args: unknown[]) => unknown)(...args);
      } catch (error) {
        throw explained(error);
      }
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(explained(error))) : result;
    };
  }
  return wrapped as unknown as KeyAdmin;
}
