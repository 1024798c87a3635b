import type { Io } from './io.js';

/** Every value registered as a mask, so outside text can be cleaned of them too before it is printed. */
export class Secrets {
  readonly values: string[] = [];

  constructor(private readonly io: Pick<Io, 'setSecret'>) {}

  /** Registers `value` once: an empty value would hide nothing, and a second mask of the same value adds nothing. */
  add(value: string): void {
    if (value === '' || this.values.includes(value)) return;
    this.io.setSecret(value);
    this.values.push(value);
  }
}
