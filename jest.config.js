/** Jest in ESM mode: TypeScript through ts-jest, test support in plain ESM JavaScript. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // The end-to-end suites spawn the bundles; two cores, so keep parallelism modest.
  maxWorkers: 2,
  testTimeout: 60000,
  // After the summary: every test skipped because a tool (AWS CLI, cfn-lint, Node 24) is missing.
  reporters: ['default', '<rootDir>/test/support/missing-tool-reporter.js'],
};
