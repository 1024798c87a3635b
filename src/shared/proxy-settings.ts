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

/** A proxy URL's password in every form a log line could show it (as written and decoded). */
export function proxySecrets(proxyUrl: string): string[] {
  const password = /^[a-z][a-z0-9+.-]*:\/\/[^/@]*:([^/@]*)@/i.exec(proxyUrl)?.[1];
  if (!password) return [];
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // A malformed escape: the password as written is all there is to mask.
  }
  return [...new Set([password, decoded])];
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
