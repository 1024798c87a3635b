import { describe, expect, test } from '@jest/globals';
import { failureTexts, type RotationContext } from '../../src/rotation/messages/rotation.js';

const CONTEXT: RotationContext = {
  userName: 'sam-cli-user',
  place: 'repository octo-org/app',
  secretNames: { id: 'AWS_ACCESS_KEY_ID', secret: 'AWS_SECRET_ACCESS_KEY' },
  rotateCommand: 'assume-deploy-role rotate …',
  ghSecretSet: 'gh secret set --repo octo-org/app',
  deleteAfterDays: 7,
};

describe('failureTexts.wrongOwner', () => {
  test('the ARN STS answered is outside text: a line break in it never starts a line of its own', () => {
    const text = failureTexts.wrongOwner('AKIAI44QH8DHBEXAMPLE', 'arn:aws:iam::123456789012:user/other\n::error::injected', CONTEXT);
    expect(text).not.toContain('\n');
    expect(text).toMatch(/^The new key AKIAI44QH8DHBEXAMPLE signs as arn:aws:iam::123456789012:user\/other.*, not as sam-cli-user\.$/);
  });
});
