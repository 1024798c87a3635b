/**
 * src/shared/iam-policies.ts: the policies and statements the messages tell users to attach, and
 * the caller AWS names in an AccessDenied message.
 */
import { describe, expect, test } from '@jest/globals';
import { callerArnFromMessage, selfKeyReadPolicy, trustStatement } from '../../src/shared/iam-policies.js';

describe('selfKeyReadPolicy', () => {
  test('the self-scoped policy, compact, per partition and user path', () => {
    expect(selfKeyReadPolicy('aws')).toBe(
      '{"Version":"2012-10-17","Statement":[{"Sid":"ReadOwnAccessKeyMetadata","Effect":"Allow","Action":["iam:ListAccessKeys","iam:GetAccessKeyLastUsed"],"Resource":"arn:aws:iam::*:user/${aws:username}"}]}',
    );
    expect(selfKeyReadPolicy('aws-cn', '/ci/')).toContain('"Resource":"arn:aws-cn:iam::*:user/ci/${aws:username}"');
  });
});

describe('trustStatement', () => {
  const user = 'arn:aws:iam::111122223333:user/sam-cli-user';

  test('allows the user AssumeRole, plus TagSession and SetSourceIdentity only when used', () => {
    expect(JSON.parse(trustStatement(user, { sessionTags: false, sourceIdentity: false }))).toEqual({
      Effect: 'Allow',
      Principal: { AWS: user },
      Action: 'sts:AssumeRole',
    });
    expect(JSON.parse(trustStatement(user, { sessionTags: true, sourceIdentity: true })).Action).toEqual([
      'sts:AssumeRole',
      'sts:TagSession',
      'sts:SetSourceIdentity',
    ]);
  });
});

describe('callerArnFromMessage', () => {
  test("reads the caller out of AWS's AccessDenied text, and nothing out of other text", () => {
    expect(callerArnFromMessage('User: arn:aws:iam::111122223333:user/ci/deployer is not authorized to perform: sts:AssumeRole')).toBe(
      'arn:aws:iam::111122223333:user/ci/deployer',
    );
    expect(callerArnFromMessage('User: arn:aws:iam::1111:user/x is not authorized')).toBeUndefined();
    expect(callerArnFromMessage('Access denied')).toBeUndefined();
  });
});
