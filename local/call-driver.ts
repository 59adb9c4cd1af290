import { firstWebhook } from './call-routing';
import type { CallResult, CallScript } from './call-script';
import { CallSession, type NextRequest } from './call-session';
import type { LocalTwilio } from './stand-in/server';
import type { TwimlNode } from './twiml-document';
import { runDocument } from './twiml-verbs';

export type {
  CallResult,
  CallScript,
  GatherAnswer,
  TranscriptEntry,
  TranscriptKind,
} from './call-script';
export { formatTranscript } from './call-transcript';
export { MAX_TWIML_BYTES, TWIML_ERRORS, WEBHOOK_DEADLINE_MS } from './twiml-fetch';

// Assumption [call-driver-50-webhooks]: Twilio documents no limit on a call's webhooks; after
// 50 the driver takes the flow for a loop and ends the call.
const MAX_WEBHOOKS = 50;

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
  const session = new CallSession(
    twilio,
    gatewayUrl,
    script,
    start.ok ? start.value.fallback : undefined,
  );
  try {
    // Twilio cannot fetch any TwiML for this call, so it is never answered.
    if (!start.ok) return session.failUnanswered(start.error.message);
    return await follow(session, { url: start.value.url, method: start.value.method, extra: {} });
  } finally {
    // Whatever happened, this caller no longer holds the clock back.
    session.caller.done();
  }
}

/** The call's TwiML requests, one document after another, until the call ends. */
async function follow(session: CallSession, first: NextRequest): Promise<CallResult> {
  let next = first;
  while (session.fetcher.webhooks < MAX_WEBHOOKS) {
    const fetched = await session.fetcher.fetch(next.url, next.method, next.extra, MAX_WEBHOOKS);
    if (!fetched) {
      await session.hangUp('the call ends after an application error');
      return session.result();
    }
    if (await rejected(session, fetched.verbs)) return session.result();
    const outcome = await runDocument(session, fetched.verbs, fetched.url);
    if (outcome && 'ended' in outcome) return session.result();
    if (!outcome) {
      await session.hangUp('the TwiML document ends');
      return session.result();
    }
    next = outcome.next;
  }
  session.note('error', `more than ${MAX_WEBHOOKS} webhooks: the flow loops`);
  await session.hangUp('the call is ended by the driver');
  return session.result();
}

/**
 * Twilio picks up on any response but one whose first verb is <Reject> (an empty document and a
 * first <Redirect> or <Hangup> included), before it runs that verb. True when the flow rejected
 * the call unanswered, which has then ended.
 */
async function rejected(session: CallSession, verbs: readonly TwimlNode[]): Promise<boolean> {
  if (session.answered()) return false;
  if (verbs[0]?.name !== 'Reject') {
    session.twilio.answerCall(session.call.sid);
    return false;
  }
  // Twilio: the call ends busy or no-answer "depending on the verb's reason"; it does not pair
  // them.
  // Assumption [reject-reason-status]: as the names suggest, reason="busy" ends the call busy
  // and the default reason="rejected" ends it no-answer.
  const busy = verbs[0].attributes.reason === 'busy';
  await session.hangUp('the flow rejects the call unanswered', busy ? 'busy' : 'no-answer');
  return true;
}
