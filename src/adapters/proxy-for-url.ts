import { getProxyForUrl } from 'proxy-from-env';
import type { ProxyVariables } from '../shared/proxy-settings.js';

/**
 * The proxy that applies to `url` ('' for none). proxy-from-env reads process.env only; the variables that apply (the inputs may replace the
 * runner's) are put there for the one synchronous call and then restored.
 */
export function proxyFor(url: string, variables: ProxyVariables): string {
  const names = Object.keys(variables).flatMap((name) => [name, name.toUpperCase()]);
  const saved = names.map((name) => [name, process.env[name]] as const);
  try {
    for (const name of names) delete process.env[name];
    for (const [name, value] of Object.entries(variables)) if (value !== '') process.env[name] = value;
    return getProxyForUrl(url);
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
