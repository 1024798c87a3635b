import * as core from '@actions/core';

/** Every value registered as a mask, so AWS text can be cleaned of them too before it is printed. */
export class Secrets {
  readonly values: string[] = [];

  add(value: string): void {
    core.setSecret(value);
    this.values.push(value);
  }
}
