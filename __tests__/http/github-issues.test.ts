/**
 * The tracking issue against the GitHub REST API, answered by nock: open one while a finding stands,
 * update it on later runs (found by its hidden marker, on any page of open issues), close it with a
 * comment when everything is ok, never a second one, and a clear message when the token may not write.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import nock from 'nock';
import { DEFAULT_THRESHOLDS } from '../../src/key-age/key-age-inputs.js';
import { assessKeys, type KeyAssessment } from '../../src/key-age/key-findings.js';
import { trackingMarker } from '../../src/key-age/tracking-issue-plan.js';
import { syncTrackingIssue } from '../../src/key-age/tracking-issue-sync.js';
import { createIssueTracker } from '../../src/adapters/github-issues.js';
import { explainIssueFailure } from '../../src/key-age/messages/tracking-issue.js';
import { FIXED_NOW as NOW } from '../../test/support/fixtures.js';

// nock's interceptor patches node:http for the whole worker; later files in it must get the real one.
afterAll(() => nock.restore());

const API = 'https://api.github.com';
const TOKEN = 'ghs_TrackingIssueTestToken0000000000000';
const REPOSITORY = { owner: 'octo-org', repo: 'serverless-app' };
const ISSUES = '/repos/octo-org/serverless-app/issues';
const DAY = 24 * 60 * 60 * 1000;
const KEY = 'AKIAWORKFLOWKEY0AAAA';
const ACCOUNT = '123456789012';
const BOT = 'github-actions[bot]';
const CONTEXT = {
  account: ACCOUNT,
  userName: 'sam-cli-user',
  thresholds: DEFAULT_THRESHOLDS,
  now: NOW,
  runUrl: 'https://github.com/octo-org/serverless-app/actions/runs/7',
};
const MARKER = trackingMarker(ACCOUNT, 'sam-cli-user');

function keysAged(days: number): KeyAssessment {
  return assessKeys({
    keys: [{ accessKeyId: KEY, status: 'Active', createDate: new Date(NOW.getTime() - days * DAY) }],
    lastUse: new Map(),
    now: NOW,
    thresholds: DEFAULT_THRESHOLDS,
    workflowKeyId: KEY,
  });
}

const github = () => createIssueTracker(TOKEN, REPOSITORY, globalThis.fetch);
const issue = (number: number, body: string, extra: object = {}) => ({
  number,
  body,
  state: 'open',
  title: `issue ${number}`,
  user: { login: BOT },
  ...extra,
});

/** Fails the test on any request nothing was set up for. */
function strictApi() {
  return nock(API, { reqheaders: { authorization: `token ${TOKEN}` } });
}

/** Every sync first asks GraphQL who the token is. */
function api() {
  return strictApi()
    .post('/graphql')
    .reply(200, { data: { viewer: { login: BOT } } });
}

beforeEach(() => nock.disableNetConnect());

afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  nock.enableNetConnect();
  expect(pending).toEqual([]);
});

describe('syncTrackingIssue', () => {
  test('opens one issue with the hidden marker while a warning stands', async () => {
    let created: { title?: string; body?: string } = {};
    api()
      .get(ISSUES)
      .query({ state: 'open', creator: BOT, per_page: '100' })
      .reply(200, [issue(1, "someone else's issue", { user: { login: 'mallory' } }), issue(2, MARKER, { pull_request: { url: 'x' } })])
      .post(ISSUES, (body) => {
        created = body as typeof created;
        return true;
      })
      .reply(201, issue(3, ''));
    expect(await syncTrackingIssue(github(), keysAged(85), CONTEXT)).toBe('Opened tracking issue #3.');
    expect(created.title).toBe('Access keys of IAM user sam-cli-user in account 123456789012 need attention');
    expect(created.body?.startsWith(MARKER)).toBe(true);
    expect(created.body).toContain('rotate it within 5 days');
    expect(created.body).toContain('[this run](https://github.com/octo-org/serverless-app/actions/runs/7)');
    expect(created.body).not.toContain(KEY);
  });

  test('updates the issue it opened before, found on a later page, instead of opening another', async () => {
    let patched: { title?: string; body?: string; state?: string } = {};
    api()
      .get(ISSUES)
      .query({ state: 'open', creator: BOT, per_page: '100' })
      .reply(200, [issue(1, 'other')], {
        link: `<${API}${ISSUES}?state=open&creator=${encodeURIComponent(BOT)}&per_page=100&page=2>; rel="next"`,
      })
      .get(ISSUES)
      .query({ state: 'open', creator: BOT, per_page: '100', page: '2' })
      .reply(200, [issue(5, `${MARKER}\nold findings`)])
      .patch(`${ISSUES}/5`, (body) => {
        patched = body as typeof patched;
        return true;
      })
      .reply(200, issue(5, ''));
    expect(await syncTrackingIssue(github(), keysAged(95), CONTEXT)).toBe('Updated tracking issue #5.');
    expect(patched.title).toBe('Access key of IAM user sam-cli-user in account 123456789012 is too old: rotate it');
    expect(patched.body).toContain('- **Error**: Access key …AAAA');
    expect(patched.state).toBeUndefined();
  });

  test('closes it with a comment once every key is within the limits', async () => {
    let comment = '';
    let patched: { state?: string; state_reason?: string } = {};
    api()
      .get(ISSUES)
      .query(true)
      .reply(200, [issue(5, MARKER)])
      .post(`${ISSUES}/5/comments`, (body) => {
        comment = (body as { body: string }).body;
        return true;
      })
      .reply(201, { id: 1 })
      .patch(`${ISSUES}/5`, (body) => {
        patched = body as typeof patched;
        return true;
      })
      .reply(200, issue(5, MARKER, { state: 'closed' }));
    expect(await syncTrackingIssue(github(), keysAged(3), CONTEXT)).toBe('Closed tracking issue #5: every key is within the limits.');
    expect(comment).toContain('found every access key within the limits');
    expect(patched).toEqual({ state: 'closed', state_reason: 'completed' });
  });

  test('does nothing but look when all is ok and no issue is open', async () => {
    api()
      .get(ISSUES)
      .query(true)
      .reply(200, [issue(1, 'other')]);
    expect(await syncTrackingIssue(github(), keysAged(3), CONTEXT)).toBe('No tracking issue is open and none is needed.');
  });

  test('across runs against one repository, a single issue is opened, then updated, then closed', async () => {
    const open: Array<ReturnType<typeof issue>> = [];
    let creations = 0;
    strictApi()
      .persist()
      .post('/graphql')
      .reply(200, { data: { viewer: { login: BOT } } })
      .get(ISSUES)
      .query(true)
      .reply(200, () => open)
      .post(ISSUES)
      .reply(201, (_uri, body) => {
        creations += 1;
        const created = issue(40 + creations, (body as { body: string }).body);
        open.push(created);
        return created;
      })
      .patch(/\/issues\/\d+$/)
      .reply(200, (uri, body) => {
        const number = Number(uri.split('/').pop());
        const target = open.find((candidate) => candidate.number === number);
        if (target && (body as { state?: string }).state === 'closed') open.splice(open.indexOf(target), 1);
        else if (target) target.body = (body as { body: string }).body;
        return target ?? {};
      })
      .post(/\/issues\/\d+\/comments$/)
      .reply(201, { id: 1 });
    const results = [];
    for (const age of [82, 83, 90, 91]) results.push(await syncTrackingIssue(github(), keysAged(age), CONTEXT));
    results.push(await syncTrackingIssue(github(), keysAged(0), CONTEXT));
    expect(results).toEqual([
      'Opened tracking issue #41.',
      'Updated tracking issue #41.',
      'Updated tracking issue #41.',
      'Updated tracking issue #41.',
      'Closed tracking issue #41: every key is within the limits.',
    ]);
    expect(creations).toBe(1);
    expect(open).toEqual([]);
    nock.cleanAll();
  });

  test('closes a duplicate left by an earlier race as a duplicate of the oldest', async () => {
    const comments: Array<[string, string]> = [];
    const patches: Array<[string, object]> = [];
    api()
      .get(ISSUES)
      .query(true)
      .reply(200, [issue(9, MARKER), issue(4, MARKER)])
      .post(/\/issues\/\d+\/comments$/)
      .reply(201, (uri, body) => {
        comments.push([uri, (body as { body: string }).body]);
        return { id: 1 };
      })
      .patch(/\/issues\/\d+$/)
      .times(2)
      .reply(200, (uri, body) => {
        patches.push([uri, body as object]);
        return {};
      });
    expect(await syncTrackingIssue(github(), keysAged(85), CONTEXT)).toBe('Updated tracking issue #4.');
    expect(comments).toEqual([[`${ISSUES}/9/comments`, expect.stringContaining('Duplicate of #4')]]);
    expect(patches[0]).toEqual([`${ISSUES}/9`, { state: 'closed', state_reason: 'not_planned' }]);
    expect(patches[1]?.[0]).toBe(`${ISSUES}/4`);
  });

  test('a token without issues: write gets 403, which reads as what to change', async () => {
    api().get(ISSUES).query(true).reply(200, []).post(ISSUES).reply(403, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
      status: '403',
    });
    const error = await syncTrackingIssue(github(), keysAged(85), CONTEXT).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 403 });
    const message = explainIssueFailure(
      { kind: 'http', status: (error as { status: number }).status },
      (error as Error).message,
      'octo-org/serverless-app',
    );
    expect(message).toMatch(
      /^The key check ran, but the tracking issue in octo-org\/serverless-app could not be updated: github-token may not write issues \(403\)\. Give the job permissions: issues: write/,
    );
    expect(message).toContain('Resource not accessible by integration');
    expect(message).not.toContain(TOKEN);
  });
});
