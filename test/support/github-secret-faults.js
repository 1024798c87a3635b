// @ts-check
/** The faults fake-github-secrets.js answers with instead of GitHub's answer: what a test asks for, and which request gets it. */

/**
 * @typedef {object} GitHubFault
 * @property {'GET' | 'PUT' | '*'} method
 * @property {string | undefined} secretName matches PUT /…/secrets/NAME (case-insensitive); undefined for any
 * @property {number} status answered instead (0: the socket is destroyed)
 * @property {boolean} landed a PUT is stored before the error is answered
 * @property {boolean} hang no answer at all (the client's deadline must end it)
 * @property {number} remaining
 * @property {boolean} echoAuthorization the error message quotes the request's Authorization header
 * @property {number | undefined} landAfterMs with hang: a PUT is stored this long (fake clock) after it came, unanswered
 * @property {string | undefined} redirectTo answered with `status` (a 3xx) and this Location
 * @property {boolean} trickle a 200 whose body starts and never ends
 * @property {Record<string, string>} headers sent with the fault's answer (retry-after, x-ratelimit-*)
 *
 * @typedef {{ method?: 'GET' | 'PUT' | '*', secretName?: string, status?: number, landed?: boolean, hang?: boolean, times?: number,
 *   echoAuthorization?: boolean, landAfterMs?: number, redirectTo?: string, trickle?: boolean, headers?: Record<string, string> }} FaultSpec
 */

/** @param {FaultSpec} spec @returns {GitHubFault} */
export function faultOf({
  method = '*',
  secretName,
  status = 500,
  landed = false,
  hang = false,
  times = 1,
  echoAuthorization = false,
  landAfterMs,
  redirectTo,
  trickle = false,
  headers = {},
}) {
  return { method, secretName, status, landed, hang, remaining: times, echoAuthorization, landAfterMs, redirectTo, trickle, headers };
}

/**
 * The first fault still due for this request (`name`: the secret a PUT or GET names), counted down.
 * @param {GitHubFault[]} faults @param {string} method @param {string | undefined} name
 */
export function takeFault(faults, method, name) {
  const fault = faults.find(
    (f) =>
      f.remaining > 0 &&
      (f.method === '*' || f.method === method) &&
      (f.secretName === undefined || (name !== undefined && f.secretName.toUpperCase() === name.toUpperCase())),
  );
  if (fault) fault.remaining -= 1;
  return fault;
}
