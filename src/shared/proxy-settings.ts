import { describeInputProblems } from './input-problems.js';
import { proxyTexts } from './messages/proxy.js';
import { StepFailure } from './step-failure.js';

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

/** The shortest value registered as a mask, as redact() cuts out no shorter one: a shorter one stars innocent text. */
const MIN_SECRET_LENGTH = 4;

/** A proxy URL as the agents read it (proxy-from-env puts a scheme before a bare HOST:PORT), if they can use it. */
function parseProxyUrl(value: string): URL | undefined {
  const url = value.includes('://') ? value : `http://${value}`;
  return isProxyUrl(url) ? new URL(url) : undefined;
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // A malformed escape: the value as written is all there is to mask.
  }
}

/**
 * A proxy URL's credentials in every form a log line could show them (as written, decoded, and as
 * the URL parser re-encodes them): the whole user info (`USER:PASSWORD`), and the password, or the
 * user name when there is no password (a token used as the user). The user info ends at the last
 * `@` of the authority, so an unencoded `@` in a password is masked whole; in a URL that does not
 * parse (an unencoded `/` in the password), at the last `@` of all. A piece shorter than
 * MIN_SECRET_LENGTH is not registered on its own: the whole user info around it still is.
 */
export function proxySecrets(proxyUrl: string): string[] {
  const parsed = parseProxyUrl(proxyUrl);
  const rest = proxyUrl.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = parsed ? (rest.split(/[/?#]/, 1)[0] ?? '') : rest;
  const at = authority.lastIndexOf('@');
  if (at < 0) return [];
  const userInfo = authority.slice(0, at);
  const colon = userInfo.indexOf(':');
  const secret = colon < 0 ? userInfo : userInfo.slice(colon + 1);
  if (secret === '') return [];
  const pieces = [userInfo, secret];
  if (parsed)
    pieces.push(parsed.password === '' ? parsed.username : `${parsed.username}:${parsed.password}`, parsed.password || parsed.username);
  return [...new Set(pieces.flatMap((piece) => [piece, decoded(piece)]))].filter((piece) => piece.length >= MIN_SECRET_LENGTH);
}

/** The proxy as messages name it: scheme, user name and host, the password (or a token user) as `***`. */
export function proxyForDisplay(proxyUrl: string): string {
  const url = parseProxyUrl(proxyUrl);
  if (!url) return 'a proxy whose URL does not parse';
  const credentials = url.password !== '' ? `${url.username}:***@` : url.username !== '' ? '***@' : '';
  return `${url.protocol}//${credentials}${url.host}`;
}

/** Where each proxy variable that applies came from: the input, or the runner's variable as it is spelled. */
function proxySources(env: Readonly<Record<string, string | undefined>>, inputs: ProxyInputs): Array<{ name: string; value: string }> {
  if (inputs.httpProxy !== undefined) return [{ name: 'http-proxy', value: inputs.httpProxy }];
  return ['https_proxy', 'http_proxy', 'all_proxy'].map((name) => {
    const spelled = env[name] ? name : name.toUpperCase();
    return { name: spelled, value: env[spelled] ?? '' };
  });
}

/**
 * The proxy variables that apply, every credential in them registered as a secret first; one input
 * error, naming the variable and never its value, when one is not a URL the agents can use.
 */
export function maskedProxyVariables(
  env: Readonly<Record<string, string | undefined>>,
  inputs: ProxyInputs,
  mask: (value: string) => void,
): ProxyVariables {
  const sources = proxySources(env, inputs).filter((source) => source.value !== '');
  for (const source of sources) proxySecrets(source.value).forEach(mask);
  const unusable = sources.find((source) => !parseProxyUrl(source.value));
  if (unusable) throw new StepFailure(describeInputProblems([proxyTexts.notAUrl(unusable.name)]));
  return proxyVariables(env, inputs);
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
