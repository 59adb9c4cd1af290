import type { Twilio } from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';
import { failure, type Failure } from '../failure';
import { err, ok, type Result } from '../result';
import { noteAnswerHeaders } from './answer-headers';
import { twilioLibrary } from './library';
import { rewriteToLoopback } from './loopback';

/** Clients kept per warm container: their agents keep connections (and TLS sessions) open. */
const MAX_CACHED_CLIENTS = 8;
const clients = new Map<string, Twilio>();

/** What the client needs to know: the account, where requests go, how long one may take. */
export interface RestClientSettings {
  credentials: Result<{ accountSid: string; authToken: string }, string>;
  apiBaseUrl?: string;
  restTimeoutMs: number;
}

/**
 * The one place a Twilio REST client is made. Retries are each caller's policy, so twilio-node's
 * own 429 retry stays off; `timeoutMs` bounds every request far inside the Function's
 * 10-second limit (twilio-node would wait 30 s).
 */
export function createRestClient(settings: RestClientSettings): Result<Twilio, Failure> {
  if (!settings.credentials.ok)
    return err(failure('missing-credentials', settings.credentials.error));
  const { accountSid, authToken } = settings.credentials.value;
  const base = settings.apiBaseUrl;
  const key = [accountSid, authToken, base ?? '', settings.restTimeoutMs].join('|');
  let client = clients.get(key);
  if (!client) {
    client = buildClient(accountSid, authToken, base, settings.restTimeoutMs);
    if (clients.size >= MAX_CACHED_CLIENTS) clients.clear();
    clients.set(key, client);
  }
  return ok(client);
}

function buildClient(
  accountSid: string,
  authToken: string,
  base: string | undefined,
  timeoutMs: number,
): Twilio {
  const twilio = twilioLibrary();

  class BoundedRequestClient extends twilio.RequestClient {
    request<TData>(opts: RequestClient.RequestOptions<TData>) {
      const uri = base ? rewriteToLoopback(opts.uri, base) : opts.uri;
      // The headers (Twilio's clock, Retry-After) go to whoever is noting them (answer-headers.ts).
      return super.request<TData>({ ...opts, uri, timeout: timeoutMs }).then((response) => {
        noteAnswerHeaders(response.headers);
        return response;
      });
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
  return new twilio.Twilio(accountSid, authToken, { httpClient });
}
