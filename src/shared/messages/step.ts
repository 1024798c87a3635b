/** Texts of the step skeleton both actions share. */

/** A warning: the job summary is a convenience, its failure must not fail the step. `said` is already redacted. */
export function summaryWriteFailed(said: string): string {
  return `Could not write the job summary: ${said}`;
}
