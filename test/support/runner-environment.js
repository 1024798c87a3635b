// @ts-check
/**
 * What the runner tells a step about its run: the `GITHUB_*` / `RUNNER_*` variables of a hosted
 * runner, the `github` context input defaults are evaluated in, and the push event of the run.
 */

/** What the runner knows about the run, as the `GITHUB_*` / `RUNNER_*` variables of a hosted runner. */
export const RUN_ENVIRONMENT = {
  GITHUB_ACTIONS: 'true',
  CI: 'true',
  GITHUB_RUN_ID: '11823456789',
  GITHUB_RUN_NUMBER: '42',
  GITHUB_RUN_ATTEMPT: '1',
  GITHUB_REPOSITORY: 'octo-org/serverless-app',
  GITHUB_REPOSITORY_OWNER: 'octo-org',
  GITHUB_WORKFLOW: 'Deploy',
  GITHUB_JOB: 'deploy',
  GITHUB_ACTION: '__octo-org_assume-deploy-role',
  GITHUB_ACTOR: 'octocat',
  GITHUB_SHA: '6f1ac2c5e2b0d8a4a9f3c7e1d2b4a6c8e0f1a3b5',
  GITHUB_REF: 'refs/heads/main',
  GITHUB_REF_NAME: 'main',
  GITHUB_REF_TYPE: 'branch',
  GITHUB_EVENT_NAME: 'push',
  GITHUB_SERVER_URL: 'https://github.com',
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_GRAPHQL_URL: 'https://api.github.com/graphql',
  RUNNER_OS: 'Linux',
  RUNNER_ARCH: 'X64',
  RUNNER_NAME: 'GitHub Actions 7',
  RUNNER_ENVIRONMENT: 'github-hosted',
};

/**
 * The `github` context for `${{ github.<name> }}` in input defaults; the job token is fake.
 * @type {Record<string, string | undefined>}
 */
export const GITHUB_CONTEXT = {
  token: 'ghs_TestRunnerJobToken000000000000000000',
  ...Object.fromEntries(
    Object.entries(RUN_ENVIRONMENT)
      .filter(([name]) => name.startsWith('GITHUB_'))
      .map(([name, value]) => [name.slice('GITHUB_'.length).toLowerCase(), value]),
  ),
};

/** The event payload at GITHUB_EVENT_PATH: a push to the run's ref. */
export function pushEvent() {
  const [owner, name] = RUN_ENVIRONMENT.GITHUB_REPOSITORY.split('/');
  return {
    ref: RUN_ENVIRONMENT.GITHUB_REF,
    after: RUN_ENVIRONMENT.GITHUB_SHA,
    repository: { name, full_name: RUN_ENVIRONMENT.GITHUB_REPOSITORY, owner: { login: owner } },
    sender: { login: RUN_ENVIRONMENT.GITHUB_ACTOR },
  };
}
