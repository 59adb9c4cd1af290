import { errorMessage } from '../src/errors';
import { err, ok, type Result } from '../src/result';
import { isSid } from '../src/twilio/sids';
import type { LocalTwilio } from './stand-in/server';

/** The path under a running simulation's gateway that says where its local Twilio is. */
export const LOCAL_TWILIO_PATH = '/_simulate/twilio';

/**
 * Where a running simulation's local Twilio is and which credentials it takes: what GET
 * /_simulate/twilio answers, as JSON. The account and its token are made up for each run of the
 * stand-in (they are no real account's) and are only told on the local gateway.
 */
export interface LocalTwilioAccess {
  /** The REST stand-in's base URL: what TWILIO_API_BASE_URL takes (see src/twilio/rest-client.ts). */
  apiBaseUrl: string;
  accountSid: string;
  authToken: string;
}

export function localTwilioAccess(twilio: LocalTwilio): LocalTwilioAccess {
  return { apiBaseUrl: twilio.url, accountSid: twilio.accountSid, authToken: twilio.authToken };
}

/** The settings the project's REST client (createRestClient) takes to reach that local Twilio. */
export function restClientEnv(access: LocalTwilioAccess): Record<string, string> {
  return {
    ACCOUNT_SID: access.accountSid,
    AUTH_TOKEN: access.authToken,
    TWILIO_API_BASE_URL: access.apiBaseUrl,
  };
}

/** The answer read into a LocalTwilioAccess, or undefined when it is not one. */
function readAccess(body: unknown): LocalTwilioAccess | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { apiBaseUrl, accountSid, authToken } = body as Record<string, unknown>;
  if (typeof apiBaseUrl !== 'string' || !/^https?:\/\//.test(apiBaseUrl)) return undefined;
  if (!isSid('AccountSid', accountSid) || typeof authToken !== 'string' || authToken === '')
    return undefined;
  return { apiBaseUrl, accountSid, authToken };
}

/**
 * Asks a running simulation (`npm start`, at `server`, e.g. http://127.0.0.1:3000) where its
 * local Twilio is, for a command's `--server URL`. Every failure is a sentence for the user;
 * none repeats what the server answered, which may hold the token.
 */
export async function localTwilioOf(
  server: string,
  timeoutMs = 10_000,
): Promise<Result<LocalTwilioAccess, string>> {
  let url: URL;
  try {
    url = new URL(LOCAL_TWILIO_PATH, server);
  } catch {
    return err(`--server ${server}: not a URL (e.g. http://127.0.0.1:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return err(`--server ${server}: not an http:// URL`);
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return err(
      `no answer from ${url.origin} (${errorMessage(error)}): is npm start running there?`,
    );
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok)
    return err(
      `${url.origin} answered ${response.status} to ${LOCAL_TWILIO_PATH}: is it npm start's local Twilio?`,
    );
  const access = readAccess(body);
  return access
    ? ok(access)
    : err(`${url.origin} did not say where its local Twilio is: is it npm start's local Twilio?`);
}
