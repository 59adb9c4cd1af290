import { isLoopbackHost } from './twilio/loopback';

/**
 * The absolute base URL of this service, from the runtime's DOMAIN_NAME. Deployed services are
 * always served over https; the local server (localhost or 127.x) is plain http.
 */
export function serviceBaseUrl(domainName: unknown): string {
  const host = (typeof domainName === 'string' ? domainName : '')
    .replace(/^https?:\/\//i, '')
    .replace(/\/+$/, '');
  if (host === '') return 'http://localhost:3000';
  return `${isLoopbackHost(host) ? 'http' : 'https'}://${host}`;
}

// A path inside this service: starts with one slash, plain URL characters only, an optional
// query string, and no `..` segment, so it can never leave the service.
const SERVICE_PATH = /^\/(?!\/)[A-Za-z0-9\-._~/]*(\?[A-Za-z0-9\-._~%=&+]*)?$/;

export function isServicePath(value: string): boolean {
  if (!SERVICE_PATH.test(value)) return false;
  const pathOnly = value.split('?')[0];
  return !pathOnly.split('/').some((segment) => segment === '..' || segment === '.');
}

export const SERVICE_PATH_RULE =
  'must be a path inside this service, starting with a single / (no scheme, no //, no ..)';

/**
 * A value as a query string carries it (application/x-www-form-urlencoded, as URLSearchParams
 * writes it): only letters, digits and `*-._` as they are, a space as `+`. Written out rather
 * than with URLSearchParams, whose first use costs a cold start a third of a millisecond.
 */
function formEncode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()~]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Appends parameters to a path or URL that may already carry a query string; empty ones are left out. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const encoded = Object.entries(params)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .map(([name, value]) => `${formEncode(name)}=${formEncode(value)}`)
    .join('&');
  if (encoded === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${encoded}`;
}

/** An absolute http(s) URL, parsed; undefined for anything else. */
export function parseHttpUrl(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A configured value as it may appear in a message or a log: a URL's user name and password
 * (webhook credentials, as Twilio's HTTP-auth form `https://user:pass@host/` carries them) are
 * masked, since messages travel to TwiML, Studio and the logs.
 */
export function withoutCredentials(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@');
}
