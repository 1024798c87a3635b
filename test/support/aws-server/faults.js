// @ts-check
/**
 * Injected failures, consumed in the order injected, `times` each, before authentication:
 * `throttle`, `server-error`, `unavailable` (AWS's error answers), `reset` (socket destroyed),
 * `delay` (answer normally after `delayMs`), `malformed` (200 with truncated XML).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError } from './errors.js';
import { NAMESPACES, sendXml } from './xml.js';

/**
 * @typedef {'throttle' | 'server-error' | 'unavailable' | 'reset' | 'delay' | 'malformed'} FaultKind
 * @typedef {{ action: string, kind: FaultKind, remaining: number, delayMs: number }} Fault
 */

/** @type {Record<'throttle' | 'server-error' | 'unavailable', [number, string, string]>} */
export const ERROR_FAULTS = {
  throttle: [400, 'Throttling', 'Rate exceeded'],
  'server-error': [500, 'InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.'],
  unavailable: [503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.'],
};

export function createFaults() {
  /** @type {Fault[]} */
  const faults = [];
  return {
    /**
     * @param {string} action
     * @param {{ kind: FaultKind, times?: number, delayMs?: number }} fault
     */
    inject(action, { kind, times = 1, delayMs = 0 }) {
      faults.push({ action, kind, remaining: times, delayMs });
    },
    /** @param {string} action the next fault for it, now consumed */
    take(action) {
      const fault = faults.find((f) => f.remaining > 0 && f.action === action);
      if (fault) fault.remaining -= 1;
      return fault;
    },
  };
}

/**
 * Acts a fault out: throws its AWS error; or answers or hangs up itself (`done`, with the status
 * sent, none for a reset); or waits (`delay`) and lets the request go on.
 * @param {Fault | undefined} fault
 * @param {{ req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, service: import('./xml.js').Service,
 *   action: string, requestId: string, now: () => Date, signal: AbortSignal }} request
 * @returns {Promise<{ done: false } | { done: true, status: number | undefined }>}
 */
export async function actOut(fault, { req, res, service, action, requestId, now, signal }) {
  if (!fault) return { done: false };
  switch (fault.kind) {
    case 'reset':
      req.socket.destroy();
      return { done: true, status: undefined };
    case 'malformed':
      sendXml(res, {
        status: 200,
        xml: `<${action}Response xmlns="${NAMESPACES[service]}"><${action}Result><Credentials><AccessKeyId>`,
        requestId,
        now,
      });
      return { done: true, status: 200 };
    case 'delay':
      await sleep(fault.delayMs, undefined, { signal });
      return { done: false };
    default:
      throw new AwsError(...ERROR_FAULTS[fault.kind]);
  }
}
