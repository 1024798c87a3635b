import { explainAssumeRoleFailure } from './messages/assume-role-failures.js';
import { awsSaid, explainGaveUp } from '../shared/messages/aws-failures.js';
import type { CallFailed } from '../shared/retry.js';
import {
  audienceMismatch,
  noOidcProvider,
  subjectFormNote,
  webIdentityAccessDenied,
  webIdentityTokenExpired,
  webIdentityTokenRejected,
  type WebIdentityFailureContext,
} from './messages/web-identity.js';
import type { WebIdentityClaims } from './web-identity-claims.js';
import { isImmutableForm, subjectForm, subjectNearMisses, type SubjectForm } from './web-identity-subject.js';
import { oidcProviderArn, webIdentityTrustStatement } from './web-identity-trust.js';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

export interface WebIdentityCall {
  region: string;
  partition: string;
  roleArn: string;
  roleName: string;
  account: string;
  audience: string;
  durationSeconds: number;
  claims: WebIdentityClaims | undefined;
  /** Values to cut out of AWS's text: the token among them. */
  secrets: readonly string[];
}

/** The near misses for this run's form, then which of GitHub's two sub forms it used (a customised sub has neither). */
function nearMissesOf(form: SubjectForm): string {
  const misses = subjectNearMisses(form);
  return form.kind === 'custom' ? misses : `${misses} ${subjectFormNote(form.repository, isImmutableForm(form.repository))}`;
}

export function failureContext(call: WebIdentityCall, said: string): WebIdentityFailureContext {
  const { claims } = call;
  const issuer = claims?.issuer ?? GITHUB_ISSUER;
  const form = claims && subjectForm(claims);
  return {
    roleArn: call.roleArn,
    roleName: call.roleName,
    account: call.account,
    audience: call.audience,
    issuer,
    providerArn: oidcProviderArn(call.partition, call.account, issuer),
    token: claims &&
      form && {
        subject: claims.subject,
        statement: webIdentityTrustStatement({
          partition: call.partition,
          account: call.account,
          issuer,
          audience: call.audience,
          subject: claims.subject,
        }),
        everyPullRequestOf: form.kind === 'pull-request' ? form.repository : undefined,
        nearMisses: nearMissesOf(form),
        expiresAt: new Date(claims.expiresAt * 1000).toISOString(),
      },
    said,
  };
}

/** One message per way AssumeRoleWithWebIdentity fails, each saying what to change. */
export function explainWebIdentityFailure(failed: CallFailed, call: WebIdentityCall): string {
  const callContext = {
    call: 'STS AssumeRoleWithWebIdentity',
    region: call.region,
    partition: call.partition,
    accessKeyId: '',
    secrets: call.secrets,
  };
  if (failed.reason !== 'permanent') return explainGaveUp(failed, callContext);
  const { failure } = failed;
  const context = failureContext(call, awsSaid(failure, call.secrets));
  switch (failure.code) {
    case 'AccessDenied':
    case 'AccessDeniedException':
      return webIdentityAccessDenied(context);
    case 'ExpiredTokenException':
    case 'ExpiredToken':
      return webIdentityTokenExpired(context);
    case 'InvalidIdentityToken':
    case 'InvalidIdentityTokenException':
      if (/No OpenIDConnect provider found/i.test(failure.message)) return noOidcProvider(context);
      if (/audience/i.test(failure.message)) return audienceMismatch(context);
      return webIdentityTokenRejected(context);
    case 'IDPRejectedClaim':
    case 'IDPRejectedClaimException':
      return webIdentityTokenRejected(context);
    default:
      // What both calls share (duration, region, session policies); key problems cannot occur unsigned.
      return explainAssumeRoleFailure(failed, {
        ...callContext,
        roleArn: call.roleArn,
        roleName: call.roleName,
        durationSeconds: call.durationSeconds,
        sessionTags: false,
        sourceIdentity: false,
        externalId: false,
      });
  }
}
