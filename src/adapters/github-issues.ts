import { getOctokit } from '@actions/github';
import type { Clock } from '../shared/io.js';
import { GITHUB_DEADLINES, withDeadlines, type GitHubDeadlines } from './github-call.js';

/** An open issue as the tracking issue needs it: who created it decides whether it can be ours. */
export interface OwnedIssue {
  number: number;
  body: string;
  /** The login of the issue's creator (`user.login`). */
  author: string;
}

/** The issue calls the tracking issue needs, over @actions/github (its proxy-aware transport). */
export interface IssueApi {
  /**
   * The login of the token's own identity, from GraphQL `viewer`, which answers for every kind of
   * token: `github-actions[bot]` for the workflow's GITHUB_TOKEN (an installation token, for which
   * REST `GET /user` is refused), the user's login for a personal access token.
   */
  viewerLogin(): Promise<string>;
  /** Open issues, not pull requests, that `login` created: GitHub filters (`creator`), we check again. */
  listOpenBy(login: string): Promise<OwnedIssue[]>;
  create(title: string, body: string): Promise<number>;
  update(number: number, title: string, body: string): Promise<void>;
  comment(number: number, body: string): Promise<void>;
  close(number: number, reason: 'completed' | 'not_planned'): Promise<void>;
}

export interface Repository {
  owner: string;
  repo: string;
}

/** Our own open issues are one or two; the bound only guards against a listing that never ends. */
const MAX_PAGES = 5;

/**
 * `fetch` replaces the proxy-aware transport of @actions/github; only tests pass one, to answer
 * through nock or a loopback server, which see the global fetch but not undici's.
 */
export function createIssueApi(
  token: string, repository: Repository, fetch?: typeof globalThis.fetch, baseUrl?: string, deadlines: GitHubDeadlines = GITHUB_DEADLINES, clock?: Clock,
): IssueApi {
  const github = withDeadlines(getOctokit(token, {
    ...(fetch ? { request: { fetch } } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  }), deadlines, clock ? { clock } : {});
  return {
    viewerLogin: async () => {
      const answer = await github.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
      const login = answer.viewer?.login;
      if (typeof login !== 'string' || login === '') throw new Error('GitHub GraphQL named no viewer for github-token');
      return login;
    },
    listOpenBy: async (login) => {
      const issues: OwnedIssue[] = [];
      let page = 0;
      for await (const response of github.paginate.iterator(github.rest.issues.listForRepo, { ...repository, state: 'open', creator: login, per_page: 100 })) {
        for (const issue of response.data) {
          if (issue.pull_request === undefined) issues.push({ number: issue.number, body: issue.body ?? '', author: issue.user?.login ?? '' });
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
