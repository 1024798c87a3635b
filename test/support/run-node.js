// @ts-check
/** A step's process: `node SCRIPT` with its output collected, killed when it overruns its time. */
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';

/**
 * @param {string} node the Node.js binary
 * @param {string} script
 * @param {{ cwd: string, env: Record<string, string | undefined>, timeoutMs: number }} options
 * @returns {Promise<{ exitCode: number, stdout: string, stderr: string }>} a signal's death as 128 + its number, as a shell reports it
 */
export function runNode(node, script, { cwd, env, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(node, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    /** @type {Buffer[]} */
    const stdout = [];
    /** @type {Buffer[]} */
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        exitCode: code ?? 128 + (signal ? osConstants.signals[signal] : 0),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
