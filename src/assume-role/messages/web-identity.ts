/**
 * What keyless mode (GitHub's OIDC token → STS AssumeRoleWithWebIdentity) tells the user. Every
 * value in here was checked against its shape before (claims, ARNs) or cleaned (`said`, AWS's
 * words); the token itself never reaches a message.
 */

/** What this run's token says, worked out by the feature from its decoded (shape-checked) claims. */
export interface TokenFacts {
  subject: string;
  /** The trust-policy statement whose sub condition is this token's own `sub`. */
  statement: string;
  /**
   * Set (to the repository as the sub writes it) when that `sub` is `repo:…:pull_request`, which
   * every pull_request run of the repository shares: the statement would admit them all.
   */
  everyPullRequestOf?: string;
  /** The neighbouring sub forms that would not match this run. */
  nearMisses: string;
  /** ISO-8601 */
  expiresAt: string;
}

export interface WebIdentityFailureContext {
  roleArn: string;
  roleName: string;
  /** The role's account: where the provider and the trust policy live. */
  account: string;
  audience: string;
  /** The token's issuer, or GitHub's default one when the token did not decode. */
  issuer: string;
  /** The IAM OIDC provider for `issuer` in the role's account. */
  providerArn: string;
  /** Undefined when the token did not decode to claims of the expected shapes. */
  token: TokenFacts | undefined;
  /** AWS's own words, already cleaned of secrets and control characters. */
  said: string;
}

const ID_TOKEN_PERMISSIONS_BLOCK = ['permissions:', '  id-token: write', '  contents: read'].join('\n');

/** Keyless mode was chosen (no aws-access-key-id) but the runner offers this job no ID token. */
export function noIdTokenPermission(): string {
  return [
    "aws-access-key-id is empty, so the action uses keyless mode (GitHub's OIDC ID token), but this job may not request an ID token: " +
      'the runner did not give it ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN. Give the job (or the workflow) this permission; ' +
      'a permissions: block replaces the defaults, so list what else the job needs too:',
    '',
    ID_TOKEN_PERMISSIONS_BLOCK,
    '',
    "Pull requests from forks get no ID token and no secrets, whatever the workflow asks. To use the limited IAM user's keys instead, " +
      'set aws-access-key-id and aws-secret-access-key; if you did, the secret is empty in this run: it is not set, its name is misspelt, or this event does not receive it.',
  ].join('\n');
}

/** Info and debug lines of keyless mode's successful path; the subject was shape-checked. */
export const keylessLog = {
  mode: (audience: string) => `No aws-access-key-id: keyless mode, requesting GitHub's OIDC ID token for the audience ${audience}`,
  token: (subject: string) => `GitHub's ID token names sub ${subject}`,
};

/** `refusedStatus`: the HTTP status when GitHub refused the request (4xx), which trying again does not change. */
export function idTokenRequestFailed(attempts: number, seconds: string, detail: string, refusedStatus?: number): string {
  const advice =
    refusedStatus === undefined
      ? "This is usually a temporary problem of GitHub's token service: run the job again."
      : `GitHub's token service refused the request (HTTP ${refusedStatus}): the job's token request credentials were not accepted, ` +
        "which can happen when the job has run for hours (they expire with the job's token) or a proxy changed the request. Run the job again; check the proxy settings of a self-hosted runner.";
  return `Requesting GitHub's OIDC ID token failed ${attempts} time${attempts === 1 ? '' : 's'} in ${seconds} s; nothing was exported. ${advice} Last error: ${detail}`;
}

/** AccessDenied: the role's trust policy does not admit this token. AWS says no more than that. */
export function webIdentityAccessDenied(context: WebIdentityFailureContext): string {
  const where = `(IAM console → Roles → ${context.roleName} → Trust relationships)`;
  const causes =
    'AWS does not say which part failed. Either the role trusts no OIDC provider at all (a deploy role made for the limited IAM user ' +
    "trusts only that user: add the statement shown here beside the user's, or use deploy-access.yml's GitHub OIDC option), " +
    "or its statement for GitHub's provider has aud or sub conditions that this run does not meet.";
  if (!context.token) {
    return (
      `GitHub's OIDC token may not assume ${context.roleArn}. ${causes} Add a statement to the role's trust policy ${where} with ` +
      `Principal Federated ${context.providerArn}, ` +
      `Action sts:AssumeRoleWithWebIdentity and StringEquals conditions on token.actions.githubusercontent.com:aud (${context.audience}) ` +
      `and token.actions.githubusercontent.com:sub (repo:OWNER/REPO:ref:refs/heads/BRANCH, or repo:OWNER/REPO:environment:NAME for jobs with an environment; ` +
      'repositories created since 15 July 2026 send the immutable form repo:OWNER@OWNER_ID/REPO@REPO_ID:…, which a name-only condition never matches). ' +
      `AWS said: ${context.said}`
    );
  }
  const { token } = context;
  const admits =
    token.everyPullRequestOf === undefined
      ? `This statement in the role's trust policy ${where} admits exactly this run: ${token.statement}`
      : pullRequestWarning(token.everyPullRequestOf, where, token.statement);
  return (
    `GitHub's OIDC token for ${token.subject} may not assume ${context.roleArn}. ${causes} ${admits} ` +
    `${token.nearMisses} AWS said: ${context.said}`
  );
}

/** A `pull_request` sub is the same for every pull request: trusting it trusts their code, unreviewed. */
function pullRequestWarning(repository: string, where: string, statement: string): string {
  return (
    `Careful: every pull_request run of ${repository} has this same sub, so a statement on it admits not just this run but the code of ` +
    'every pull request opened from a branch of the repository, before anyone has reviewed it. Instead, run the AWS step in a job with ' +
    `environment: NAME (an environment with required reviewers or a branch rule) and trust repo:${repository}:environment:NAME in the role's trust policy ${where}. ` +
    `Only for a role that can do no harm, the statement that admits every pull request's run is: ${statement}`
  );
}

/** Which of GitHub's two `sub` forms this token used, and why a trust written in the other never matches it. */
export function subjectFormNote(repository: string, immutable: boolean): string {
  if (immutable) {
    const names = repository.replace(/@[0-9]+/g, '');
    return (
      `This token's sub uses GitHub's immutable form, repo:OWNER@OWNER_ID/REPO@REPO_ID:… (${repository}), which repositories created since 15 July 2026 ` +
      `and older ones that opted in send: a trust condition on the name-only form (repo:${names}:…) will not match it. Write the ids as in the statement ` +
      `(iam/deploy-access.yml: GitHubRepository ${repository}); gh api repos/${names} --jq '.owner.id, .id' prints them.`
    );
  }
  return (
    `This token's sub uses the name-only form, repo:OWNER/REPO:… (${repository}): a trust condition written with ids ` +
    '(repo:OWNER@OWNER_ID/REPO@REPO_ID:…, the form of repositories created since 15 July 2026) will not match it.'
  );
}

/** InvalidIdentityToken "No OpenIDConnect provider found in your account for …". */
export function noOidcProvider(context: WebIdentityFailureContext): string {
  const { issuer } = context;
  return (
    `Account ${context.account} of ${context.roleArn} has no IAM OIDC identity provider for ${issuer}, so STS cannot check GitHub's token. ` +
    `Create it once per account: deploy iam/deploy-access.yml with its GitHub OIDC option, or IAM console → Identity providers → Add provider → ` +
    `OpenID Connect, provider URL ${issuer}, audience ${context.audience}. It becomes ${context.providerArn}. ` +
    `AWS said: ${context.said}`
  );
}

/** InvalidIdentityToken "Incorrect token audience". */
export function audienceMismatch(context: WebIdentityFailureContext): string {
  const provider = context.providerArn;
  return (
    `The token's audience (the audience input, ${context.audience}) is not one of the audiences of ${provider}. ` +
    `Set audience to one the provider lists (sts.amazonaws.com is the usual one), or add it: ` +
    `aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${provider} --client-id ${context.audience}. ` +
    `The trust policy's aud condition must name the same value. AWS said: ${context.said}`
  );
}

/** ExpiredTokenException: the token had expired by AWS's clock when it arrived. */
export function webIdentityTokenExpired(context: WebIdentityFailureContext): string {
  const expiry = context.token ? ` (it expired at ${context.token.expiresAt})` : '';
  return (
    `STS says GitHub's OIDC token had expired when it arrived${expiry}. The action requests the token just before the one STS call, ` +
    `so this means the request took very long (a slow proxy or retries) or GitHub's and AWS's clocks disagree. Run the job again; nothing was exported. ` +
    `AWS said: ${context.said}`
  );
}

/** Any other InvalidIdentityToken or IDPRejectedClaim: STS could not validate the token. */
export function webIdentityTokenRejected(context: WebIdentityFailureContext): string {
  return (
    `STS could not validate GitHub's OIDC token for ${context.roleArn}. Check that the account's OIDC provider for ` +
    `${context.issuer} has the right URL (an enterprise with its own issuer needs its own provider), ` +
    `then run the job again. AWS said: ${context.said}`
  );
}
