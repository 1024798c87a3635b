/**
 * src/shared/step.ts: the skeleton both actions run on, through the recording fake of the port.
 * Masks first, then parsing, then the warnings; every input problem in one error and no body
 * call; a StepFailure printed as it is but for the secrets; anything else thrown redacted of every
 * registered secret and put on one line.
 */
import { describe, expect, jest, test } from '@jest/globals';
import type { InputReader, Parsed } from '../../src/shared/input-parser.js';
import { runStep, writeSummary } from '../../src/shared/step.js';
import { StepFailure } from '../../src/shared/step-failure.js';
import type { RunContext } from '../../src/shared/run-context.js';
import { Secrets } from '../../src/shared/secrets.js';
import { EXAMPLE_KEY, EXAMPLE_KEY_INPUTS } from '../../test/support/fixtures.js';
import { recordingIo, type RecordingIo } from '../../test/support/recording-io.js';

const SECRET_INPUTS = ['aws-access-key-id', 'aws-secret-access-key'];

interface Run {
  io: RecordingIo;
  body: jest.Mock<(inputs: string, secrets: Secrets, run: RunContext) => Promise<void>>;
  /** How many effects the port had recorded when parse was called. */
  effectsBeforeParse: number;
}

async function run(options: {
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  secretVariables?: string[];
  parse?: (read: InputReader) => Parsed<string>;
  body?: (inputs: string, secrets: Secrets, run: RunContext) => Promise<void>;
}): Promise<Run> {
  const io = recordingIo({ inputs: options.inputs ?? EXAMPLE_KEY_INPUTS, env: options.env ?? {} });
  const body = jest.fn(options.body ?? (async () => undefined));
  let effectsBeforeParse = -1;
  await runStep(io, {
    secretInputs: SECRET_INPUTS,
    ...(options.secretVariables ? { secretVariables: options.secretVariables } : {}),
    parse: (read) => {
      effectsBeforeParse = io.effects.length;
      return options.parse ? options.parse(read) : { ok: true, value: read('aws-region'), warnings: [] };
    },
    body,
  });
  return { io, body, effectsBeforeParse };
}

describe('masks', () => {
  test('every secret input is masked before parsing and before anything prints, each piece of a broken paste too', async () => {
    const broken = `${EXAMPLE_KEY.secretAccessKey.slice(0, 20)}\n${EXAMPLE_KEY.secretAccessKey.slice(20)}\n`;
    const { io, effectsBeforeParse } = await run({
      inputs: { ...EXAMPLE_KEY_INPUTS, 'aws-secret-access-key': broken },
      parse: () => ({ ok: true, value: 'x', warnings: [`echo ${broken}`] }),
      body: async () => io.info(`using ${EXAMPLE_KEY.accessKeyId}`),
    });
    const masks = [EXAMPLE_KEY.accessKeyId, broken.trim(), EXAMPLE_KEY.secretAccessKey.slice(0, 20), EXAMPLE_KEY.secretAccessKey.slice(20)];
    expect(io.effects.slice(0, masks.length)).toEqual(masks.map((value) => ({ kind: 'mask', value })));
    expect(effectsBeforeParse).toBe(masks.length);
    expect(io.log()).not.toContain(EXAMPLE_KEY.accessKeyId);
    expect(io.log()).not.toContain(EXAMPLE_KEY.secretAccessKey.slice(0, 20));
  });

  test('a secret variable of the environment is masked with the inputs, before parsing; an unset one registers nothing', async () => {
    const token = 'runnerIdTokenRequestToken0123456789';
    const { io, effectsBeforeParse } = await run({
      env: { ACTIONS_ID_TOKEN_REQUEST_TOKEN: token },
      secretVariables: ['ACTIONS_ID_TOKEN_REQUEST_TOKEN', 'UNSET_VARIABLE'],
    });
    expect(io.masks).toEqual([EXAMPLE_KEY.accessKeyId, EXAMPLE_KEY.secretAccessKey, token]);
    expect(effectsBeforeParse).toBe(3);
  });

  test('a value registered twice is masked once, and an empty one not at all (Secrets.add)', async () => {
    const { io } = await run({
      inputs: { 'aws-region': 'eu-west-1' },
      body: async (_inputs, secrets) => ['111122223333', '', '111122223333'].forEach((value) => secrets.add(value)),
    });
    expect(io.masks).toEqual(['111122223333']);
  });

  test('an empty secret input registers no mask (an empty mask would hide nothing useful)', async () => {
    const { io } = await run({ inputs: { 'aws-region': 'eu-west-1' } });
    expect(io.masks).toEqual([]);
  });
});

describe('parsing', () => {
  test('warnings are printed as warning annotations, and the body still runs', async () => {
    const { io, body } = await run({ parse: () => ({ ok: true, value: 'v', warnings: ['first warning', 'second warning'] }) });
    expect(io.annotations).toEqual([
      { severity: 'warning', message: 'first warning' },
      { severity: 'warning', message: 'second warning' },
    ]);
    expect(body).toHaveBeenCalledTimes(1);
    expect(body.mock.calls[0]?.[0]).toBe('v');
    expect(io.failed).toBe(false);
  });

  test('input problems end the step with one error listing them all, after the warnings, and the body is never called', async () => {
    const { io, body } = await run({
      parse: () => ({ ok: false, problems: ['aws-region: is required', 'max-age-days: must be true or false'], warnings: ['a warning'] }),
    });
    expect(body).not.toHaveBeenCalled();
    expect(io.errors).toEqual(['2 inputs are invalid:\n- aws-region: is required\n- max-age-days: must be true or false']);
    const kinds = io.effects.filter((effect) => effect.kind !== 'mask').map((effect) => effect.kind);
    expect(kinds).toEqual(['annotation', 'fail']);
  });

  test('one problem reads as one sentence', async () => {
    const { io } = await run({ parse: () => ({ ok: false, problems: ['aws-region: is required'], warnings: [] }) });
    expect(io.errors).toEqual(['Invalid input aws-region: is required']);
  });
});

describe('failures in the body', () => {
  test('a StepFailure is printed as it is: final, already safe, not flattened or shortened', async () => {
    const message = `Attach this policy:\n${'{"Statement":[]}'.repeat(50)}`;
    const { io } = await run({
      body: async () => {
        throw new StepFailure(message);
      },
    });
    expect(io.errors).toEqual([message]);
  });

  test('a StepFailure naming a registered secret (a masked account id in a refusal) prints *** in its place', async () => {
    const { io } = await run({
      body: async (_inputs, secrets) => {
        secrets.add('111122223333');
        throw new StepFailure(
          'role-to-assume (arn:aws:iam::111122223333:role/deploy) is in an account that allowed-account-ids does not list',
        );
      },
    });
    expect(io.errors).toEqual(['role-to-assume (arn:aws:iam::***:role/deploy) is in an account that allowed-account-ids does not list']);
  });

  test("the body gets the run context, read once from the step's environment", async () => {
    const { body } = await run({ env: { GITHUB_RUN_ID: '42', GITHUB_REPOSITORY: 'octo-org/app', GITHUB_RUN_ATTEMPT: '' } });
    expect(body.mock.calls[0]?.[2]).toMatchObject({ runId: '42', repository: 'octo-org/app', runAttempt: undefined });
  });

  test('any other error is redacted of every registered secret and put on one line', async () => {
    const { io } = await run({
      body: async () => {
        throw new Error(`socket hang up\n::set-output name=x::${EXAMPLE_KEY.secretAccessKey} for ${EXAMPLE_KEY.accessKeyId}`);
      },
    });
    expect(io.errors).toHaveLength(1);
    expect(io.errors[0]).toBe('socket hang up ::set-output name=x::*** for ***');
  });

  test('secrets the body registered are redacted too, and a thrown non-Error is printed as text', async () => {
    const token = 'FwoGZXIvYXdzSESSIONTOKEN';
    const { io } = await run({
      body: async (_inputs, secrets) => {
        secrets.add(token);
        throw `refused ${token}`;
      },
    });
    expect(io.masks).toContain(token);
    expect(io.errors).toEqual(['refused ***']);
  });
});

describe('writeSummary', () => {
  test('appends the markdown', async () => {
    const io = recordingIo();
    await writeSummary(io, '### done', new Secrets(io));
    expect(io.summary).toEqual(['### done']);
  });

  test('a summary that cannot be written is a redacted warning, never a failure', async () => {
    const io = recordingIo({ summaryError: new Error(`EACCES ${EXAMPLE_KEY.secretAccessKey}`) });
    const secrets = new Secrets(io);
    secrets.add(EXAMPLE_KEY.secretAccessKey);
    await writeSummary(io, '### done', secrets);
    expect(io.failed).toBe(false);
    expect(io.annotations).toEqual([{ severity: 'warning', message: 'Could not write the job summary: Error: EACCES ***' }]);
  });
});
