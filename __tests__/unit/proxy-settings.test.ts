import { describe, expect, test } from '@jest/globals';
import { maskedProxyVariables, proxySecrets } from '../../src/shared/proxy-settings.js';

describe('proxySecrets', () => {
  test('the password as written and decoded', () => {
    expect(proxySecrets('http://ci:Pr0xy-S3cret%21@proxy.corp:3128')).toEqual(['Pr0xy-S3cret%21', 'Pr0xy-S3cret!']);
  });

  test('a URL without a scheme, as proxy-from-env accepts it', () => {
    expect(proxySecrets('ci:hunter2@proxy.corp:3128')).toEqual(['hunter2']);
  });

  test('an unencoded @ in the password: masked whole, not only up to the @', () => {
    expect(proxySecrets('http://ci:p@ss@proxy.corp:3128/')).toEqual(['p@ss']);
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
});

describe('maskedProxyVariables', () => {
  test('masks the password of every variable that applies, the inputs replacing the runner\'s', () => {
    const masked: string[] = [];
    maskedProxyVariables({ HTTPS_PROXY: 'http://u:one@p:1', http_proxy: 'u:two@p:2', ALL_PROXY: 'http://u:three@p:3' }, {}, (value) => masked.push(value));
    expect(masked).toEqual(['one', 'two', 'three']);
    const replaced: string[] = [];
    maskedProxyVariables({ HTTPS_PROXY: 'http://u:runner@p:1' }, { httpProxy: 'http://u:input@p:1' }, (value) => replaced.push(value));
    expect(replaced).toEqual(['input', 'input']);
  });
});
