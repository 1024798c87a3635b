/**
 * Strict reading of action inputs. Every rule violation is collected as one line naming the input
 * and the rule, so a run with three mistakes reports all three at once, before any network call.
 */
import { inputRules, inputWarnings } from './messages/inputs.js';

export type InputReader = (name: string) => string;

export type Parsed<T> = { ok: true; value: T; warnings: string[] } | { ok: false; problems: string[]; warnings: string[] };

export class InputParser {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly read: InputReader) {}

  /** The parsed inputs, or every problem found; `value` is undefined when a required part is missing. */
  result<T>(value: T | undefined): Parsed<T> {
    const { problems, warnings } = this;
    if (problems.length > 0 || value === undefined) return { ok: false, problems, warnings };
    return { ok: true, value, warnings };
  }

  problem(name: string, rule: string): undefined {
    this.problems.push(`${name}: ${rule}`);
    return undefined;
  }

  /** The trimmed value, or undefined when the input is empty. */
  optional(name: string): string | undefined {
    const value = this.read(name).trim();
    return value === '' ? undefined : value;
  }

  required(name: string): string | undefined {
    return this.optional(name) ?? this.problem(name, inputRules.required);
  }

  /** A value matched against a pattern; `rule` says in words what the pattern allows. */
  pattern(name: string, pattern: RegExp, rule: string): string | undefined {
    const value = this.optional(name);
    if (value === undefined || pattern.test(value)) return value;
    return this.problem(name, rule);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    this.problem(name, inputRules.boolean);
    return fallback;
  }

  wholeNumber(name: string, fallback: number, min: number, max: number): number {
    const value = this.optional(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value)) {
      this.problem(name, inputRules.wholeNumber(min, max));
      return fallback;
    }
    // 400 digits are a number too, but Number() makes them Infinity: say what the user wrote.
    const digits = value.replace(/^0+(?=\d)/, '');
    if (digits.length > String(max).length) {
      this.problem(name, inputRules.numberTooLong(min, max));
      return fallback;
    }
    const number = Number(digits);
    if (number < min || number > max) {
      this.problem(name, inputRules.numberRange(min, max, number));
      return fallback;
    }
    return number;
  }

  /**
   * A secret pasted into a repository secret often carries a trailing newline or space. AWS keys never
   * contain white space, so the outer white space is removed with a warning that never shows the value.
   */
  credential(name: string, pattern: RegExp, rule: string): string | undefined {
    const raw = this.read(name);
    const value = raw.trim();
    if (value === '') {
      return this.problem(name, inputRules.secretRequired);
    }
    if (value !== raw) {
      this.warnings.push(`${name}: ${inputWarnings.whiteSpaceRemoved}`);
    }
    if (/\s/.test(value)) return this.problem(name, inputRules.secretWhiteSpace);
    if (!pattern.test(value)) return this.problem(name, rule);
    return value;
  }

  /** Several values, one per line or separated by commas. */
  list(name: string): string[] {
    return this.read(name)
      .split(/[\n,]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }
}
