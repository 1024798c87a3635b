/**
 * src/key-age/messages/key-age-failures.ts: why IAM refused to list the keys, with the fix: the
 * self-scoped policy to attach (per partition and user path), a deleted key, a wrong secret, and
 * AWS's own text redacted.
 */
import { describe, expect, test } from '@jest/globals';
import { toAwsFailure } from '../../src/shared/aws-failure.js';
import { selfKeyReadPolicy } from '../../src/shared/iam-policies.js';
import { explainKeyAgeFailure } from '../../src/key-age/messages/key-age-failures.js';
import { CallFailed } from '../../src/shared/retry.js';
import { EXAMPLE_KEY } from '../../test/support/fixtures.js';
import { WORKFLOW_KEY } from '../../test/support/key-assessments.js';

describe('explainKeyAgeFailure', () => {
  const context = {
    call: 'IAM ListAccessKeys',
    region: 'eu-west-1',
    partition: 'aws',
    accessKeyId: WORKFLOW_KEY,
    secrets: [EXAMPLE_KEY.secretAccessKey],
  };
  const failed = (code: string, message: string, reason: CallFailed['reason'] = 'permanent') =>
    new CallFailed(toAwsFailure(Object.assign(new Error(message), { name: code, $metadata: { httpStatusCode: 403 } })), 1, reason, 10);

  test('AccessDenied prints the policy to attach, for the user AWS named', () => {
    const message = explainKeyAgeFailure(
      failed(
        'AccessDenied',
        'User: arn:aws:iam::111122223333:user/sam-cli-user is not authorized to perform: iam:ListAccessKeys on resource: user sam-cli-user because no identity-based policy allows the iam:ListAccessKeys action',
      ),
      context,
    );
    expect(message).toMatch(/^IAM user sam-cli-user may not read its own access keys\. Attach this policy to the user/);
    expect(message).toContain(selfKeyReadPolicy('aws'));
    expect(message).toContain('AWS said: AccessDenied: User: arn:aws:iam::111122223333:user/sam-cli-user is not authorized');
  });

  test('AccessDenied with the user in a path asks for the policy on that path', () => {
    const message = explainKeyAgeFailure(
      failed(
        'AccessDenied',
        'User: arn:aws:iam::111122223333:user/ci/deployer is not authorized to perform: iam:ListAccessKeys on resource: user deployer',
      ),
      context,
    );
    expect(message).toContain('"Resource":"arn:aws:iam::*:user/ci/${aws:username}"');
  });

  test('a deleted key and a wrong secret say so; AWS text is redacted', () => {
    expect(explainKeyAgeFailure(failed('InvalidClientTokenId', 'The security token included in the request is invalid.'), context)).toMatch(
      /AWS does not know the access key id in aws-access-key-id \(AKIA…AAAA\): the key was deleted or deactivated/,
    );
    expect(explainKeyAgeFailure(failed('SignatureDoesNotMatch', 'signature'), context)).toMatch(
      /does not belong to the access key id AKIA…AAAA/,
    );
    expect(explainKeyAgeFailure(failed('ValidationError', `bad ${EXAMPLE_KEY.secretAccessKey} and ${WORKFLOW_KEY}`), context)).toBe(
      'IAM ListAccessKeys failed and trying again would not help. AWS said: ValidationError: bad *** and AKIA…AAAA',
    );
  });

  test('a transient error that did not heal says how often and how long it was tried', () => {
    const message = explainKeyAgeFailure(failed('Throttling', 'Rate exceeded', 'attempts'), context);
    expect(message).toMatch(/^IAM ListAccessKeys failed 1 time in 0\.0 s/);
  });
});
