import type { LocalTwilio } from '../../local/stand-in/server';
import { rewriteToLoopback } from '../../src/twilio/loopback';

export interface StandInAnswer {
  status: number;
  body: { code?: number; message?: string; more_info?: string; status?: number } & Record<
    string,
    unknown
  >;
  headers: Headers;
}

/**
 * One raw HTTP request to the stand-in's API (`api` or `sync`), for what twilio-node would
 * never send: misspelt or unknown parameters, bad values, wrong credentials, odd paths.
 */
export async function standInRequest(
  twilio: LocalTwilio,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  params: Record<string, string | string[]> = {},
  options: {
    product?: 'api' | 'sync' | 'serverless';
    auth?: boolean | string;
    signal?: AbortSignal;
  } = {},
): Promise<StandInAnswer> {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const one of ([] as string[]).concat(value)) form.append(name, one);
  const url = `${twilio.url}/${options.product ?? 'api'}${path}${method === 'GET' && form.size > 0 ? `?${form}` : ''}`;
  const credentials =
    typeof options.auth === 'string' ? options.auth : `${twilio.accountSid}:${twilio.authToken}`;
  const response = await fetch(url, {
    method,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(options.auth === false
        ? {}
        : { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` }),
    },
    body: method === 'POST' ? form.toString() : undefined,
    signal: options.signal ?? AbortSignal.timeout(5000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
}

/** The path of an account's resource in the 2010 API, e.g. `/Calls/CA….json`. */
export const accountPath = (twilio: LocalTwilio, rest: string) =>
  `/2010-04-01/Accounts/${twilio.accountSid}${rest}`;

/** Waits, for at most two seconds, until the stand-in is serving exactly `count` requests. */
export async function untilInFlight(twilio: LocalTwilio, count: number): Promise<void> {
  const deadline = Date.now() + 2000;
  while (twilio.requestsInFlight() !== count) {
    if (Date.now() > deadline) throw new Error(`never ${count} requests in flight`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Takes one of the account's concurrent-request slots with a request the stand-in never
 * answers (a `hang` fault; call it with no other request in flight), and returns the release.
 */
export async function holdAccountSlot(
  twilio: LocalTwilio,
  product: 'api' | 'sync' = 'api',
): Promise<() => Promise<void>> {
  twilio.injectFault({ effect: { kind: 'hang' } });
  const abort = new AbortController();
  const path =
    product === 'api'
      ? accountPath(twilio, `/Calls/CA${'0'.repeat(32)}.json`)
      : '/v1/Services/default/Maps/held';
  const pending = standInRequest(twilio, 'GET', path, {}, { product, signal: abort.signal }).catch(
    () => undefined,
  );
  await untilInFlight(twilio, 1);
  return async () => {
    abort.abort();
    await pending;
    await untilInFlight(twilio, 0);
  };
}

export interface StandInDownload {
  status: number;
  contentType: string;
  bytes: Buffer;
}

/**
 * Downloads what a Twilio URL (`https://api.twilio.com/...`, e.g. a RecordingUrl or media_url)
 * serves, from the stand-in, as a client with the account's credentials would; raw bytes.
 */
export async function standInDownload(
  twilio: LocalTwilio,
  twilioUrl: string,
  options: { auth?: boolean | string } = {},
): Promise<StandInDownload> {
  const credentials =
    typeof options.auth === 'string' ? options.auth : `${twilio.accountSid}:${twilio.authToken}`;
  const response = await fetch(rewriteToLoopback(twilioUrl, twilio.url), {
    headers:
      options.auth === false
        ? {}
        : { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` },
    signal: AbortSignal.timeout(10_000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}
