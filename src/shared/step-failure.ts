/**
 * A failure of ours whose message is final: already explained and already safe to print (built
 * from the catalogue, with any outside text redacted). The step skeleton prints it as it is.
 */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
}
