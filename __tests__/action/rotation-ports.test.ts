/**
 * The rotation's run(io, commandLine, deps) through in-memory fakes of its ports only
 * (src/rotation/ports.ts): no IAM, no STS, no GitHub. What the flow itself decides for a key due
 * for rotation: a new key, proved before anything stores it, then both secrets written with it,
 * the old key left working for the deploys still using it, and no secret in the log.
 */
import { describe, expect, test } from '@jest/globals';
import { parseCommandLine } from '../../src/rotation/command-line.js';
import type { KeyAdmin, KeyProbe, KeyState, NewAccessKey, RotationDeps, SecretStore, UserTag } from '../../src/rotation/ports.js';
import { run } from '../../src/rotation/run.js';
import type { Secrets } from '../../src/shared/secrets.js';
import { recordingIo } from '../../test/support/recording-io.js';

const ACCOUNT = '111122223333';
const USER = 'sam-cli-user';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/deploy`;
const OLD = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
const NEW = { accessKeyId: 'AKIANEWKEYNEWKEYEXAM', secretAccessKey: 'newSecretAccessKeyOfTheRotatedKey0000000' };
const DAY = 24 * 60 * 60 * 1000;
const START = Date.parse('2026-03-01T12:00:00Z');

/** One IAM user with one key 60 days old, and the GitHub secrets that hold it, written since. */
function fakeWorld(argv: string[]) {
  const commandLine = parseCommandLine(argv);
  const keys: KeyState[] = [{ accessKeyId: OLD.accessKeyId, status: 'Active', createDate: new Date(START - 60 * DAY) }];
  const tags = new Map<string, string>();
  const stored = new Map([
    ['AWS_ACCESS_KEY_ID', { value: OLD.accessKeyId, at: new Date(START - DAY) }],
    ['AWS_SECRET_ACCESS_KEY', { value: OLD.secretAccessKey, at: new Date(START - DAY) }],
  ]);
  const calls: string[] = [];
  // The command line's Io reads the options as inputs.
  const io = recordingIo({ inputs: Object.fromEntries(commandLine.flags), now: START });
  const now = () => new Date(io.clock.now());
  const deps = (secrets: Secrets): RotationDeps => {
    const keyAdmin: KeyAdmin = {
      now,
      callerArn: async () => `arn:aws:iam::${ACCOUNT}:user/rotator`,
      accountOfCaller: async () => ACCOUNT,
      listKeys: async () => keys.map((key) => ({ ...key })),
      userTags: async () => new Map(tags),
      createKey: async (): Promise<NewAccessKey> => {
        calls.push('createKey');
        secrets.add(NEW.secretAccessKey);
        keys.push({ accessKeyId: NEW.accessKeyId, status: 'Active', createDate: now() });
        return { ...NEW, createDate: now() };
      },
      setKeyStatus: async (_user, id, status) => {
        calls.push(`setKeyStatus ${id} ${status}`);
        for (const key of keys) if (key.accessKeyId === id) key.status = status;
      },
      deleteKey: async (_user, id) => {
        calls.push(`deleteKey ${id}`);
      },
      tagUser: async (_user, added: UserTag[]) => {
        for (const { key, value } of added) tags.set(key, value);
      },
      untagUser: async (_user, removed) => {
        for (const key of removed) tags.delete(key);
      },
      putRolePolicy: async () => undefined,
    };
    const keyProbe: KeyProbe = {
      callerArn: async (key) => (calls.push(`probe callerArn ${key.accessKeyId}`), `arn:aws:iam::${ACCOUNT}:user/${USER}`),
      assumeRole: async (key) => (calls.push(`probe assumeRole ${key.accessKeyId}`), `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/probe`),
    };
    const secretStore = async (): Promise<SecretStore> => ({
      now,
      updatedAt: async (names) =>
        new Map(
          names.flatMap((name) => {
            const held = stored.get(name);
            return held ? [[name, held.at] as const] : [];
          }),
        ),
      write: async (name, value) => {
        calls.push(`write ${name}`);
        stored.set(name, { value, at: now() });
      },
    });
    return { keyAdmin, keyProbe, secretStore };
  };
  return { io, commandLine, deps, keys, stored, calls };
}

describe('rotation run(io, commandLine, deps) on its ports', () => {
  test('rotate: a new key, proved, then stored; the old key stays active; no secret in the log', async () => {
    const { io, commandLine, deps, keys, stored, calls } = fakeWorld([
      'rotate',
      '--user-name',
      USER,
      '--repo',
      'octo-org/app',
      '--role-to-assume',
      ROLE,
      '--region',
      'eu-west-1',
    ]);
    const code = await run(io, commandLine, deps);
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    const firstWrite = calls.findIndex((call) => call.startsWith('write '));
    expect(calls.indexOf('createKey')).toBeGreaterThanOrEqual(0);
    expect(calls.indexOf(`probe assumeRole ${NEW.accessKeyId}`)).toBeGreaterThan(calls.indexOf('createKey'));
    expect(firstWrite).toBeGreaterThan(calls.indexOf(`probe assumeRole ${NEW.accessKeyId}`));
    expect(stored.get('AWS_ACCESS_KEY_ID')?.value).toBe(NEW.accessKeyId);
    expect(stored.get('AWS_SECRET_ACCESS_KEY')?.value).toBe(NEW.secretAccessKey);
    expect(keys.map(({ accessKeyId, status }) => `${accessKeyId} ${status}`)).toEqual([
      `${OLD.accessKeyId} Active`,
      `${NEW.accessKeyId} Active`,
    ]);
    expect(io.masks).toContain(NEW.secretAccessKey);
    expect(io.log({ debug: true })).not.toContain(NEW.secretAccessKey);
  });

  test('rotate refuses a target that is the caller itself, before any write', async () => {
    const { io, commandLine, deps, calls } = fakeWorld([
      'rotate',
      '--user-name',
      'rotator',
      '--repo',
      'octo-org/app',
      '--role-to-assume',
      ROLE,
      '--region',
      'eu-west-1',
    ]);
    const code = await run(io, commandLine, deps);
    expect(code).not.toBe(0);
    expect(io.errors.join('\n')).toMatch(/rotator/);
    expect(calls).toEqual([]);
  });
});
