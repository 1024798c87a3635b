/**
 * A secret write that failed. `no`: GitHub refused it (4xx, a redirect never followed, no public
 * key), so nothing was written; `unknown`: it may have been carried out (no answer, a dropped
 * connection, a 5xx), and may even land later.
 */
export class SecretWriteFailed extends Error {
  constructor(
    readonly written: 'no' | 'unknown',
    readonly failure: unknown,
    message: string,
  ) {
    super(message);
    this.name = 'SecretWriteFailed';
  }
}
