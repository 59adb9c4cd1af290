import { parseTwiml, type TwimlNode } from './twiml';

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
  headers: Headers;
}

/**
 * Sends parameters to a URL as Twilio or a browser would: a form body (a repeated field for an
 * array), the query string for GET, or with `json` a JSON body. It has a deadline, so that a
 * hung Function fails the test.
 */
export async function postForm(
  url: string,
  params: Record<string, string | string[]>,
  options: {
    method?: 'GET' | 'POST';
    headers?: Record<string, string>;
    timeoutMs?: number;
    json?: boolean;
  } = {},
): Promise<WebhookAnswer> {
  const method = options.method ?? 'POST';
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    for (const one of ([] as string[]).concat(value)) form.append(name, one);
  const query = method === 'GET' && form.size > 0 ? `${url.includes('?') ? '&' : '?'}${form}` : '';
  const response = await fetch(`${url}${query}`, {
    method,
    headers:
      method === 'POST'
        ? {
            'content-type': options.json ? 'application/json' : 'application/x-www-form-urlencoded',
            ...options.headers,
          }
        : options.headers,
    body: method === 'POST' ? (options.json ? JSON.stringify(params) : form.toString()) : undefined,
    signal: AbortSignal.timeout(options.timeoutMs ?? 12000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
    headers: response.headers,
  };
}

/** Posts a voice webhook and parses the TwiML it answers with. */
export async function postTwiml(url: string, params: Record<string, string>): Promise<TwimlNode[]> {
  const answer = await postForm(url, params);
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${answer.body}`);
  expectXml(answer.contentType);
  return parseTwiml(answer.body);
}

function expectXml(contentType: string): void {
  if (!/xml/.test(contentType)) throw new Error(`expected TwiML, got ${contentType}`);
}
