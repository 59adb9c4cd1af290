import type { LocalTwilio } from '../../local/stand-in/server';

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
  options: { product?: 'api' | 'sync'; auth?: boolean | string; signal?: AbortSignal } = {},
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
