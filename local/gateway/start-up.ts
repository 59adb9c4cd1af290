import type { Refusal } from './exchange';

/**
 * Assumption [gateway-starting-503]: Twilio does not document what a service that is not ready
 * yet answers; until the Functions behind it are ready, the gateway answers every path 503
 * Service Unavailable with Retry-After (RFC 9110 15.6.4: the status for a server that cannot
 * answer yet, and the header that says when to try again), here one second.
 */
export const NOT_READY: Refusal = {
  status: 503,
  message: 'Service Unavailable: the Functions are starting; try again in a moment',
  headers: { 'Retry-After': '1', 'Cache-Control': 'no-store' },
};

/** A target the gateway was given that is not an http URL. */
export class GatewayTargetError extends Error {
  constructor(target: string, options?: { cause?: unknown }) {
    super(`The gateway's target must be an http:// URL, not "${target}"`, options);
    this.name = 'GatewayTargetError';
  }
}

/** The Functions server's base URL, checked and without a trailing slash. */
export function checkedTarget(target: string): string {
  let url: URL;
  try {
    url = new URL(target);
  } catch (error) {
    throw new GatewayTargetError(target, { cause: error });
  }
  if (url.protocol !== 'http:') throw new GatewayTargetError(target);
  return target.replace(/\/+$/, '');
}
