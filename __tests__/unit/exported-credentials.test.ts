import { describe, expect, test } from '@jest/globals';
import { exportedCredentialSecrets, readExportedCredentials } from '../../src/shared/exported-credentials.js';
import { EXAMPLE_KEY } from '../../test/support/fixtures.js';

const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLE+session/token==';

describe('the credentials an earlier step exported', () => {
  test('are read from the three variables only, trimmed, the session token optional', () => {
    expect(
      readExportedCredentials({
        AWS_ACCESS_KEY_ID: ` ${EXAMPLE_KEY.accessKeyId}\n`,
        AWS_SECRET_ACCESS_KEY: EXAMPLE_KEY.secretAccessKey,
        AWS_SESSION_TOKEN: TOKEN,
        AWS_PROFILE: 'other',
      }),
    ).toEqual({
      ok: true,
      credentials: { accessKeyId: EXAMPLE_KEY.accessKeyId, secretAccessKey: EXAMPLE_KEY.secretAccessKey, sessionToken: TOKEN },
    });
    expect(
      readExportedCredentials({
        AWS_ACCESS_KEY_ID: EXAMPLE_KEY.accessKeyId,
        AWS_SECRET_ACCESS_KEY: EXAMPLE_KEY.secretAccessKey,
        AWS_SESSION_TOKEN: '',
      }),
    ).toEqual({
      ok: true,
      credentials: { accessKeyId: EXAMPLE_KEY.accessKeyId, secretAccessKey: EXAMPLE_KEY.secretAccessKey, sessionToken: undefined },
    });
  });

  test('are missing when either key variable is empty (a profile is never read instead)', () => {
    expect(readExportedCredentials({ AWS_ACCESS_KEY_ID: EXAMPLE_KEY.accessKeyId, AWS_PROFILE: 'deploy' })).toEqual({
      ok: false,
      problem: 'missing',
    });
    expect(readExportedCredentials({ AWS_ACCESS_KEY_ID: '  ', AWS_SECRET_ACCESS_KEY: EXAMPLE_KEY.secretAccessKey })).toEqual({
      ok: false,
      problem: 'missing',
    });
  });

  test('name the first variable whose value has not the shape of its kind, never the value', () => {
    const keys = { AWS_ACCESS_KEY_ID: EXAMPLE_KEY.accessKeyId, AWS_SECRET_ACCESS_KEY: EXAMPLE_KEY.secretAccessKey };
    expect(readExportedCredentials({ ...keys, AWS_ACCESS_KEY_ID: 'not-a-key\n::warning::x' })).toEqual({
      ok: false,
      problem: 'shape',
      variable: 'AWS_ACCESS_KEY_ID',
    });
    expect(readExportedCredentials({ ...keys, AWS_SECRET_ACCESS_KEY: 'short' })).toEqual({
      ok: false,
      problem: 'shape',
      variable: 'AWS_SECRET_ACCESS_KEY',
    });
    expect(readExportedCredentials({ ...keys, AWS_SESSION_TOKEN: 'has spaces in it, not base64' })).toEqual({
      ok: false,
      problem: 'shape',
      variable: 'AWS_SESSION_TOKEN',
    });
  });

  test('give every non-empty value, trimmed, to be masked first', () => {
    expect(
      exportedCredentialSecrets({ AWS_ACCESS_KEY_ID: ` ${EXAMPLE_KEY.accessKeyId} `, AWS_SECRET_ACCESS_KEY: '', AWS_SESSION_TOKEN: TOKEN }),
    ).toEqual([EXAMPLE_KEY.accessKeyId, TOKEN]);
  });
});
