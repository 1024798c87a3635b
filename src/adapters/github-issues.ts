import { getOctokit } from '@actions/github';
import type { IssueTracker, OwnedIssue, Repository } from '../key-age/ports.js';
import type { Clock } from '../shared/io.js';
import { gitHubCallTexts } from '../shared/messages/github-calls.js';
import { GITHUB_DEADLINES, withDeadlines, type GitHubDeadlines } from './github-call.js';

/** Our own open issues are one or two; the bound only guards against a listing that never ends. */
const MAX_PAGES = 5;

/**
 * The tracking issue's calls over @actions/github (its proxy-aware transport), under the one retry
 * loop for GitHub (github-call.ts). The viewer comes from GraphQL `viewer`, which answers for every
 * kind of token (REST `GET /user` refuses the workflow's installation token).
 * `fetch` replaces the proxy-aware transport of @actions/github; only tests pass one, to answer
 * through nock or a loopback server, which see the global fetch but not undici's.
 */
export function createIssueTracker(
  token: string,
  repository: Repository,
  fetch?: typeof globalThis.fetch,
  baseUrl?: string,
  deadlines: GitHubDeadlines = GITHUB_DEADLINES,
  clock?: Clock,
): IssueTracker {
  const github = withDeadlines(
    getOctokit(token, {
      ...(fetch ? { request: { fetch } } : {}),
      ...(baseUrl ? { baseUrl } : {}),
    }),
    deadlines,
    clock ? { clock } : {},
  );
  return {
    viewerLogin: async () => {
      const answer = await github.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
      const login = answer.viewer?.login;
      if (typeof login !== 'string' || login === '') throw new Error(gitHubCallTexts.noViewer);
      return login;
    },
    listOpenBy: async (login) => {
      const issues: OwnedIssue[] = [];
      let page = 0;
      for await (const response of github.paginate.iterator(github.rest.issues.listForRepo, {
        ...repository,
        state: 'open',
        creator: login,
        per_page: 100,
      })) {
        for (const issue of response.data) {
          if (issue.pull_request === undefined)
            issues.push({ number: issue.number, body: issue.body ?? '', author: issue.user?.login ?? '' });
        }
        if (++page >= MAX_PAGES) break;
      }
      return issues;
    },
    create: async (title, body) => Number((await github.rest.issues.create({ ...repository, title, body })).data.number),
    update: async (number, title, body) => {
      await github.rest.issues.update({ ...repository, issue_number: number, title, body });
    },
    comment: async (number, body) => {
      await github.rest.issues.createComment({ ...repository, issue_number: number, body });
    },
    close: async (number, reason) => {
      await github.rest.issues.update({ ...repository, issue_number: number, state: 'closed', state_reason: reason });
    },
  };
}
