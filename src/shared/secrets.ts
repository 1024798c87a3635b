import type { Io } from './io.js';

/** Every value registered as a mask, so outside text can be cleaned of them too before it is printed. */
export class Secrets {
  readonly values: string[] = [];

  constructor(private readonly io: Pick<Io, 'setSecret'>) {}

  add(value: string): void {
    this.io.setSecret(value);
    this.values.push(value);
  }
}
