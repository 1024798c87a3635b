/**
 * Which proxy variables apply to the step's AWS calls: the runner's HTTPS_PROXY / https_proxy,
 * HTTP_PROXY / http_proxy and NO_PROXY / no_proxy, unless the http-proxy and no-proxy inputs
 * replace them. The result is what proxy-from-env reads, in its lower-case names.
 */
export interface ProxyInputs {
  httpProxy?: string;
  noProxy?: string;
}

export type ProxyVariables = Record<'https_proxy' | 'http_proxy' | 'all_proxy' | 'no_proxy', string>;

const pick = (env: Readonly<Record<string, string | undefined>>, name: string) => env[name.toLowerCase()] || env[name.toUpperCase()] || '';

export function proxyVariables(env: Readonly<Record<string, string | undefined>>, inputs: ProxyInputs): ProxyVariables {
  return {
    https_proxy: inputs.httpProxy ?? pick(env, 'https_proxy'),
    http_proxy: inputs.httpProxy ?? pick(env, 'http_proxy'),
    all_proxy: inputs.httpProxy === undefined ? pick(env, 'all_proxy') : '',
    no_proxy: inputs.noProxy ?? pick(env, 'no_proxy'),
  };
}

export function usesProxy(variables: ProxyVariables): boolean {
  return variables.https_proxy !== '' || variables.http_proxy !== '' || variables.all_proxy !== '';
}

/**
 * A proxy URL's secret in every form a log line could show it (as written and decoded): the
 * password, or the user name when there is no password (a token used as the user). The URL is read
 * as proxy-from-env reads it, with or without a scheme, and the credentials end at the last `@`
 * before the host, so an unencoded `@` in a password is masked whole.
 */
export function proxySecrets(proxyUrl: string): string[] {
  const authority = proxyUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').split(/[/?#]/, 1)[0] ?? '';
  const at = authority.lastIndexOf('@');
  if (at < 0) return [];
  const credentials = authority.slice(0, at);
  const colon = credentials.indexOf(':');
  const secret = colon < 0 ? credentials : credentials.slice(colon + 1);
  if (secret === '') return [];
  let decoded = secret;
  try {
    decoded = decodeURIComponent(secret);
  } catch {
    // A malformed escape: the secret as written is all there is to mask.
  }
  return [...new Set([secret, decoded])];
}

/** The proxy variables that apply, every password in them registered as a secret first. */
export function maskedProxyVariables(env: Readonly<Record<string, string | undefined>>, inputs: ProxyInputs, mask: (value: string) => void): ProxyVariables {
  const variables = proxyVariables(env, inputs);
  for (const url of [variables.https_proxy, variables.http_proxy, variables.all_proxy]) proxySecrets(url).forEach(mask);
  return variables;
}

/** The http-proxy input's rule: an http or https URL with a host. */
export function isProxyUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
