const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}

/**
 * The absolute base URL of this service, from the runtime's DOMAIN_NAME. Deployed services are
 * always served over https; the local server (localhost or 127.x) is plain http.
 */
export function serviceBaseUrl(domainName: string | undefined): string {
  const host = (domainName ?? '').replace(/^https?:\/\//i, '').replace(/\/+$/, '');
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
