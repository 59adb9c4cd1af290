import type { Agent } from 'node:http';
import type { Simulation } from '../../local/simulation';
import { callbackParams } from '../../local/stand-in/status-callbacks';
import { seededRandom } from '../../local/seeded-random';
import { parseTwiml } from '../../local/twiml-document';
import { timedPost } from './http-post';

/** Seconds between the recording's start and the caller's answer, and then its completion. */
const ANSWER_AFTER_MS = 8000;
const COMPLETED_AFTER_MS = 3000;
/** Twilio's retries of a failed status callback (the default callback asks for 5). */
const TWILIO_RETRIES = 5;

/** One simulated call of a step: its SIDs once known. */
export interface BenchCall {
  index: number;
  callSid: string;
  /** Undefined when the recording could not be started. */
  recordingSid?: string;
}

/** What the calls of one step share: where they post, and what they tally. */
export interface StepRun {
  sim: Simulation;
  agent: Agent;
  callsPerSecond: number;
  /** When each call arrives, in simulated milliseconds from the step's start. */
  arrivals: number[];
  /** Whether the call's in-progress (0) or completed (1) event is delivered twice. */
  redelivered(index: number, event: 0 | 1): boolean;
  calls: BenchCall[];
  deliveries: number;
  /** Toggles (starts and stops) that took the Failed transition. */
  failedToggles: number;
  statusMs: number[];
  feedbackMs: number[];
}

type Voice = (path: string, extra?: Record<string, string>) => ReturnType<typeof timedPost>;

/** The first <Redirect>'s URL in a TwiML answer, if any. */
function redirectOf(twiml: string): string | undefined {
  try {
    return parseTwiml(twiml).find((verb) => verb.name === 'Redirect')?.text;
  } catch {
    return undefined;
  }
}

/**
 * The toggle, as the flow reaches it through a Redirect: the recording's SID when it went to
 * Success, undefined (and counted) when it went to Failed or could not be reached.
 */
async function toggle(run: StepRun, voice: Voice, url: string | undefined) {
  const answer = url ? await voice(url) : undefined;
  const next = answer && redirectOf(answer.body);
  const target = next ? new URL(next, 'http://service') : undefined;
  if (target?.pathname === '/recording-success')
    return target.searchParams.get('RecSid') ?? undefined;
  run.failedToggles += 1;
  return undefined;
}

/**
 * A status callback as Twilio would send it for the stand-in's own recording (its parameters
 * from the stand-in, and only if the recording subscribed to the event), delivered by the
 * benchmark: retried at once on a failure, as asked, and sent twice for one delivery in
 * `redeliverEvery`.
 */
async function deliverEvent(run: StepRun, call: BenchCall, event: 'in-progress' | 'completed') {
  const { twilio } = run.sim;
  const recording = twilio.recordings(call.callSid).find((one) => one.sid === call.recordingSid);
  // Twilio sends only the events the recording subscribed to, and only to a callback it has.
  if (!recording?.statusCallback || !recording.statusCallbackEvents.includes(event)) return;
  const params = callbackParams(twilio.accountSid, recording, event);
  const body = new URLSearchParams(params).toString();
  const times = run.redelivered(call.index, event === 'in-progress' ? 0 : 1) ? 2 : 1;
  // The recording's own callback URL, on the Functions (a fragment is never sent).
  const target = new URL(recording.statusCallback.split('#')[0], run.sim.functions.url);
  const url = `${run.sim.functions.url}${target.pathname}${target.search}`;
  for (let delivery = 0; delivery < times; delivery += 1) {
    for (let attempt = 0; attempt <= TWILIO_RETRIES; attempt += 1) {
      run.deliveries += 1;
      const answer = await timedPost(run.agent, url, body);
      run.statusMs.push(answer.ms);
      if (answer.status >= 200 && answer.status < 300) break;
    }
  }
}

/**
 * One call of the Client Feedback flow, as an actor on the stand-in's clock: it arrives at its
 * tick, is answered, passes the consent step (the notice is kept) and follows its Redirect to
 * the toggle (the recording starts), reports in-progress, answers the feedback question 8 s
 * later and follows the answer's Redirect to the toggle (the recording stops; a flow that
 * hangs up instead has it stopped by the hang-up), hangs up, and reports completed 3 s after
 * that, when the recording has been processed. Events go out only if subscribed.
 */
export async function runCall(run: StepRun, index: number): Promise<void> {
  const { twilio } = run.sim;
  const caller = twilio.clock.actor();
  try {
    await caller.sleep(run.arrivals[index] ?? 0);
    const from = '+15005550006';
    const started = twilio.createCall({ from, to: '+15005550001', direction: 'inbound' });
    twilio.answerCall(started.sid);
    const call: BenchCall = { index, callSid: started.sid };
    run.calls.push(call);
    const voice: Voice = (path, extra = {}) =>
      timedPost(
        run.agent,
        new URL(path, run.sim.functions.url).toString(),
        new URLSearchParams({
          CallSid: call.callSid,
          AccountSid: twilio.accountSid,
          CallStatus: 'in-progress',
          Direction: 'inbound',
          From: from,
          ...extra,
        }).toString(),
      );
    const consent = await voice('/recording-consent');
    call.recordingSid = await toggle(run, voice, redirectOf(consent.body));
    if (call.recordingSid) await deliverEvent(run, call, 'in-progress');
    await caller.sleep(ANSWER_AFTER_MS);
    const question = call.recordingSid
      ? `/feedback-received?RecordingSid=${call.recordingSid}&Attempt=1`
      : '/feedback-received?Recording=off&Attempt=1';
    const answer = await voice(question, {
      SpeechResult: `Caller ${index} was happy`,
      Confidence: '0.9',
    });
    run.feedbackMs.push(answer.ms);
    // The flow stops the recording through the toggle, unless it hangs up at once instead.
    const stop = redirectOf(answer.body);
    if (call.recordingSid && stop) await toggle(run, voice, stop);
    twilio.endCall(call.callSid);
    await caller.sleep(COMPLETED_AFTER_MS);
    if (call.recordingSid) await deliverEvent(run, call, 'completed');
  } finally {
    caller.done();
  }
}

/**
 * When `calls` calls arrive at `callsPerSecond` on average: a Poisson process (independent
 * callers, exponential gaps between them), as calls reach a contact center, drawn from a fixed
 * seed so that every run meets the same arrivals; rounded to the millisecond.
 */
export function poissonArrivals(calls: number, callsPerSecond: number, seed = 1): number[] {
  const random = seededRandom(seed);
  const arrivals: number[] = [];
  let at = 0;
  for (let index = 0; index < calls; index += 1) {
    arrivals.push(Math.round(at));
    at += (-Math.log(1 - random()) * 1000) / callsPerSecond;
  }
  return arrivals;
}
