import { createHash, timingSafeEqual } from 'node:crypto';
import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import type { Twilio } from 'twilio';
import type { Settings } from '../config/settings';

/** What the page's Functions read first: its password, and the account. */
export type PageAccess = Pick<Settings, 'twilio' | 'pagePassword'>;
import { failure } from '../failure';
import type { Headers } from '../runtime/function-handler';
import { failureResponse } from '../runtime/response';
import { createRestClient } from '../twilio/rest-client';
import { PAGE_HEADER } from './view';

/**
 * The page's Functions answer only a request carrying the password (HTTP Basic, any user
 * name). Browsers cannot sign requests as Twilio does, so these Functions are public and check
 * it themselves. Without a usable password they answer 404, as if they did not exist, so a
 * deployment that never set one exposes nothing. Returns the answer to give, or undefined to go on.
 */
function refuseWithoutPassword(settings: PageAccess, headers: Headers): TwilioResponse | undefined {
  const check = settings.pagePassword;
  if (check.state !== 'on') return failureResponse(failure('not-found', 'Not found'));
  if (sameSecret(passwordOf(headers.authorization), check.password)) return undefined;
  const fromPage = headers[PAGE_HEADER.name] === PAGE_HEADER.value;
  return failureResponse(
    failure('unauthorized', 'The password is missing or wrong'),
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
  settings: PageAccess,
  headers: Headers,
  answer: (client: Twilio) => Promise<TwilioResponse>,
): Promise<TwilioResponse> {
  const response = await answerWithClient(settings, headers, answer);
  response.appendHeader('Cache-Control', 'no-store');
  return response;
}

async function answerWithClient(
  settings: PageAccess,
  headers: Headers,
  answer: (client: Twilio) => Promise<TwilioResponse>,
): Promise<TwilioResponse> {
  const refused = refuseWithoutPassword(settings, headers);
  if (refused) return refused;
  const client = createRestClient(settings.twilio);
  return client.ok ? answer(client.value) : failureResponse(client.error);
}
