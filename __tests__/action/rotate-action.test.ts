/**
 * The rotate action's own part, in process: the token masked before anything else, every input
 * problem at once in the action's names before any call, and the outcome in the outputs and the
 * job summary. (The whole cycle, bundled, is __tests__/e2e/rotation-cycle.e2e.test.ts.)
 */
import { describe, expect, test } from '@jest/globals';
import { runRotateAction } from '../../src/rotation/rotate-action.js';
import type { RotationDeps } from '../../src/rotation/ports.js';
import { recordingIo } from '../../test/support/recording-io.js';

const TOKEN = 'ghs_InstallationTokenOfTheRotatorApp0000';
const ROLE = 'arn:aws:iam::111122223333:role/deploy';
const INPUTS = {
  'github-token': TOKEN,
  'user-name': 'sam-cli-user',
  repository: 'octo-org/app',
  'role-to-assume': ROLE,
  'aws-region': 'eu-west-1',
  'delete-after-days': '7',
  'dry-run': 'false',
};

/** Deps that fail the test if the run gets as far as calling anything. */
function noCalls(): { deps: () => RotationDeps; calls: string[] } {
  const calls: string[] = [];
  const refuse = (what: string) => () => {
    calls.push(what);
    throw new Error(`${what} called`);
  };
  return {
    calls,
    deps: () => ({
      keyAdmin: new Proxy({}, { get: (_t, name) => refuse(`keyAdmin.${String(name)}`) }) as never,
      keyProbe: {} as never,
      secretStore: refuse('secretStore') as never,
    }),
  };
}

describe('the rotate action', () => {
  test('the token is masked before any other input is read, and before anything prints', async () => {
    const io = recordingIo({ inputs: { ...INPUTS, 'aws-region': 'mars' } });
    await runRotateAction(io, noCalls().deps);
    expect(io.effects[0]).toEqual({ kind: 'mask', value: TOKEN });
    expect(io.inputsRead[0]).toBe('github-token');
  });

  test("every input problem at once, in the action's own names, before any call; the outcome says so", async () => {
    const { deps, calls } = noCalls();
    const io = recordingIo({
      inputs: { ...INPUTS, 'github-token': '', repository: 'nope', 'aws-region': 'mars', 'delete-after-days': '-1', 'dry-run': 'yes' },
    });
    await runRotateAction(io, deps);
    expect(calls).toEqual([]);
    expect(io.failed).toBe(true);
    expect(io.errors).toHaveLength(1);
    const error = io.errors[0] ?? '';
    expect(error).toMatch(/^5 problems with the inputs:/);
    for (const name of [
      'github-token: is required',
      'repository: must be OWNER/REPO',
      'aws-region: must be an AWS region',
      'delete-after-days:',
      'dry-run:',
    ])
      expect(error).toContain(name);
    expect(error).not.toMatch(/--[a-z]/);
    expect(io.outputs).toMatchObject({ outcome: 'bad-usage', step: 'none', 'next-step': 'fix-and-run-again' });
    expect(io.summary.join('\n')).toContain('invalid inputs, nothing called');
  });

  test('a failure in the run: one error, the outcome failed, the summary says what happened, no token anywhere', async () => {
    const io = recordingIo({ inputs: INPUTS });
    await runRotateAction(io, () => ({
      keyAdmin: new Proxy(
        {},
        {
          get: () => async () => {
            throw Object.assign(new Error(`denied for ${TOKEN}`), { name: 'AccessDenied' });
          },
        },
      ) as never,
      keyProbe: {} as never,
      secretStore: async () => ({ updatedAt: async () => new Map(), write: async () => undefined }) as never,
    }));
    expect(io.failed).toBe(true);
    expect(io.outputs).toMatchObject({ outcome: 'failed', 'next-step': 'fix-and-run-again' });
    expect(JSON.stringify([io.outputs, io.summary, io.errors])).not.toContain(TOKEN);
    expect(io.summary.join('\n')).toContain('### Key rotation');
  });
});
