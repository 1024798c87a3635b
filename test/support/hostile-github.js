// @ts-check
/**
 * A loopback GitHub REST/GraphQL API for the tracking issue under attack: issues by other users
 * carrying our marker, thousands of open issues, and a server that never answers, trickles one
 * byte at a time or drops the connection. Identity: the token's identity is `viewer` (GraphQL
 * `viewer { login }` answers it for every kind of token; `GET /user` refuses installation tokens,
 * as GitHub does for `github-actions[bot]`).
 */
import http from 'node:http';
import { clearInterval, setInterval } from 'node:timers';
import { URLSearchParams } from 'node:url';

/**
 * @typedef {'answer' | 'hang' | 'trickle' | 'reset'} Behaviour
 *
 * @typedef {object} HostileIssue
 * @property {number} number
 * @property {string} title
 * @property {string} body
 * @property {'open' | 'closed'} state
 * @property {string | null} state_reason
 * @property {{ login: string, type: string }} user
 * @property {{ name: string }[]} labels
 * @property {string[]} comments
 *
 * @typedef {object} GitHubRequest
 * @property {string} method
 * @property {string} path
 * @property {URLSearchParams} query
 * @property {string} authorization
 */

/**
 * @param {{ owner?: string, repo?: string, viewer?: string, behaviour?: Behaviour, trickleMs?: number }} [options]
 */
export async function startHostileGitHub(options = {}) {
  const { owner = 'octo-org', repo = 'serverless-app', viewer = 'github-actions[bot]', trickleMs = 2000 } = options;
  let behaviour = options.behaviour ?? 'answer';
  /** @type {HostileIssue[]} */
  const issues = [];
  /** @type {GitHubRequest[]} */
  const requests = [];
  /** @type {Set<NodeJS.Timeout>} */
  const timers = new Set();
  const issuesPath = `/repos/${owner}/${repo}/issues`;

  /**
   * @param {{ title?: string, body: string, user?: string, state?: 'open' | 'closed', labels?: string[] }} issue
   * @returns {HostileIssue}
   */
  function addIssue({ title = 'An issue', body, user = 'mallory', state = 'open', labels = [] }) {
    const issue = {
      number: issues.length + 1,
      title,
      body,
      state,
      state_reason: null,
      user: { login: user, type: user.endsWith('[bot]') ? 'Bot' : 'User' },
      labels: labels.map((name) => ({ name })),
      comments: [],
    };
    issues.push(issue);
    return issue;
  }

  /**
   * @param {http.ServerResponse} res
   * @param {number} status
   * @param {unknown} data
   * @param {Record<string, string>} [headers]
   */
  function send(res, status, data, headers = {}) {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(data));
  }

  /** @param {HostileIssue} issue */
  const view = (issue) => ({ ...issue, comments: issue.comments.length });

  /**
   * @param {GitHubRequest} request
   * @param {any} body
   * @param {http.ServerResponse} res
   */
  function answer(request, body, res) {
    const { method, path, query } = request;
    if (method === 'POST' && path === '/graphql') {
      if (/viewer\s*{\s*login/.test(String(body.query))) return send(res, 200, { data: { viewer: { login: viewer } } });
      return send(res, 200, { errors: [{ message: 'unsupported query' }] });
    }
    if (method === 'GET' && path === '/user') {
      if (viewer.endsWith('[bot]')) return send(res, 403, { message: 'Resource not accessible by integration', status: '403' });
      return send(res, 200, { login: viewer, type: 'User' });
    }
    if (method === 'GET' && path === issuesPath) {
      const state = query.get('state') ?? 'open';
      const creator = query.get('creator');
      const labels = (query.get('labels') ?? '').split(',').filter((label) => label !== '');
      const perPage = Math.min(100, Number(query.get('per_page') ?? 30));
      const page = Number(query.get('page') ?? 1);
      const matching = issues.filter(
        (issue) =>
          (state === 'all' || issue.state === state) &&
          (creator === null || issue.user.login === creator) &&
          labels.every((label) => issue.labels.some((candidate) => candidate.name === label)),
      );
      const pages = Math.max(1, Math.ceil(matching.length / perPage));
      /** @type {Record<string, string>} */
      const link = {};
      const base = `http://127.0.0.1:${/** @type {import('node:net').AddressInfo} */ (server.address()).port}`;
      if (page < pages) {
        const next = new URLSearchParams(query);
        next.set('page', String(page + 1));
        link.link = `<${base}${issuesPath}?${next}>; rel="next"`;
      }
      return send(res, 200, matching.slice((page - 1) * perPage, page * perPage).map(view), link);
    }
    if (method === 'POST' && path === issuesPath) {
      const issue = addIssue({ title: body.title, body: body.body, user: viewer, labels: body.labels ?? [] });
      return send(res, 201, view(issue));
    }
    const match = new RegExp(`^${issuesPath}/(\\d+)(/comments)?$`).exec(path);
    const issue = issues.find((candidate) => candidate.number === Number(match?.[1]));
    if (!match || !issue) return send(res, 404, { message: 'Not Found' });
    if (method === 'POST' && match[2]) {
      issue.comments.push(String(body.body));
      return send(res, 201, { id: issue.comments.length, body: body.body });
    }
    if (method === 'PATCH' && !match[2]) {
      for (const field of ['title', 'body', 'state', 'state_reason']) if (field in body) Object.assign(issue, { [field]: body[field] });
      return send(res, 200, view(issue));
    }
    return send(res, 404, { message: 'Not Found' });
  }

  const server = http.createServer(async (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const chunk of req) chunks.push(/** @type {Buffer} */ (chunk));
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    /** @type {GitHubRequest} */
    const request = {
      method: req.method ?? '',
      path: url.pathname,
      query: url.searchParams,
      authorization: String(req.headers.authorization),
    };
    requests.push(request);
    switch (behaviour) {
      case 'hang':
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'trickle': {
        res.writeHead(200, { 'content-type': 'application/json' });
        const timer = setInterval(() => res.write(' '), trickleMs);
        timers.add(timer);
        res.on('close', () => clearInterval(timer));
        return;
      }
      default:
        answer(request, chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {}, res);
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    issues,
    requests,
    addIssue,
    /** @param {Behaviour} next */
    setBehaviour(next) {
      behaviour = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearInterval(timer);
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
