/**
 * A webhook request as Twilio sends it: parameters in the body (POST) or the query (GET), and
 * X-Twilio-Signature computed with twilio-node's own helper over the URL Twilio requests (never
 * with a fragment: fragments are not sent over HTTP) and, for POST, the parameters.
 */
export interface SignedWebhook {
  authToken: string;
  url: string;
  method: 'GET' | 'POST';
  params: Record<string, string>;
  timeoutMs: number;
  headers?: Record<string, string>;
}

/** The URL a webhook requests: without its fragment, and with the parameters for GET. */
export function webhookRequestUrl(
  url: string,
  method: 'GET' | 'POST',
  params: Record<string, string>,
): string {
  const base = url.split('#')[0];
  if (method !== 'GET') return base;
  return `${base}${base.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
}

/** What came back: the status, the body as text, its Content-Type, and the URL requested. */
export interface WebhookAnswer {
  status: number;
  body: string;
  url: string;
  contentType?: string;
}

/** Sends it; throws on a network failure or when no answer came within `timeoutMs`. */
export async function sendSignedWebhook(webhook: SignedWebhook): Promise<WebhookAnswer> {
  const { getExpectedTwilioSignature } = require('twilio') as typeof import('twilio');
  const url = webhookRequestUrl(webhook.url, webhook.method, webhook.params);
  const post = webhook.method === 'POST';
  const response = await fetch(url, {
    method: webhook.method,
    headers: {
      'X-Twilio-Signature': getExpectedTwilioSignature(
        webhook.authToken,
        url,
        post ? webhook.params : {},
      ),
      ...(post ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      ...webhook.headers,
    },
    body: post ? new URLSearchParams(webhook.params).toString() : undefined,
    signal: AbortSignal.timeout(webhook.timeoutMs),
  });
  return {
    status: response.status,
    body: await response.text(),
    url,
    contentType: response.headers.get('content-type') ?? undefined,
  };
}
