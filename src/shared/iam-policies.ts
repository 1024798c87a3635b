/** The statement a deploy role's trust policy needs so the limited user may assume it. */
export function trustStatement(userArn: string, options: { sessionTags: boolean; sourceIdentity: boolean }): string {
  const actions = ['sts:AssumeRole'];
  if (options.sessionTags) actions.push('sts:TagSession');
  if (options.sourceIdentity) actions.push('sts:SetSourceIdentity');
  return JSON.stringify({
    Effect: 'Allow',
    Principal: { AWS: userArn },
    Action: actions.length === 1 ? actions[0] : actions,
  });
}

/** AWS names the caller in AccessDenied messages: "User: arn:aws:iam::123456789012:user/name is not authorized…". */
export function callerArnFromMessage(message: string): string | undefined {
  return /\bUser: (arn:[a-z-]+:(?:iam|sts)::\d{12}:[\w+=,.@/-]+) is not authorized/.exec(message)?.[1];
}

/**
 * The identity policy that lets an IAM user read its own keys' metadata and nobody else's. IAM
 * resolves `${aws:username}` to the caller's name; role sessions have none, so it never matches them.
 * `path` is the user's IAM path ('/' for most users), which is part of the user's ARN.
 */
export function selfKeyReadPolicy(partition: string, path = '/'): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadOwnAccessKeyMetadata',
        Effect: 'Allow',
        Action: ['iam:ListAccessKeys', 'iam:GetAccessKeyLastUsed'],
        Resource: `arn:${partition}:iam::*:user${path}\${aws:username}`,
      },
    ],
  });
}
