/** How a GitHub call failed for good: no answer in time, no connection, an HTTP status, or refused by this action before anything was sent. */
export class GitHubCallFailed extends Error {
  constructor(
    readonly kind: 'timeout' | 'network' | 'http' | 'refused',
    message: string,
    readonly attempts: number,
    readonly elapsedMs: number,
    readonly status?: number,
    /** ECONNRESET, UND_ERR_SOCKET… for `network`. */
    readonly code?: string,
    /** An attempt of a write may have been carried out by GitHub (no answer, a dropped connection, a 5xx). */
    readonly outcomeUnknown = false,
  ) {
    super(message);
    this.name = 'GitHubCallFailed';
  }
}
