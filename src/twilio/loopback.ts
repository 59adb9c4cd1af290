const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}

/**
 * The loopback seam: when TWILIO_API_BASE_URL names a loopback address (the local Twilio
 * stand-in), requests for https://{product}.twilio.com/... go to {base}/{product}/... instead.
 * Any other value is ignored, so a deployed Function always talks to Twilio itself.
 */
export function loopbackBaseUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (!isLoopbackHost(url.host)) return undefined;
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return undefined;
  }
}

export function rewriteToLoopback(uri: string, base: string): string {
  const match = /^https:\/\/([a-z0-9.-]+)\.twilio\.com(\/.*)?$/i.exec(uri);
  if (!match) return uri;
  return `${base}/${match[1].toLowerCase()}${match[2] ?? ''}`;
}
