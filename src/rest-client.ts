import type { Twilio } from 'twilio';
import { setting } from './config/defaults';
import { isLoopbackHost } from './config/service-url';
import { twilioLibrary } from './twilio-library';

import type RequestClient from 'twilio/lib/base/RequestClient';

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

export interface RestClientOptions {
  /** Upper bound for one request, in milliseconds. */
  timeoutMs: number;
}

export type RestClientResult = { ok: true; client: Twilio } | { ok: false; message: string };

/**
 * The one place a Twilio REST client is made. Retries are the caller's policy (see
 * recording/toggle.ts), so twilio-node's own 429 retry stays off; the timeout keeps every
 * request far inside the Function's 10-second limit (twilio-node would wait 30 s).
 */
export function createRestClient(
  env: Record<string, unknown>,
  options: RestClientOptions,
): RestClientResult {
  const accountSid = typeof env.ACCOUNT_SID === 'string' ? env.ACCOUNT_SID : '';
  const authToken = typeof env.AUTH_TOKEN === 'string' ? env.AUTH_TOKEN : '';
  if (!/^AC[0-9a-f]{32}$/.test(accountSid) || authToken === '') {
    return {
      ok: false,
      message:
        'ACCOUNT_SID and AUTH_TOKEN must be set (deployed: enable "Add my Twilio Credentials"; locally: .env)',
    };
  }
  const base = loopbackBaseUrl(env.TWILIO_API_BASE_URL);
  // Reused across warm invocations: its agent keeps connections (and TLS sessions) open.
  const key = [accountSid, authToken, base ?? '', options.timeoutMs].join('|');
  let client = clients.get(key);
  if (!client) {
    client = buildClient(accountSid, authToken, base, options.timeoutMs);
    if (clients.size >= MAX_CACHED_CLIENTS) clients.clear();
    clients.set(key, client);
  }
  return { ok: true, client };
}

const MAX_CACHED_CLIENTS = 8;
const clients = new Map<string, Twilio>();

function buildClient(
  accountSid: string,
  authToken: string,
  base: string | undefined,
  timeoutMs: number,
): Twilio {
  const lib = twilioLibrary();

  class BoundedRequestClient extends lib.RequestClient {
    request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const uri = base ? rewriteToLoopback(opts.uri, base) : opts.uri;
      return super.request<TData>({ ...opts, uri, timeout: timeoutMs });
    }
  }

  const httpClient = new BoundedRequestClient({ timeout: timeoutMs, autoRetry: false });
  if (base?.startsWith('http:')) {
    // twilio-node only configures an https agent; keep loopback connections alive the same way.
    const { Agent } = require('node:http') as typeof import('node:http');
    (
      httpClient as unknown as { axios: { defaults: { httpAgent: unknown } } }
    ).axios.defaults.httpAgent = new Agent({ keepAlive: true, timeout: timeoutMs });
  }
  return new lib.Twilio(accountSid, authToken, { httpClient });
}

export function restTimeoutMs(env: Record<string, unknown>): number {
  return boundedInteger(setting(env, 'REST_TIMEOUT_MS'), 3000, 250, 9000);
}

export function toggleBudgetMs(env: Record<string, unknown>): number {
  return boundedInteger(setting(env, 'TOGGLE_BUDGET_MS'), 7000, 500, 9000);
}

function boundedInteger(raw: string, fallback: number, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
