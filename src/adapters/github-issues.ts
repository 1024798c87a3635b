import { getOctokit } from '@actions/github';

/** The issue calls the tracking issue needs, over @actions/github (its proxy-aware transport). */
export interface IssueApi {
  /** Open issues, not pull requests, every page. */
  listOpen(): Promise<Array<{ number: number; body: string }>>;
  create(title: string, body: string): Promise<number>;
  update(number: number, title: string, body: string): Promise<void>;
  comment(number: number, body: string): Promise<void>;
  close(number: number, reason: 'completed' | 'not_planned'): Promise<void>;
}

export interface Repository {
  owner: string;
  repo: string;
}

/** Per attempt; Octokit makes one attempt per call. */
const REQUEST_TIMEOUT_MS = 10000;

/**
 * `fetch` replaces the proxy-aware transport of @actions/github; only tests pass one, to answer
 * through nock or a loopback server, which see the global fetch but not undici's.
 */
export function createIssueApi(token: string, repository: Repository, fetch?: typeof globalThis.fetch, baseUrl?: string): IssueApi {
  const github = getOctokit(token, {
    ...(fetch ? { request: { fetch } } : {}),
    ...(baseUrl ? { baseUrl } : {}),
  });
  const signal = () => ({ request: { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } });
  return {
    listOpen: async () => {
      const issues = await github.paginate(github.rest.issues.listForRepo, { ...repository, state: 'open', per_page: 100, ...signal() });
      return issues.filter((issue) => issue.pull_request === undefined).map((issue) => ({ number: issue.number, body: issue.body ?? '' }));
    },
    create: async (title, body) => Number((await github.rest.issues.create({ ...repository, title, body, ...signal() })).data.number),
    update: async (number, title, body) => {
      await github.rest.issues.update({ ...repository, issue_number: number, title, body, ...signal() });
    },
    comment: async (number, body) => {
      await github.rest.issues.createComment({ ...repository, issue_number: number, body, ...signal() });
    },
    close: async (number, reason) => {
      await github.rest.issues.update({ ...repository, issue_number: number, state: 'closed', state_reason: reason, ...signal() });
    },
  };
}
