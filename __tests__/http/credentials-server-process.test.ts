/** The post step's stop: only the process whose argv carries the nonce's mark is ever signalled. */
import { afterAll, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { isAlive, stopCredentialsServer } from '../../src/adapters/credentials-server-process.js';
import { systemClock } from '../../src/adapters/system-clock.js';
import { nonceArgument } from '../../src/adapters/credentials-server-launch.js';

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill('SIGKILL');
});

/** A process that does not answer the shutdown request, with a nonce's mark in its argv or not. */
function stranger(args: string[]): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', '--', ...args], { stdio: 'ignore' });
  children.push(child);
  return child;
}

const NO_LISTENER = 9; // discard: nothing listens there on a test machine

test('a process whose argv lacks the nonce is left running: not ours', async () => {
  const other = stranger([nonceArgument('someone-else')]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await stopCredentialsServer({ pid: other.pid ?? 0, port: NO_LISTENER, nonce: 'ours' }, systemClock)).toBe('not ours');
  expect(isAlive(other.pid ?? 0)).toBe(true);
});

test('the process with the nonce is signalled when it does not answer the shutdown request', async () => {
  const ours = stranger([nonceArgument('ours')]);
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(await stopCredentialsServer({ pid: ours.pid ?? 0, port: NO_LISTENER, nonce: 'ours' }, systemClock)).toBe('stopped');
  await new Promise((resolve) => (ours.exitCode !== null || ours.signalCode !== null ? resolve(undefined) : ours.once('exit', resolve)));
  expect(ours.signalCode).toBe('SIGTERM');
});

test("the mark in the argv is not the nonce: any local user can read a process's argv, and the nonce stops the server", () => {
  expect(nonceArgument('ours-0123456789abcdef')).not.toContain('ours-0123456789abcdef');
  expect(nonceArgument('ours-0123456789abcdef')).toMatch(/^--nonce-sha256=[0-9a-f]{64}$/);
});
