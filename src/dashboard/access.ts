import { createHash, timingSafeEqual } from 'node:crypto';
import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import type { Twilio } from 'twilio';
import { integerSetting } from '../config/defaults';
import { logEvent } from '../logger';
import type { Headers } from '../runtime/function-handler';
import { jsonResponse } from '../runtime/response';
import { createRestClient } from '../twilio/rest-client';
import { PAGE_HEADER } from './view';

/** Shorter passwords are a configuration error: the page would be too easy to guess into. */
export const MIN_PASSWORD_LENGTH = 16;

export type DashboardPasswordCheck =
  { state: 'off' } | { state: 'too-short'; length: number } | { state: 'on'; password: string };

/** Whether the page is on: only with a DASHBOARD_PASSWORD of at least 16 characters. */
export function dashboardPassword(env: Record<string, unknown>): DashboardPasswordCheck {
  const password = env.DASHBOARD_PASSWORD;
  if (typeof password !== 'string' || password === '') return { state: 'off' };
  if (password.length < MIN_PASSWORD_LENGTH) return { state: 'too-short', length: password.length };
  return { state: 'on', password };
}

/**
 * The page's Functions answer only a request carrying the password (HTTP Basic, any user
 * name). Browsers cannot sign requests as Twilio does, so these Functions are public and check
 * it themselves. Without a usable password they answer 404, as if they did not exist, so a
 * deployment that never set one exposes nothing. Returns the answer to give, or undefined to go on.
 */
function refuseWithoutPassword(
  env: Record<string, unknown>,
  headers: Headers,
): TwilioResponse | undefined {
  const check = dashboardPassword(env);
  if (check.state === 'too-short') {
    logEvent('error', 'dashboard.configuration-error', {
      field: 'DASHBOARD_PASSWORD',
      message: `is ${check.length} characters; it must be at least ${MIN_PASSWORD_LENGTH}, so the page stays off`,
    });
  }
  if (check.state !== 'on') {
    return jsonResponse(404, { error: 'not-found', message: 'Not found' });
  }
  if (sameSecret(passwordOf(headers.authorization), check.password)) return undefined;
  const fromPage = headers[PAGE_HEADER.name] === PAGE_HEADER.value;
  return jsonResponse(
    401,
    { error: 'unauthorized', message: 'The password is missing or wrong' },
    fromPage ? {} : { 'WWW-Authenticate': 'Basic realm="Call recordings", charset="UTF-8"' },
  );
}

/** The password of a Basic Authorization header (everything after the first colon). */
function passwordOf(header: string | string[] | undefined): string | undefined {
  if (typeof header !== 'string') return undefined;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? undefined : decoded.slice(colon + 1);
}

/** Compares in constant time, whatever the lengths (both sides are hashed first). */
function sameSecret(given: string | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  const match = timingSafeEqual(digest(given ?? ''), digest(expected));
  return given !== undefined && match;
}

/**
 * The start of each of the page's Functions: the password, then a REST client for the
 * account. Runs `answer` with the client, or answers why not (404, 401, 503). Whatever the
 * answer, no browser or proxy may keep it.
 */
export async function withDashboardClient(
  env: Record<string, unknown>,
  headers: Headers,
  answer: (client: Twilio) => Promise<TwilioResponse>,
): Promise<TwilioResponse> {
  const response = await answerWithClient(env, headers, answer);
  response.appendHeader('Cache-Control', 'no-store');
  return response;
}

async function answerWithClient(
  env: Record<string, unknown>,
  headers: Headers,
  answer: (client: Twilio) => Promise<TwilioResponse>,
): Promise<TwilioResponse> {
  const refused = refuseWithoutPassword(env, headers);
  if (refused) return refused;
  const client = createRestClient(env, { timeoutMs: integerSetting(env, 'REST_TIMEOUT_MS') });
  if (!client.ok) {
    return jsonResponse(503, { error: 'missing-credentials', message: client.error });
  }
  return answer(client.value);
}
