import { describe, expect, test } from '@jest/globals';
import { maskedProxyVariables, proxyForDisplay, proxySecrets } from '../../src/shared/proxy-settings.js';
import { redact } from '../../src/shared/redact.js';
import { StepFailure } from '../../src/shared/step-failure.js';

describe('proxySecrets', () => {
  test('the whole user info and the password, each as written and decoded', () => {
    expect(proxySecrets('http://ci:Pr0xy-S3cret%21@proxy.corp:3128')).toEqual([
      'ci:Pr0xy-S3cret%21',
      'ci:Pr0xy-S3cret!',
      'Pr0xy-S3cret%21',
      'Pr0xy-S3cret!',
    ]);
  });

  test('a URL without a scheme, as proxy-from-env accepts it', () => {
    expect(proxySecrets('ci:hunter2@proxy.corp:3128')).toEqual(['ci:hunter2', 'hunter2']);
  });

  test('an unencoded @ in the password: masked whole, also as the URL parser re-encodes it', () => {
    expect(proxySecrets('http://ci:p@ss@proxy.corp:3128/')).toEqual(['ci:p@ss', 'p@ss', 'ci:p%40ss', 'p%40ss']);
  });

  test('a token as the user name, with no password', () => {
    expect(proxySecrets('https://ghp_token123@proxy.corp')).toEqual(['ghp_token123']);
  });

  test('no credentials, or an @ only in the path: nothing to mask', () => {
    expect(proxySecrets('http://proxy.corp:3128')).toEqual([]);
    expect(proxySecrets('http://proxy.corp:3128/a@b')).toEqual([]);
    expect(proxySecrets('http://ci:@proxy.corp')).toEqual([]);
    expect(proxySecrets('')).toEqual([]);
  });

  test('never a piece shorter than 4 characters: a one-letter password is masked only inside its user info', () => {
    expect(proxySecrets('http://ci:p@proxy.corp:3128')).toEqual(['ci:p']);
    expect(proxySecrets('http://u:abc@proxy.corp:3128')).toEqual(['u:abc']);
  });

  test('an unencoded / in the password (the URL does not parse): the user info up to the last @, whole', () => {
    const masks = proxySecrets('http://ci:p/ss@proxy.corp:3128');
    expect(masks).toEqual(['ci:p/ss', 'p/ss']);
    // What the runner's masks then do to an innocent error line: no lone "p" is starred.
    expect(redact('GET http://example.com/path failed: connection reset by peer', masks)).toBe(
      'GET http://example.com/path failed: connection reset by peer',
    );
  });
});

describe('proxyForDisplay', () => {
  test('the password, or a token user, as ***; the rest as the agents read it', () => {
    expect(proxyForDisplay('http://ci:Pr0xy-S3cret%21@proxy.corp:3128')).toBe('http://ci:***@proxy.corp:3128');
    expect(proxyForDisplay('https://ghp_token123@proxy.corp')).toBe('https://***@proxy.corp');
    expect(proxyForDisplay('proxy.corp:3128')).toBe('http://proxy.corp:3128');
  });
});

describe('maskedProxyVariables', () => {
  test("masks the credentials of every variable that applies, the inputs replacing the runner's", () => {
    const masked: string[] = [];
    maskedProxyVariables({ HTTPS_PROXY: 'http://u:one1@p:1', http_proxy: 'u:two2@p:2', ALL_PROXY: 'http://u:three@p:3' }, {}, (value) =>
      masked.push(value),
    );
    expect(masked).toEqual(['u:one1', 'one1', 'u:two2', 'two2', 'u:three', 'three']);
    const replaced: string[] = [];
    maskedProxyVariables({ HTTPS_PROXY: 'http://u:runner@p:1' }, { httpProxy: 'http://u:input@p:1' }, (value) => replaced.push(value));
    expect(replaced).toEqual(['u:input', 'input']);
  });

  test('a proxy variable that is not a URL: one input error naming the variable, never its value, after its credentials were masked', () => {
    const masked: string[] = [];
    const failure = (() => {
      try {
        maskedProxyVariables({ https_proxy: 'http://ci:p/ss@proxy.corp:3128' }, {}, (value) => masked.push(value));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(failure).toBeInstanceOf(StepFailure);
    expect((failure as Error).message).toMatch(/^Invalid input https_proxy: is not a proxy URL this step can use/);
    expect((failure as Error).message).not.toContain('proxy.corp');
    expect((failure as Error).message).not.toContain('p/ss');
    expect(masked).toEqual(['ci:p/ss', 'p/ss']);
  });
});
