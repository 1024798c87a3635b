/**
 * A test skipped because its tool is missing must show at the end of a full `npm test`, not only
 * in that file's own console output: test/support/missing-tool-reporter.js lists them.
 */
import { afterEach, expect, jest, test } from '@jest/globals';
import MissingToolReporter, { MISSING_TOOL_MARK } from '../../test/support/missing-tool-reporter.js';

afterEach(() => {
  jest.restoreAllMocks();
});

function printed(results: { testFilePath: string; testResults: { status: string; fullName: string }[] }[]): string {
  let out = '';
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  });
  new MissingToolReporter({}, {}, { rootDir: '/repo' }).onRunComplete({}, { testResults: results });
  return out;
}

const skipped = (name: string, reason: string) => ({ status: 'pending', fullName: `${name}${MISSING_TOOL_MARK}${reason}]` });

test('lists every test skipped for a missing tool, grouped by what is missing, with its file', () => {
  const out = printed([
    {
      testFilePath: '/repo/__tests__/e2e/a.test.ts',
      testResults: [
        skipped('uses the CLI', 'no aws; set REQUIRE_AWS_CLI=1 to make this a failure'),
        { status: 'passed', fullName: 'works' },
      ],
    },
    {
      testFilePath: '/repo/__tests__/infra/b.test.ts',
      testResults: [
        skipped('lints', 'no cfn-lint; set REQUIRE_CFN_LINT=1 to make this a failure'),
        skipped('also uses the CLI', 'no aws; set REQUIRE_AWS_CLI=1 to make this a failure'),
      ],
    },
  ]);
  expect(out).toBe(
    [
      '',
      '*** Tests SKIPPED because a tool is missing (not run, not passed): ***',
      '  2 skipped: no aws; set REQUIRE_AWS_CLI=1 to make this a failure',
      '    - __tests__/e2e/a.test.ts: uses the CLI',
      '    - __tests__/infra/b.test.ts: also uses the CLI',
      '  1 skipped: no cfn-lint; set REQUIRE_CFN_LINT=1 to make this a failure',
      '    - __tests__/infra/b.test.ts: lints',
      '',
      '',
    ].join('\n'),
  );
});

test('prints nothing when no test was skipped for a missing tool (other skips are not its business)', () => {
  expect(
    printed([
      {
        testFilePath: '/repo/x.test.ts',
        testResults: [
          { status: 'pending', fullName: 'a plain test.skip' },
          { status: 'passed', fullName: 'ok' },
        ],
      },
    ]),
  ).toBe('');
});
