// @ts-check
/**
 * Values the tests, the demo and the bench share, so one story runs through them: AWS's documented
 * example key pair, the example account, role and region, and fixed clocks. Not frozen: the AWS
 * SDK writes onto the credentials objects it is given; the types are read-only instead.
 */

/** @typedef {Readonly<{ accessKeyId: string, secretAccessKey: string }>} KeyPair */

/**
 * AWS's documented example key pair (IAM user guide), never a real key.
 * @type {KeyPair}
 */
export const EXAMPLE_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
/**
 * AWS's second documented example key pair, for a second key of the same user (e.g. an inactive one).
 * @type {KeyPair}
 */
export const SECOND_EXAMPLE_KEY = { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' };
/**
 * A made-up key of another IAM user, whom the deploy role does not trust.
 * @type {KeyPair}
 */
export const STRANGER_KEY = { accessKeyId: 'AKIAJSTRANGEREXAMPLE', secretAccessKey: 'Zr8NkW3fVbHsQpYtL1mXcE7uA9dJgT2oRiEXAMPL' };
/**
 * The example key pair as the actions' inputs, with the example region.
 * @type {Readonly<Record<'aws-access-key-id' | 'aws-secret-access-key' | 'aws-region', string>>}
 */
export const EXAMPLE_KEY_INPUTS = {
  'aws-access-key-id': EXAMPLE_KEY.accessKeyId,
  'aws-secret-access-key': EXAMPLE_KEY.secretAccessKey,
  'aws-region': 'eu-west-1',
};

/** AWS's documentation account id. */
export const EXAMPLE_ACCOUNT = '111122223333';
export const EXAMPLE_REGION = 'eu-west-1';
export const EXAMPLE_ROLE_ARN = `arn:aws:iam::${EXAMPLE_ACCOUNT}:role/deploy`;

/** The variables a run of the root action with keys writes to GITHUB_ENV, in this order. */
export const EXPORTED_VARIABLES = Object.freeze([
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_SECURITY_TOKEN',
]);

/** The fixed "now" of the tests that reason about key ages and dates. */
export const FIXED_NOW = new Date('2026-03-01T12:00:00Z');

/**
 * A retry clock that never waits: real time, `sleep` returns at once, no jitter.
 * @type {Readonly<{ now: () => number, sleep: (ms: number) => Promise<void>, random: () => number }>}
 */
export const INSTANT_CLOCK = { now: () => Date.now(), sleep: async () => undefined, random: () => 0 };
