import { errorMessage } from '../src/errors';
import { firstWebhook, localWebhookUrl } from './call-routing';
import type { CallDirection } from './contracts';
import { sendSignedWebhook } from './signed-webhook';
import type { SoundSegment } from './stand-in/media';
import { DTMF_TONE_MS } from './stand-in/media/dtmf';
import type { LocalTwilio } from './stand-in/server';
import { parseTwiml, type TwimlNode } from './twiml-document';

/** What the caller does when a Gather waits: speaks, presses keys, or says nothing. */
export type GatherAnswer = { say: string } | { press: string } | { silent: true };

/** What the simulated caller does. */
export interface CallScript {
  /** What the caller says at each speech Gather, in order; none means silence. */
  speech?: string[];
  /**
   * What the caller does at each Gather, in order (instead of `speech`). An answer the Gather
   * cannot take (keys at a speech-only Gather) waits for the next Gather that can, and the
   * caller stays silent meanwhile; no answers left means silence.
   */
  answers?: GatherAnswer[];
  /** The caller hangs up while the n-th Gather (1-based) is waiting. */
  hangUpDuringGather?: number;
  direction?: CallDirection;
  from?: string;
  to?: string;
  /** The voice webhook (default /incoming-call). */
  webhookPath?: string;
  /**
   * Call this number of the account instead, as a caller would: the call starts at the
   * number's voice URL with its method, as Twilio routes it, and the number is the call's To.
   * A number not on the account throws (no call reaches the account); one without a voice URL
   * gives a call that ends `failed`.
   */
  number?: string;
  /** Answer the call before the first webhook (as for a call the flow is already handling). */
  answered?: boolean;
  /** Real milliseconds a webhook may take (Twilio's 15 s); lowered only by tests. */
  webhookDeadlineMs?: number;
}

export type TranscriptKind =
  | 'webhook'
  | 'twiml'
  | 'say'
  | 'caller'
  | 'wait'
  | 'rest'
  | 'warning'
  | 'callback'
  | 'hangup'
  | 'error';

export interface TranscriptEntry {
  /** Seconds since the call started, on the stand-in's clock. */
  at: number;
  kind: TranscriptKind;
  text: string;
}

export interface CallResult {
  callSid: string;
  status: string;
  transcript: TranscriptEntry[];
  webhooks: number;
}

// Assumption [call-driver-50-webhooks]: Twilio documents no limit on a call's webhooks; after
// 50 the driver takes the flow for a loop and ends the call.
const MAX_WEBHOOKS = 50;

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
 * the 15-second timeout, 12100 a document Twilio cannot parse, 11750 a body over 64 kB.
 */
export const TWIML_ERRORS = {
  retrieval: 11200,
  timeout: 11205,
  parse: 12100,
  tooLarge: 11750,
} as const;

// Assumption [call-driver-sound-timings]: what things take on the call, for the transcript's
// times and the recordings' audio: a spoken word 400 ms, a <Play> 3 s, a key press 700 ms, and
// a second of silence after the caller's last word before a speech Gather ends.
const SPEAKING_MS_PER_WORD = 400;
const KEY_PRESS_MS = 700;
const PLAY_MS = 3000;
const END_OF_SPEECH_MS = 1000;

/** The verbs the simulated voice engine carries out; any other is skipped (see placeCall). */
const SIMULATED_VERBS = new Set(['Say', 'Play', 'Pause', 'Gather', 'Redirect', 'Hangup', 'Reject']);
/** What it carries out inside a <Gather>. */
const SIMULATED_IN_GATHER = new Set(['Say', 'Play', 'Pause']);

/** The method a Redirect or Gather asks for; POST unless GET is named. */
const methodOf = (verb: TwimlNode): 'GET' | 'POST' =>
  verb.attributes.method?.toUpperCase() === 'GET' ? 'GET' : 'POST';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const shorten = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** A TwiML request's outcome: its verbs, a failure Twilio names with a code, or no request. */
type Fetched =
  { verbs: TwimlNode[] } | { failed: { code: number; text: string } } | { unreachable: true };

/**
 * Plays Twilio's voice engine for one simulated call through the gateway: posts signed
 * webhooks with the parameters Twilio sends, executes the TwiML they return, follows
 * Redirects and Gather actions, and ends the call at Hangup or the end of a document.
 *
 * A TwiML request fails as Twilio's does (a non-2xx answer, no answer within 15 s, a body over
 * 64 kB, a document that does not parse). For a call to a number with a voice fallback URL,
 * Twilio then requests that URL, with its method, adding `ErrorCode` and `ErrorUrl`
 * (twilio.com/docs/usage/security/availability-reliability: "If Twilio is unable to retrieve or
 * execute TwiML from your web server, a request is immediately made to the number's Fallback
 * URL"); without one, or when the fallback fails too, the call ends as after an application
 * error. A verb the engine does not simulate (Record, Dial, Start, Connect, ...) is skipped with
 * a warning in the transcript; in strict mode it ends the call as an application error.
 */
export async function placeCall(
  twilio: LocalTwilio,
  gatewayUrl: string,
  script: CallScript = {},
): Promise<CallResult> {
  const start = firstWebhook(twilio, gatewayUrl, script);
  if (!start.ok && start.error.reason === 'not-on-account') throw new Error(start.error.message);
  const call = twilio.createCall({
    from: script.from ?? '+15005550006',
    to: script.number ?? script.to ?? '+15005550001',
    direction: script.direction ?? 'inbound',
  });
  if (script.answered) twilio.answerCall(call.sid);
  // The caller is an actor on the stand-in's clock: listening and speaking let time pass.
  const caller = twilio.clock.actor();
  const started = twilio.clock.now();
  const transcript: TranscriptEntry[] = [];
  const answers: GatherAnswer[] =
    script.answers ?? (script.speech ?? []).map((text) => ({ say: text }));
  let restSeen = twilio.exchanges.length;
  let callbacksSeen = twilio.callbacks.length;
  let webhooks = 0;
  let gathers = 0;
  let fallback: { url: string; method: 'GET' | 'POST' } | undefined;

  // REST requests and callbacks are collected after the fact: they keep the time they happened.
  const note = (kind: TranscriptKind, text: string, at = twilio.clock.now()) =>
    transcript.push({ at: (at - started) / 1000, kind, text });
  const collect = () => {
    for (const exchange of twilio.exchanges.slice(restSeen)) {
      if (
        !JSON.stringify(exchange.params).includes(call.sid) &&
        !exchange.path.includes(call.sid) &&
        exchange.product !== 'sync'
      )
        continue;
      const params = Object.entries(exchange.params)
        .map(([name, value]) => `${name}=${shorten(([] as string[]).concat(value).join(','), 48)}`)
        .join(' ');
      const response = exchange.response as Record<string, unknown> | undefined;
      const summary = response
        ? String(response.sid ?? response.key ?? response.code ?? '') +
          (response.status && typeof response.status === 'string' ? ` ${response.status}` : '')
        : 'no answer';
      note(
        'rest',
        `${exchange.method} ${exchange.path}${params ? ` ${params}` : ''}${exchange.fault ? ` [fault: ${exchange.fault}]` : ''} -> ${exchange.status || 'connection cut'} ${summary}`.trim(),
        exchange.at,
      );
      for (const warning of exchange.warnings ?? []) note('warning', warning, exchange.at);
    }
    restSeen = twilio.exchanges.length;
    for (const delivery of twilio.callbacks.slice(callbacksSeen)) {
      if (delivery.params.CallSid !== call.sid) continue;
      note(
        'callback',
        `${delivery.method} ${new URL(delivery.url).pathname} RecordingStatus=${delivery.params.RecordingStatus} RecordingSid=${delivery.params.RecordingSid} -> ${delivery.status}${delivery.attempt > 1 ? ` (attempt ${delivery.attempt})` : ''}`,
        delivery.at,
      );
    }
    callbacksSeen = twilio.callbacks.length;
  };
  const result = (): CallResult => ({
    callSid: call.sid,
    status: twilio.getCall(call.sid)?.status ?? 'unknown',
    // In the order things happened (a stable sort keeps the order of equal times).
    transcript: [...transcript].sort((a, b) => a.at - b.at),
    webhooks,
  });
  const hangUp = async (why: string, unanswered?: 'busy' | 'no-answer') => {
    twilio.endCall(call.sid, unanswered);
    note('hangup', why);
    caller.done();
    await twilio.settle(call.sid);
    collect();
  };

  const deadlineMs = script.webhookDeadlineMs ?? WEBHOOK_DEADLINE_MS;
  const request = async (
    url: string,
    method: 'GET' | 'POST',
    extra: Record<string, string>,
  ): Promise<Fetched> => {
    webhooks += 1;
    const current = twilio.getCall(call.sid);
    const params: Record<string, string> = {
      CallSid: call.sid,
      AccountSid: twilio.accountSid,
      From: call.from,
      To: call.to,
      Caller: call.from,
      Called: call.to,
      CallStatus: current?.status ?? 'ringing',
      Direction: call.direction,
      ApiVersion: '2010-04-01',
      ...extra,
    };
    const shown = new URL(url);
    const host = shown.origin === new URL(gatewayUrl).origin ? '' : shown.host;
    const path = host + shown.pathname + shorten(shown.search, 90);
    note(
      'webhook',
      `${method} ${path}  CallStatus=${params.CallStatus}${extra.SpeechResult ? ` SpeechResult="${extra.SpeechResult}"` : ''}${extra.Digits ? ` Digits=${extra.Digits}` : ''}${extra.ErrorCode ? ` ErrorCode=${extra.ErrorCode}` : ''}`,
    );
    const local = localWebhookUrl(url, twilio, gatewayUrl);
    if (!local.ok) {
      note('error', local.error);
      return { unreachable: true };
    }
    const failed = (code: number, text: string): Fetched => ({ failed: { code, text } });
    let response: { status: number; body: string };
    try {
      response = await sendSignedWebhook({
        authToken: twilio.authToken,
        url: local.value,
        method,
        params,
        timeoutMs: deadlineMs,
      });
    } catch (error) {
      collect();
      const timedOut = (error as Error)?.name === 'TimeoutError';
      return timedOut
        ? failed(TWIML_ERRORS.timeout, `no answer from ${path} within ${deadlineMs / 1000} s`)
        : failed(TWIML_ERRORS.retrieval, `${path}: ${errorMessage(error)}`);
    }
    collect();
    // Assumption [twiml-success-2xx]: only a 2xx answer carries TwiML; 11200's page names 4xx
    // and 5xx as failures and says nothing of 1xx or 3xx (fetch follows redirects itself).
    if (response.status < 200 || response.status > 299)
      return failed(
        TWIML_ERRORS.retrieval,
        `${response.status} from ${path}: ${response.body.slice(0, 200)}`,
      );
    const bytes = Buffer.byteLength(response.body);
    if (bytes > MAX_TWIML_BYTES)
      return failed(
        TWIML_ERRORS.tooLarge,
        `${path} answered ${bytes} bytes, over the ${MAX_TWIML_BYTES} a TwiML document may have`,
      );
    let verbs: TwimlNode[];
    try {
      verbs = parseTwiml(response.body);
    } catch {
      return failed(
        TWIML_ERRORS.parse,
        `${path} did not answer with TwiML: ${response.body.slice(0, 200)}`,
      );
    }
    note('twiml', verbs.map((verb) => verb.name).join(', ') || '(empty)');
    return { verbs };
  };

  /**
   * One TwiML request of the call, with the number's fallback URL when it fails: Twilio's
   * "application error" message is not modelled, so a failure with nowhere to fall back to
   * ends the call.
   */
  const fetchTwiml = async (
    url: string,
    method: 'GET' | 'POST',
    extra: Record<string, string>,
  ): Promise<{ verbs: TwimlNode[]; url: string } | undefined> => {
    const fetched = await request(url, method, extra);
    if ('verbs' in fetched) return { verbs: fetched.verbs, url };
    if ('unreachable' in fetched) return undefined;
    note('error', `${fetched.failed.code} ${fetched.failed.text}`);
    if (!fallback || url === fallback.url || webhooks >= MAX_WEBHOOKS) return undefined;
    // Assumption [fallback-request-params]: the fallback request carries what the failed
    // request carried, plus ErrorCode and ErrorUrl (the page names only those two), and Twilio
    // falls back from any failed TwiML request of the call ("a fatal error while executing your
    // call"), not only the first; a failing fallback is not retried.
    const fallenBack = await request(fallback.url, fallback.method, {
      ...extra,
      ErrorCode: String(fetched.failed.code),
      ErrorUrl: url,
    });
    if ('verbs' in fallenBack) return { verbs: fallenBack.verbs, url: fallback.url };
    if ('failed' in fallenBack)
      note('error', `${fallenBack.failed.code} ${fallenBack.failed.text} (the fallback URL)`);
    return undefined;
  };

  // Each sound is reported to the stand-in as it starts, for the call's recordings.
  const hear = (segment: Omit<SoundSegment, 'startMs'>) =>
    twilio.media.heard(call.sid, { ...segment, startMs: twilio.clock.now() });

  const say = async (verb: TwimlNode) => {
    const text = verb.text;
    const durationMs = Math.max(1, words(text)) * SPEAKING_MS_PER_WORD;
    note('say', `"${text}"`);
    if (words(text) > 0) hear({ track: 'outbound', kind: 'speech', text, durationMs });
    await caller.sleep(durationMs);
  };

  /** A <Say>, <Play> or <Pause>: what the caller hears, and the time it takes. */
  const sound = async (verb: TwimlNode) => {
    if (verb.name === 'Say') return say(verb);
    if (verb.name === 'Play') {
      note('say', `(audio) ${verb.text}`);
      hear({ track: 'outbound', kind: 'audio', text: verb.text, durationMs: PLAY_MS });
      return caller.sleep(PLAY_MS);
    }
    return caller.sleep(Number(verb.attributes.length ?? 1) * 1000);
  };

  /**
   * A verb the simulated engine does not carry out: a warning, and the call goes on without it;
   * in strict mode the call ends as an application error (true: it has ended).
   */
  const skipped = async (verb: TwimlNode, where = ''): Promise<boolean> => {
    const text = `<${verb.name}>${where ? ` ${where}` : ''} is not simulated by the local voice engine`;
    if (!twilio.settings.strict) {
      note('warning', `${text}: skipped`);
      return false;
    }
    note('error', `${text} (strict mode)`);
    await hangUp('the call ends after an application error');
    return true;
  };

  try {
    if (!start.ok) {
      // Twilio cannot fetch any TwiML for this call, so it is never answered.
      note('error', start.error.message);
      call.status = 'failed';
      call.endedAt = twilio.clock.now();
      return result();
    }
    fallback = start.value.fallback;
    let url = start.value.url;
    let method = start.value.method;
    let extra: Record<string, string> = {};
    while (webhooks < MAX_WEBHOOKS) {
      const fetched = await fetchTwiml(url, method, extra);
      if (!fetched) {
        await hangUp('the call ends after an application error');
        return result();
      }
      // Relative URLs in the document resolve against the URL that served it.
      url = fetched.url;
      const response = fetched.verbs;
      extra = {};
      if (twilio.getCall(call.sid)?.answeredAt === undefined) {
        // Twilio picks up on any response but one whose first verb is <Reject> (an empty
        // document and a first <Redirect> or <Hangup> included), before it runs that verb.
        if (response[0]?.name === 'Reject') {
          // Twilio: the call ends busy or no-answer "depending on the verb's reason"; it does
          // not pair them.
          // Assumption [reject-reason-status]: as the names suggest, reason="busy" ends the call
          // busy and the default reason="rejected" ends it no-answer.
          const busy = response[0].attributes.reason === 'busy';
          await hangUp('the flow rejects the call unanswered', busy ? 'busy' : 'no-answer');
          return result();
        }
        twilio.answerCall(call.sid);
      }
      let next: { url: string; method: 'GET' | 'POST' } | undefined;
      for (const verb of response) {
        const name = verb.name;
        if (!SIMULATED_VERBS.has(name)) {
          if (await skipped(verb)) return result();
        } else if (name === 'Say' || name === 'Play' || name === 'Pause') await sound(verb);
        else if (name === 'Hangup' || name === 'Reject') {
          // Assumption [reject-after-answer]: a <Reject> on an answered call can only end it;
          // Twilio documents no other effect.
          await hangUp(name === 'Hangup' ? 'the flow hangs up' : 'the flow rejects the call');
          return result();
        } else if (name === 'Redirect') {
          next = { url: new URL(verb.text, url).toString(), method: methodOf(verb) };
          break;
        } else if (name === 'Gather') {
          gathers += 1;
          for (const nested of verb.children) {
            if (SIMULATED_IN_GATHER.has(nested.name)) await sound(nested);
            else if (await skipped(nested, 'in <Gather>')) return result();
          }
          if (script.hangUpDuringGather === gathers) {
            note('caller', '(hangs up)');
            await hangUp('the caller hangs up during the question');
            return result();
          }
          const action = new URL(verb.attributes.action || url, url).toString();
          const actionMethod = methodOf(verb);
          const accepts = (verb.attributes.input ?? 'dtmf').split(/\s+/);
          const answer = answers[0];
          const fits =
            answer !== undefined &&
            ('silent' in answer ||
              ('say' in answer && accepts.includes('speech')) ||
              ('press' in answer && accepts.includes('dtmf')));
          if (fits) answers.shift();
          if (fits && 'say' in answer) {
            note('caller', `"${answer.say}"`);
            const durationMs = words(answer.say) * SPEAKING_MS_PER_WORD;
            if (durationMs > 0)
              hear({ track: 'inbound', kind: 'speech', text: answer.say, durationMs });
            await caller.sleep(durationMs + END_OF_SPEECH_MS);
            next = { url: action, method: actionMethod };
            extra = { SpeechResult: answer.say, Confidence: '0.92' };
            break;
          }
          if (fits && 'press' in answer) {
            note('caller', `(presses ${answer.press})`);
            // One key every KEY_PRESS_MS, each sounding for DTMF_TONE_MS: the segment ends
            // with the last tone, so trim-silence finds the sound's true end.
            const keys = answer.press.length;
            if (keys > 0)
              hear({
                track: 'inbound',
                kind: 'dtmf',
                text: answer.press,
                durationMs: (keys - 1) * KEY_PRESS_MS + DTMF_TONE_MS,
              });
            await caller.sleep(keys * KEY_PRESS_MS);
            next = { url: action, method: actionMethod };
            extra = { Digits: answer.press };
            break;
          }
          note('wait', `(silence for ${verb.attributes.timeout ?? '5'} s)`);
          await caller.sleep(Number(verb.attributes.timeout ?? 5) * 1000);
          if (verb.attributes.actionOnEmptyResult === 'true') {
            next = { url: action, method: actionMethod };
            break;
          }
        }
      }
      if (!next) {
        await hangUp('the TwiML document ends');
        return result();
      }
      url = next.url;
      method = next.method;
    }
    note('error', `more than ${MAX_WEBHOOKS} webhooks: the flow loops`);
    await hangUp('the call is ended by the driver');
    return result();
  } finally {
    // Whatever happened, this caller no longer holds the clock back.
    caller.done();
  }
}

/** A readable transcript, one line per entry. */
export function formatTranscript(result: CallResult): string {
  const labels: Record<TranscriptKind, string> = {
    webhook: 'TWILIO ->',
    twiml: '  <- TwiML',
    say: 'CALLER HEARS',
    caller: 'CALLER SAYS',
    wait: 'WAITING',
    rest: 'REST API',
    warning: 'WARNING',
    callback: 'STATUS CB',
    hangup: 'HANG UP',
    error: 'ERROR',
  };
  const lines = result.transcript.map(
    (entry) =>
      `${entry.at.toFixed(1).padStart(6)}s  ${labels[entry.kind].padEnd(12)}  ${entry.text}`,
  );
  return [
    `Call ${result.callSid} (${result.webhooks} webhooks), final status: ${result.status}`,
    ...lines,
  ].join('\n');
}
