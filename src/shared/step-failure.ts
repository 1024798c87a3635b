/**
 * A failure of ours whose message is final: already explained (built from the catalogue, outside
 * text cleaned of line breaks and control characters). The step skeleton prints it as it is, but
 * for the registered secrets, which it replaces with ***.
 */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
}
