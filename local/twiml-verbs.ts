import { ENDED, type CallSession, type Outcome } from './call-session';
import { methodOf, runGather } from './gather';
import type { TwimlNode } from './twiml-document';

/** The verbs the simulated voice engine carries out; any other is skipped (see placeCall). */
const SIMULATED_VERBS = new Set(['Say', 'Play', 'Pause', 'Gather', 'Redirect', 'Hangup', 'Reject']);

/** One verb of a document the call is in: what it leaves the call to do, if anything. */
async function runVerb(
  session: CallSession,
  verb: TwimlNode,
  documentUrl: string,
): Promise<Outcome | undefined> {
  const name = verb.name;
  if (!SIMULATED_VERBS.has(name)) return (await session.skipped(verb)) ? ENDED : undefined;
  if (name === 'Say' || name === 'Play' || name === 'Pause') {
    await session.sound(verb);
    return undefined;
  }
  if (name === 'Hangup' || name === 'Reject') {
    // Assumption [reject-after-answer]: a <Reject> on an answered call can only end it; Twilio
    // documents no other effect.
    await session.hangUp(name === 'Hangup' ? 'the flow hangs up' : 'the flow rejects the call');
    return ENDED;
  }
  if (name === 'Redirect')
    return {
      next: { url: new URL(verb.text, documentUrl).toString(), method: methodOf(verb), extra: {} },
    };
  return runGather(session, verb, documentUrl);
}

/**
 * Carries out a TwiML document's verbs in order, on an answered call: what the call does next
 * (a Redirect's or a Gather's request), that it has ended, or undefined when the document runs
 * out. Relative URLs resolve against `documentUrl`, the URL that served it.
 */
export async function runDocument(
  session: CallSession,
  verbs: readonly TwimlNode[],
  documentUrl: string,
): Promise<Outcome | undefined> {
  for (const verb of verbs) {
    const outcome = await runVerb(session, verb, documentUrl);
    if (outcome) return outcome;
  }
  return undefined;
}
