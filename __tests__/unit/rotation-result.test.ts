import { describe, expect, test } from '@jest/globals';
import { CallFailed } from '../../src/shared/retry.js';
import { explainingCredentialErrors, isCredentialChainError } from '../../src/adapters/credential-chain.js';
import { cliIo } from '../../src/adapters/cli-io.js';
import type { KeyAdmin } from '../../src/rotation/ports.js';
import { StepFailure } from '../../src/shared/step-failure.js';
import type { RotationState, Step } from '../../src/rotation/rotation-plan.js';
import { keysAfterRun, rotationResult, type PlannedRun } from '../../src/rotation/rotation-result.js';
import { markdownText, rotationSummary } from '../../src/rotation/rotation-summary.js';

const OLD = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', status: 'Active' as const, createDate: new Date('2026-01-01T00:00:00Z') };
const NEW = {
  accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
  status: 'Active' as const,
  createDate: new Date('2026-03-01T00:00:00Z'),
  lastUsed: new Date('2026-03-02T00:00:00Z'),
};
const STATE: RotationState = {
  userName: 'sam-cli-user',
  callerArn: 'arn:aws:iam::111122223333:user/alice',
  keys: [OLD],
  tags: new Map(),
  stored: {},
  now: new Date('2026-03-01T12:00:00Z'),
};
const planned = (step: Step, dryRun = false, keys = STATE.keys): PlannedRun => ({ state: { ...STATE, keys }, step, dryRun });
const record = (exitCode: 0 | 1 | 2, plan: PlannedRun | undefined) =>
  rotationResult({ command: 'rotate', exitCode, planned: plan, messages: ['said'], errors: exitCode === 0 ? [] : ['error text'] });

describe('rotationResult: the step taken and the next one, from the plan and the exit code alone', () => {
  test('each step taken names what a later run does', () => {
    expect(record(0, planned({ kind: 'create', oldKey: OLD }))).toMatchObject({
      outcome: 'step-taken',
      step: 'create',
      next: 'deactivate-old',
      userName: 'sam-cli-user',
      error: null,
    });
    expect(record(0, planned({ kind: 'deactivate-old', oldKey: OLD, newKey: NEW, storedAt: STATE.now }, false, [OLD, NEW]))).toMatchObject({
      step: 'deactivate-old',
      next: 'delete-old',
    });
    expect(record(0, planned({ kind: 'delete-old', key: OLD, deactivatedAt: STATE.now }))).toMatchObject({
      step: 'delete-old',
      next: 'done',
    });
    expect(record(0, planned({ kind: 'recover-interrupted', newKey: NEW, oldKey: OLD, idWasWritten: true }))).toMatchObject({
      step: 'recover-interrupted',
      next: 'create',
    });
  });

  test('a step that failed claims nothing: outcome failed, the error kept, fix and run again', () => {
    expect(record(1, planned({ kind: 'create', oldKey: OLD }))).toMatchObject({
      outcome: 'failed',
      step: 'create',
      next: 'fix-and-run-again',
      error: 'error text',
    });
    expect(record(1, undefined)).toMatchObject({ outcome: 'failed', step: 'none', keys: [] });
  });

  test('nothing due says what it waits for, and from when when the planner knows', () => {
    const dueAt = new Date('2026-03-08T12:00:00Z');
    expect(
      record(0, planned({ kind: 'nothing-due', reason: { why: 'waiting-to-delete', key: OLD, deactivatedAt: STATE.now, dueAt } })),
    ).toMatchObject({
      outcome: 'nothing-due',
      step: 'none',
      reason: 'waiting-to-delete',
      next: 'delete-old',
      notBefore: '2026-03-08T12:00:00.000Z',
    });
    expect(
      record(0, planned({ kind: 'nothing-due', reason: { why: 'waiting-for-use', newKey: NEW, oldKey: OLD, storedAt: STATE.now } })),
    ).toMatchObject({ next: 'deactivate-old', notBefore: null });
  });

  test('a dry run names the step it would take as the next one; a refusal and bad usage take none', () => {
    expect(record(0, planned({ kind: 'create', oldKey: OLD }, true))).toMatchObject({ outcome: 'dry-run', step: 'create', next: 'create' });
    expect(record(1, planned({ kind: 'refuse', reason: { why: 'no-keys' } }))).toMatchObject({
      outcome: 'refused',
      step: 'none',
      reason: 'no-keys',
      next: 'fix-and-run-again',
    });
    expect(record(2, undefined)).toMatchObject({ outcome: 'bad-usage', next: 'fix-and-run-again' });
  });

  test('keys as data: id, status, dates; never more', () => {
    expect(record(0, planned({ kind: 'create', oldKey: OLD }, false, [OLD, NEW])).keys).toEqual([
      { accessKeyId: OLD.accessKeyId, status: 'Active', created: '2026-01-01T00:00:00.000Z', lastUsed: null },
      { accessKeyId: NEW.accessKeyId, status: 'Active', created: '2026-03-01T00:00:00.000Z', lastUsed: '2026-03-02T00:00:00.000Z' },
    ]);
  });
});

describe('keysAfter: the keys after the run', () => {
  test('read again after a step (null when that read failed); the keys as read when nothing changed', async () => {
    const step = planned({ kind: 'create', oldKey: OLD });
    const after = rotationResult({ command: 'rotate', exitCode: 0, planned: step, messages: [], errors: [], keysAfter: [OLD, NEW] });
    expect(after.keysAfter?.map((key) => key.accessKeyId)).toEqual([OLD.accessKeyId, NEW.accessKeyId]);
    expect(record(0, step).keysAfter).toBeNull();
    expect(
      record(0, planned({ kind: 'nothing-due', reason: { why: 'waiting-for-use', newKey: NEW, oldKey: OLD, storedAt: STATE.now } }))
        .keysAfter,
    ).toEqual(record(0, planned({ kind: 'create', oldKey: OLD }, true)).keys);
    expect(record(1, undefined).keysAfter).toBeNull();
  });

  test('keysAfterRun reads only after a step, and a failed read is no failure', async () => {
    const calls: string[] = [];
    const admin = {
      listKeys: async (user: string) => {
        calls.push(user);
        return [NEW];
      },
    } as unknown as KeyAdmin;
    expect(await keysAfterRun(admin, planned({ kind: 'delete-old', key: OLD, deactivatedAt: STATE.now }))).toEqual([NEW]);
    expect(await keysAfterRun(admin, planned({ kind: 'create', oldKey: OLD }, true))).toBeUndefined();
    expect(await keysAfterRun(admin, planned({ kind: 'refuse', reason: { why: 'no-keys' } }))).toBeUndefined();
    expect(calls).toEqual(['sam-cli-user']);
    const failing = {
      listKeys: async () => {
        throw new Error('throttled');
      },
    } as unknown as KeyAdmin;
    expect(await keysAfterRun(failing, planned({ kind: 'create', oldKey: OLD }))).toBeUndefined();
  });
});

describe('rotationSummary', () => {
  test('heading, this run and the next, the lines, the keys', () => {
    const summary = rotationSummary(record(0, planned({ kind: 'create', oldKey: OLD })));
    expect(summary).toContain('### Key rotation of IAM user `sam-cli-user`: step taken');
    expect(summary).toContain('| create and store a new key | a later run deactivates the old key, once a deploy has used the new one |');
    expect(summary).toContain(`| ${OLD.accessKeyId} | Active | 2026-01-01T00:00:00.000Z | never |`);
  });

  test('outside text in the lines is shown as text: no HTML, no link, no table cell break', () => {
    const result = { ...record(1, undefined), error: 'AccessDenied: <img src=x onerror=alert(1)> [click](https://evil.example) | cell' };
    const summary = rotationSummary(result);
    expect(summary).not.toContain('<img');
    expect(summary).not.toContain('](https');
    expect(summary).toContain('&lt;img src=x onerror=alert\\(1\\)&gt; \\[click\\]\\(https://evil.example\\) \\| cell');
    expect(markdownText('a_b*c`d')).toBe('a\\_b\\*c\\`d');
  });
});

describe('credential-chain errors', () => {
  const chainError = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
  const admin = (error: unknown) =>
    ({
      callerArn: async () => {
        throw error;
      },
    }) as unknown as KeyAdmin;

  test("the SDK's CredentialsProviderError, raw or after the retry loop, becomes the explanation with the SDK's words", async () => {
    expect(isCredentialChainError(chainError)).toBe(true);
    const failed = new CallFailed(
      {
        code: 'CredentialsProviderError',
        message: chainError.message,
        clockSkewCorrected: false,
        network: false,
        throttling: false,
        sdkTransient: false,
      },
      1,
      'permanent',
      0,
    );
    for (const error of [chainError, failed]) {
      await expect(explainingCredentialErrors(admin(error), (said) => `explained: ${said}`, []).callerArn()).rejects.toEqual(
        new StepFailure('explained: Could not load credentials from any providers'),
      );
    }
  });

  test("a method that answers at once stays sync (the key admin's clock reading is a Date, not a promise)", () => {
    const at = new Date('2026-03-01T00:00:00Z');
    const wrapped = explainingCredentialErrors({ now: () => at } as unknown as KeyAdmin, () => 'x', []) as unknown as { now(): Date };
    expect(wrapped.now()).toBe(at);
  });

  test("other errors pass through unchanged; secrets in the SDK's words are masked", async () => {
    const denied = Object.assign(new Error('denied'), { name: 'AccessDenied' });
    await expect(explainingCredentialErrors(admin(denied), () => 'x', []).callerArn()).rejects.toBe(denied);
    const leaky = Object.assign(new Error('profile with secret s3cr3tvalue failed'), { name: 'CredentialsProviderError' });
    await expect(explainingCredentialErrors(admin(leaky), (said) => said, ['s3cr3tvalue']).callerArn()).rejects.toThrow(
      'profile with secret *** failed',
    );
  });
});

describe('cliIo with --json', () => {
  test("every line goes to stderr (stdout is the result's), cleaned; what was said is kept for the result", () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = cliIo(new Map(), {}, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) }, true);
    io.setSecret('topsecret');
    io.info('stored topsecret\u001b[2J');
    io.fail('failed: topsecret');
    expect(out).toEqual([]);
    expect(err).toEqual(['stored *** [2J\n', 'error: failed: ***\n']);
    expect(io.said).toEqual({ lines: ['stored *** [2J'], errors: ['failed: ***'] });
  });
});
