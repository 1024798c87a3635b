/**
 * docs/rotation.md against the code: every option the command line takes, every refusal the
 * planner can make, the links from the README and docs/security.md.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { refusalTexts, usageText } from '../../src/rotation/messages/rotation.js';

const doc = readFileSync('docs/rotation.md', 'utf8');

/** One phrase of docs/rotation.md's "What it refuses" list per refusal of the planner. */
const REFUSALS_IN_DOC: Record<keyof typeof refusalTexts, string> = {
  'caller-is-target': "Your credentials are the target user's",
  'secret-missing': 'A secret is missing',
  'no-keys': 'No key at all',
  'secrets-older-than-key': 'A secret was written before the key it should hold was created',
  'two-active-not-ours': 'Two active keys it did not create',
  'secret-without-id': 'only the id after it',
  'old-key-in-use': 'The old key was used after the new pair was stored',
  'inactive-not-ours': 'An inactive key it did not deactivate',
  'used-after-deactivation': 'one used after it deactivated it',
  'no-active-key': '--delete-after-days 0',
};

describe('docs/rotation.md', () => {
  test('names every option of the usage text', () => {
    for (const flag of usageText.match(/--[a-z-]+/g) ?? [])
      expect({ flag, documented: doc.includes(flag) }).toEqual({ flag, documented: true });
  });
  test('explains every refusal the planner can make', () => {
    expect(Object.keys(REFUSALS_IN_DOC).sort()).toEqual(Object.keys(refusalTexts).sort());
    for (const [why, phrase] of Object.entries(REFUSALS_IN_DOC))
      expect({ why, documented: doc.includes(phrase) }).toEqual({ why, documented: true });
  });
  test('is linked from the README and docs/security.md', () => {
    expect(readFileSync('README.md', 'utf8')).toContain('(docs/rotation.md)');
    expect(readFileSync('docs/security.md', 'utf8')).toContain('(rotation.md)');
  });
});
