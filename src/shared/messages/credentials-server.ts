/**
 * Texts of refresh-credentials: the main step's and post step's lines, and the credentials
 * server's own log (a file under RUNNER_TEMP, cleaned of every secret before it is written).
 */
const iso = (date: Date) => date.toISOString();

export const credentialsServerTexts = {
  started: (port: number, logFile: string) =>
    `Started the credentials server on 127.0.0.1:${port} (log: ${logFile}); the following steps get refreshed credentials through AWS_CONTAINER_CREDENTIALS_FULL_URI`,
  notStarted: (reason: string) =>
    `refresh-credentials: the credentials server did not start (${reason}); nothing was exported. Its log under RUNNER_TEMP may say more; set refresh-credentials: false to export the session itself`,
  stopped: 'Stopped the credentials server; its session is wiped',
  alreadyGone: 'The credentials server had already stopped',
  notOurs: (pid: number) => `Process ${pid} is not the credentials server this job started; it was left alone`,
  stopFailed: (pid: number, reason: string) =>
    `Could not stop the credentials server (process ${pid}): ${reason}. It stops by itself when the job ends`,
};

export const serverLog = {
  listening: (port: number, expiration: Date) => `listening on 127.0.0.1:${port}; the current session expires at ${iso(expiration)}`,
  refreshed: (expiration: Date) => `re-assumed the role; the new session expires at ${iso(expiration)}`,
  refreshRetry: (reason: string, next: Date, expiration: Date | undefined) =>
    `the refresh failed and may heal (${reason}); the current session is served until ${expiration ? iso(expiration) : 'none is left'}, next try at ${iso(next)}`,
  refreshRefused: (reason: string, expiration: Date | undefined) =>
    `the refresh was refused for good (${reason}); no more tries: the current session is served until ${expiration ? iso(expiration) : 'none is left'}, then clients get HTTP 503. Check the role's trust policy and the limited user's key`,
  stopped: (reason: 'shutdown' | 'parent' | 'lifetime') =>
    `stopped (${reason === 'shutdown' ? 'the post step asked' : reason === 'parent' ? "the job's runner process is gone" : "the job's longest run is over"}); the session is wiped`,
  badConfig: (what: string) => `refused to start: ${what}`,
};
