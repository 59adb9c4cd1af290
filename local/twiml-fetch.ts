import { errorMessage } from '../src/errors';
import { localWebhookUrl } from './call-routing';
import { shorten, type CallTranscript } from './call-transcript';
import type { SimulatedCall } from './contracts';
import { sendSignedWebhook, type WebhookAnswer } from './signed-webhook';
import type { LocalTwilio } from './stand-in/server';
import { answerKind, verbsOfAnswer } from './twiml-answer';
import type { TwimlNode } from './twiml-document';

/**
 * Twilio "will wait for a total of 15 seconds to receive an HTTP response" to a webhook, the
 * connection included; past that the request fails with error 11205
 * (twilio.com/docs/api/errors/11205).
 */
export const WEBHOOK_DEADLINE_MS = 15_000;

/**
 * "In your response to Twilio's request, the response body is larger than 64 kB": error 11750
 * (twilio.com/docs/api/errors/11750).
 * Assumption [twiml-limit-decimal]: TwiML's 64 kB is read as 64,000 bytes, the stricter reading.
 */
export const MAX_TWIML_BYTES = 64_000;

/**
 * Twilio's errors for a TwiML request that fails (twilio.com/docs/api/errors/NNNNN): 11200 HTTP
 * retrieval failure (among its causes: "Web server returned a 4xx or 5xx HTTP response"), 11205
 * the 15-second timeout, 12100 a document Twilio cannot parse, 11750 a body over 64 kB, 12300
 * an answer of a type Twilio cannot read, or of no type ("You must return a Content-Type for all
 * requests").
 */
export const TWIML_ERRORS = {
  retrieval: 11200,
  timeout: 11205,
  parse: 12100,
  tooLarge: 11750,
  contentType: 12300,
} as const;

export type Method = 'GET' | 'POST';

/** A TwiML request's outcome: its verbs, a failure Twilio names with a code, or no request. */
type Fetched =
  { verbs: TwimlNode[] } | { failed: { code: number; text: string } } | { unreachable: true };

const failed = (code: number, text: string): Fetched => ({ failed: { code, text } });

/** What a call's TwiML requests are made with. */
export interface WebhookContext {
  twilio: LocalTwilio;
  gatewayUrl: string;
  call: SimulatedCall;
  transcript: CallTranscript;
  /** Real milliseconds a webhook may take. */
  deadlineMs: number;
  /** The number's voice fallback URL and method, when it has one. */
  fallback?: { url: string; method: Method };
}

/**
 * The TwiML requests of one call, as Twilio's voice engine makes them: signed, with the
 * parameters Twilio sends, each failing as Twilio's does (a non-2xx answer, no answer within
 * 15 s, a body over 64 kB, a document that does not parse), and falling back to the number's
 * voice fallback URL when one fails.
 */
export class TwimlFetcher {
  /** Requests made so far, fallbacks included. */
  webhooks = 0;

  constructor(private readonly context: WebhookContext) {}

  /**
   * One TwiML request of the call, with the number's fallback URL when it fails: Twilio's
   * "application error" message is not modelled, so a failure with nowhere to fall back to
   * ends the call (undefined).
   */
  async fetch(
    url: string,
    method: Method,
    extra: Record<string, string>,
    maxWebhooks: number,
  ): Promise<{ verbs: TwimlNode[]; url: string } | undefined> {
    const fetched = await this.request(url, method, extra);
    if ('verbs' in fetched) return { verbs: fetched.verbs, url };
    if ('unreachable' in fetched) return undefined;
    const { transcript, fallback } = this.context;
    transcript.note('error', `${fetched.failed.code} ${fetched.failed.text}`);
    if (!fallback || url === fallback.url || this.webhooks >= maxWebhooks) return undefined;
    // Assumption [fallback-request-params]: the fallback request carries what the failed
    // request carried, plus ErrorCode and ErrorUrl (the page names only those two), and Twilio
    // falls back from any failed TwiML request of the call ("a fatal error while executing your
    // call"), not only the first; a failing fallback is not retried.
    const fallenBack = await this.request(fallback.url, fallback.method, {
      ...extra,
      ErrorCode: String(fetched.failed.code),
      ErrorUrl: url,
    });
    if ('verbs' in fallenBack) return { verbs: fallenBack.verbs, url: fallback.url };
    if ('failed' in fallenBack)
      transcript.note(
        'error',
        `${fallenBack.failed.code} ${fallenBack.failed.text} (the fallback URL)`,
      );
    return undefined;
  }

  private async request(
    url: string,
    method: Method,
    extra: Record<string, string>,
  ): Promise<Fetched> {
    this.webhooks += 1;
    const { twilio, gatewayUrl, transcript } = this.context;
    const params = this.params(extra);
    const shown = new URL(url);
    const host = shown.origin === new URL(gatewayUrl).origin ? '' : shown.host;
    const path = host + shown.pathname + shorten(shown.search, 90);
    transcript.note(
      'webhook',
      `${method} ${path}  CallStatus=${params.CallStatus}${extra.SpeechResult ? ` SpeechResult="${extra.SpeechResult}"` : ''}${extra.Digits ? ` Digits=${extra.Digits}` : ''}${extra.ErrorCode ? ` ErrorCode=${extra.ErrorCode}` : ''}`,
    );
    const local = localWebhookUrl(url, twilio, gatewayUrl);
    if (!local.ok) {
      transcript.note('error', local.error);
      return { unreachable: true };
    }
    const response = await this.send(local.value, method, params, path);
    transcript.collect();
    return 'status' in response ? this.read(response, path) : response;
  }

  /** The parameters Twilio sends with every TwiML request of a call, and `extra`. */
  private params(extra: Record<string, string>): Record<string, string> {
    const { twilio, call } = this.context;
    return {
      CallSid: call.sid,
      AccountSid: twilio.accountSid,
      From: call.from,
      To: call.to,
      Caller: call.from,
      Called: call.to,
      CallStatus: twilio.getCall(call.sid)?.status ?? 'ringing',
      Direction: call.direction,
      ApiVersion: '2010-04-01',
      ...extra,
    };
  }

  private async send(
    url: string,
    method: Method,
    params: Record<string, string>,
    path: string,
  ): Promise<WebhookAnswer | Fetched> {
    const { twilio, deadlineMs } = this.context;
    try {
      return await sendSignedWebhook({
        authToken: twilio.authToken,
        url,
        method,
        params,
        timeoutMs: deadlineMs,
      });
    } catch (error) {
      const timedOut = (error as Error)?.name === 'TimeoutError';
      return timedOut
        ? failed(TWIML_ERRORS.timeout, `no answer from ${path} within ${deadlineMs / 1000} s`)
        : failed(TWIML_ERRORS.retrieval, `${path}: ${errorMessage(error)}`);
    }
  }

  /** The TwiML an answer carries, or the failure Twilio names for it. */
  private read(response: WebhookAnswer, path: string): Fetched {
    // Assumption [twiml-success-2xx]: only a 2xx answer carries TwiML; 11200's page names 4xx
    // and 5xx as failures and says nothing of 1xx or 3xx (fetch follows redirects itself).
    if (response.status < 200 || response.status > 299)
      return failed(
        TWIML_ERRORS.retrieval,
        `${response.status} from ${path}: ${response.body.slice(0, 200)}`,
      );
    const kind = answerKind(response.contentType);
    const bytes = Buffer.byteLength(response.body);
    // Assumption [twiml-size-before-type]: the 64 kB limit is checked before the type (11750's
    // page names "non-TwiML content in your response" among its causes), and does not apply to
    // an audio file, which is played rather than read as TwiML.
    if (kind !== 'audio' && bytes > MAX_TWIML_BYTES)
      return failed(
        TWIML_ERRORS.tooLarge,
        `${path} answered ${bytes} bytes, over the ${MAX_TWIML_BYTES} a TwiML document may have`,
      );
    if (!kind)
      return failed(
        TWIML_ERRORS.contentType,
        `${path} answered with Content-Type ${response.contentType ?? '(none)'}, which Twilio cannot read`,
      );
    let verbs: TwimlNode[];
    try {
      verbs = verbsOfAnswer(kind, response.body, response.url);
    } catch {
      return failed(
        TWIML_ERRORS.parse,
        `${path} did not answer with TwiML: ${response.body.slice(0, 200)}`,
      );
    }
    this.context.transcript.note('twiml', verbs.map((verb) => verb.name).join(', ') || '(empty)');
    return { verbs };
  }
}
