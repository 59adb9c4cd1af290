import { parseTwiml, type TwimlNode } from './twiml';

export interface WebhookAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Posts form parameters to a URL, with a deadline so that a hung Function fails the test. */
export async function postForm(
  url: string,
  params: Record<string, string>,
  options: { method?: 'GET' | 'POST'; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<WebhookAnswer> {
  const method = options.method ?? 'POST';
  const body = new URLSearchParams(params).toString();
  const target = method === 'GET' ? `${url}${url.includes('?') ? '&' : '?'}${body}` : url;
  const response = await fetch(target, {
    method,
    headers:
      method === 'POST'
        ? { 'content-type': 'application/x-www-form-urlencoded', ...options.headers }
        : options.headers,
    body: method === 'POST' ? body : undefined,
    signal: AbortSignal.timeout(options.timeoutMs ?? 12000),
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
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
