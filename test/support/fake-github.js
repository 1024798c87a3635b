// @ts-check
/**
 * A loopback stand-in for just enough of the GitHub REST API for the key-age action's tracking
 * issue: who the token is (GraphQL `viewer`, answered as `github-actions[bot]`, the workflow token's
 * identity), list open issues (with the `creator` filter), create one (created by that identity),
 * update one (`PATCH`), comment on one. Point the action at
 * it with `GITHUB_API_URL`. It records every request (method, path, the Authorization header)
 * so a test can check the token and what was written; bodies are kept only as the issues they make.
 */
import http from 'node:http';
import { URL } from 'node:url';
import { RUN_ENVIRONMENT } from './runner-environment.js';

/** The workflow token's identity, as GitHub names it. */
const TOKEN_IDENTITY = 'github-actions[bot]';

/**
 * @typedef {object} FakeIssue
 * @property {number} number
 * @property {string} title
 * @property {string} body
 * @property {string} state
 * @property {{ login: string }} user who created it
 *
 * @typedef {object} FakeGitHub
 * @property {string} url the API root, for GITHUB_API_URL
 * @property {() => Promise<void>} close
 * @property {FakeIssue[]} issues every issue, open or closed, in creation order
 * @property {{ method: string, path: string, authorization: string }[]} requests
 */

/**
 * @param {{ refuseWrites?: boolean, repository?: string }} [options] refuseWrites: every write
 *   answers 403 "Resource not accessible by integration", as for a token without `issues: write`;
 *   repository: owner/name (default the emulated runner's GITHUB_REPOSITORY)
 * @returns {Promise<FakeGitHub>}
 */
export async function startFakeGitHub({ refuseWrites = false, repository = RUN_ENVIRONMENT.GITHUB_REPOSITORY } = {}) {
  /** @type {FakeIssue[]} */
  const issues = [];
  /** @type {FakeGitHub['requests']} */
  const requests = [];
  const issuesPath = `/repos/${repository}/issues`;
  const httpServer = http.createServer(async (req, res) => {
    /** @type {Buffer[]} */
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    const path = (req.url ?? '').split('?')[0] ?? '';
    requests.push({ method: req.method ?? '', path, authorization: String(req.headers.authorization) });
    /**
     * @param {number} status
     * @param {unknown} data
     */
    const send = (status, data) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(data));
    };
    const creator = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('creator');
    if (req.method === 'POST' && path === '/graphql') return send(200, { data: { viewer: { login: TOKEN_IDENTITY } } });
    if (req.method === 'GET' && path === issuesPath) {
      return send(
        200,
        issues.filter((issue) => issue.state === 'open' && (creator === null || issue.user.login === creator)),
      );
    }
    if (refuseWrites) return send(403, { message: 'Resource not accessible by integration', status: '403' });
    if (req.method === 'POST' && path === issuesPath) {
      const issue = { number: issues.length + 1, title: body.title, body: body.body, state: 'open', user: { login: TOKEN_IDENTITY } };
      issues.push(issue);
      return send(201, issue);
    }
    const match = new RegExp(`^${issuesPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/(\\d+)(/comments)?$`).exec(path);
    const issue = issues.find((candidate) => candidate.number === Number(match?.[1]));
    if (!issue) return send(404, { message: 'Not Found' });
    if (req.method === 'POST' && match?.[2]) return send(201, { id: 1 });
    Object.assign(issue, body);
    return send(200, issue);
  });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('fake GitHub has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    issues,
    requests,
    close: () =>
      new Promise((resolve) => {
        httpServer.closeAllConnections();
        httpServer.close(() => resolve(undefined));
      }),
  };
}
