// @ts-check
import { test } from '@jest/globals';
import { MISSING_TOOL_MARK } from './missing-tool-reporter.js';

/**
 * For checks that need a tool a machine may lack (the AWS CLI, cfn-lint, a Node 24 binary):
 * the `test` to declare them with. With the tool, the real `test`. Without it, a loud warning
 * and `test.skip` (its name marked with what is missing), unless the variable `requireVariable`
 * is `1` (as in CI): then each such test fails, saying what is missing.
 * @param {boolean} available
 * @param {{ requireVariable: string, missing: string }} what
 * @returns {(name: string, fn: () => void | Promise<void>, timeout?: number) => void}
 */
export function testWithTool(available, { requireVariable, missing }) {
  if (available) return test;
  if (process.env[requireVariable] === '1') {
    return (name) =>
      test(name, () => {
        throw new Error(`${requireVariable}=1, but ${missing}`);
      });
  }
  console.warn(`\n*** SKIPPED: ${missing}. Set ${requireVariable}=1 to make this a failure. ***\n`);
  const reason = `${missing}; set ${requireVariable}=1 to make this a failure]`;
  return (name, fn, timeout) => test.skip(`${name}${MISSING_TOOL_MARK}${reason}`, fn, timeout);
}
