/** A GitHub environment's name, as GitHub allows it (the secrets of a deployment environment). */
export const GITHUB_ENVIRONMENT_NAME = /^[\w .-]{1,255}$/;

/** What the GitHub runner tells a step about the workflow run it belongs to. */
export interface RunContext {
  runId?: string;
  runAttempt?: string;
  repository?: string;
  workflow?: string;
  action?: string;
  actor?: string;
  sha?: string;
  ref?: string;
  eventName?: string;
  /** Pull requests only: the base and head branches. */
  baseRef?: string;
  headRef?: string;
  job?: string;
  triggeringActor?: string;
}

export function runContextFromEnv(env: Record<string, string | undefined>): RunContext {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  return {
    runId: value('GITHUB_RUN_ID'),
    runAttempt: value('GITHUB_RUN_ATTEMPT'),
    repository: value('GITHUB_REPOSITORY'),
    workflow: value('GITHUB_WORKFLOW'),
    action: value('GITHUB_ACTION'),
    actor: value('GITHUB_ACTOR'),
    sha: value('GITHUB_SHA'),
    ref: value('GITHUB_REF'),
    eventName: value('GITHUB_EVENT_NAME'),
    baseRef: value('GITHUB_BASE_REF'),
    headRef: value('GITHUB_HEAD_REF'),
    job: value('GITHUB_JOB'),
    triggeringActor: value('GITHUB_TRIGGERING_ACTOR'),
  };
}
