import { cutToLength } from './text-limits.js';

/**
 * Makes text from outside (AWS error messages, network errors) safe to print on one log line:
 * known secrets and anything shaped like a credential are replaced, control characters and line
 * breaks (which could start a workflow command) become spaces, and the length is capped.
 */
const MAX_LENGTH = 600;

const CREDENTIAL_SHAPES: Array<[RegExp, (match: string) => string]> = [
  // Access key ids: keep the kind and the last four characters, enough to tell keys apart.
  [/\b(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{12,124}\b/g, (id) => `${id.slice(0, 4)}…${id.slice(-4)}`],
  // SigV4 signatures and security tokens in echoed requests.
  [/(Signature=)[0-9a-f]{64}/gi, () => 'Signature=***'],
  [/(X-Amz-Security-Token[=:]\s*)\S+/gi, () => 'X-Amz-Security-Token=***'],
  // Session tokens: long runs of base64.
  [/[A-Za-z0-9/+=]{100,}/g, () => '***'],
  // Secret access keys: 40 characters of base64 mixing upper and lower case (a git SHA does not).
  [/(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, (run) => (/[A-Z]/.test(run) && /[a-z]/.test(run) ? '***' : run)],
];

/** An access key id as debug lines and messages may show it: its kind and last four characters. */
export function keyHint(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}…${accessKeyId.slice(-4)}`;
}

/**
 * `text` with every registered secret (of 4 characters or more) replaced by ***, nothing else
 * changed; the longest first, so a secret that holds a shorter one is never left half shown.
 */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) result = result.split(secret).join('***');
  }
  return result;
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let result = withoutSecrets(text, secrets);
  for (const [shape, replace] of CREDENTIAL_SHAPES) result = result.replace(shape, replace);
  result = result
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  return result.length > MAX_LENGTH ? `${cutToLength(result, MAX_LENGTH - 1)}…` : result;
}
