import type { WebIdentityClaims } from './web-identity-claims.js';

/**
 * What the token's `sub` says about this run. GitHub's default template is
 * `repo:OWNER/REPO:` followed by the job's context; a repository or organisation can customise the
 * template (other claims, immutable ids), and then only the token's own `sub` says what it is.
 */
export type SubjectForm =
  | { kind: 'branch'; repository: string; branch: string }
  | { kind: 'tag'; repository: string; tag: string }
  | { kind: 'other-ref'; repository: string; ref: string }
  | { kind: 'environment'; repository: string; environment: string; branch?: string }
  | { kind: 'pull-request'; repository: string }
  | { kind: 'custom' };

/** GitHub's immutable form, `repo:OWNER@OWNER_ID/REPO@REPO_ID:…` (repositories created since 15 July 2026, or opted in). */
const IMMUTABLE_PREFIX = /^repo:([A-Za-z0-9_.-]+)@([0-9]+)\/([A-Za-z0-9_.-]+)@([0-9]+):/;

/** The sub's repository part is `OWNER@ID/REPO@ID` rather than `OWNER/REPO`. */
export const isImmutableForm = (repository: string): boolean => /^[^/@]+@[0-9]+\/[^/@]+@[0-9]+$/.test(repository);

/**
 * The repository part of a default `sub`, as the sub writes it: the `repository` claim (or its
 * immutable form with ids) when the token has it, else up to the next colon.
 */
function repositoryPrefix(claims: WebIdentityClaims): string | undefined {
  const immutable = IMMUTABLE_PREFIX.exec(claims.subject);
  if (immutable) {
    const [, owner, ownerId, repo, repoId] = immutable;
    if (claims.repository !== undefined && claims.repository !== `${owner}/${repo}`) return undefined;
    return `${owner}@${ownerId}/${repo}@${repoId}`;
  }
  if (claims.repository !== undefined) {
    return claims.subject.startsWith(`repo:${claims.repository}:`) ? claims.repository : undefined;
  }
  return /^repo:([^:/]+\/[^:]+):/.exec(claims.subject)?.[1];
}

function branchOf(ref: string | undefined): string | undefined {
  return ref?.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined;
}

export function subjectForm(claims: WebIdentityClaims): SubjectForm {
  const repository = repositoryPrefix(claims);
  if (repository === undefined) return { kind: 'custom' };
  const context = claims.subject.slice(`repo:${repository}:`.length);
  if (context === 'pull_request') return { kind: 'pull-request', repository };
  if (context.startsWith('environment:')) {
    const environment = context.slice('environment:'.length);
    if (claims.environment !== undefined && claims.environment !== environment) return { kind: 'custom' };
    return { kind: 'environment', repository, environment, branch: branchOf(claims.ref) };
  }
  if (!context.startsWith('ref:')) return { kind: 'custom' };
  const ref = context.slice('ref:'.length);
  if (claims.ref !== undefined && claims.ref !== ref) return { kind: 'custom' };
  const branch = branchOf(ref);
  if (branch !== undefined) return { kind: 'branch', repository, branch };
  if (ref.startsWith('refs/tags/')) return { kind: 'tag', repository, tag: ref.slice('refs/tags/'.length) };
  return { kind: 'other-ref', repository, ref };
}

/**
 * What a trust policy written for a neighbouring case would have instead, so a user can compare
 * it with the role's condition. AWS never says which condition failed nor what the role trusts,
 * so this names the usual near misses for this run's form rather than claiming to know the one.
 */
export function subjectNearMisses(form: SubjectForm): string {
  const exact = 'IAM compares sub case-sensitively: OWNER/REPO must be spelled exactly as in the statement.';
  switch (form.kind) {
    case 'environment':
      return (
        `This job runs in the environment "${form.environment}", so its sub names the environment, not the branch: ` +
        `a condition on repo:${form.repository}:ref:refs/heads/${form.branch ?? 'BRANCH'} (or on another environment) does not match it. ${exact}`
      );
    case 'branch':
      return (
        `This job runs on the branch "${form.branch}" without an environment: a condition on another branch, ` +
        `or on repo:${form.repository}:environment:NAME, does not match it; a job with environment: gets the environment form instead. ${exact}`
      );
    case 'tag':
      return `This run is for the tag "${form.tag}": a condition on a branch (repo:${form.repository}:ref:refs/heads/…) does not match it. ${exact}`;
    case 'pull-request':
      return (
        `Runs triggered by pull_request get repo:${form.repository}:pull_request whatever their branch: ` +
        `a condition on a branch or an environment does not match them. ${exact}`
      );
    case 'other-ref':
      return `This run is for ${form.ref}: a condition on a branch or an environment does not match it. ${exact}`;
    case 'custom':
      return (
        "This repository (or its organisation) uses a customised sub template, so the statement uses this token's sub exactly; " +
        'a condition written for the default form (repo:OWNER/REPO:…) never matches it.'
      );
  }
}
