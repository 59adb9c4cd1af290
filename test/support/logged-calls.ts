/**
 * Calls the recording log knows, made on the stand-in without the Functions: the call and its
 * recordings through the real twilio library, and the entries the Functions would have written
 * (consent, status events, feedback) through the project's own recording log. Also the
 * services an erasure runs with, on the stand-in's clock.
 */
import { budgetClockOn } from '../../local/functions-clock';
import type { LocalTwilio } from '../../local/stand-in/server';
import { readSettings, type Settings } from '../../src/config/settings';
import { erasureServices } from '../../src/erasure/erasure-services';
import type { ErasureServices } from '../../src/erasure/erasure-types';
import {
  consentEntry,
  feedbackEntry,
  statusEntry,
  type LogEntry,
} from '../../src/recording-log/entries';
import { openLog } from '../../src/recording-log/sharded-log';
import { budget, type BudgetClock } from '../../src/retry';
import { standInClient } from './local-twilio';

export const CALLER_SPEECH = 'yes please, and my account number is 1234';
export const FEEDBACK_SPEECH = 'The agent, Maria, fixed my broken router';

/** The Functions' settings for the stand-in (its account, its address, the default log). */
export function standInSettings(twilio: LocalTwilio, env: Record<string, string> = {}): Settings {
  return readSettings({
    ACCOUNT_SID: twilio.accountSid,
    AUTH_TOKEN: twilio.authToken,
    TWILIO_API_BASE_URL: twilio.url,
    REST_TIMEOUT_MS: '5000',
    ...env,
  });
}

/**
 * Runs `work` as one of the stand-in's actors (as a real client would be, its requests taking
 * their time), with a clock whose waits are the actor's: the stand-in's time stands still while
 * the work sends requests and moves on while it waits (a backoff, a Retry-After).
 */
export async function asStandInActor<T>(
  twilio: LocalTwilio,
  work: (clock: BudgetClock) => Promise<T>,
): Promise<T> {
  const actor = twilio.clock.actor();
  try {
    return await work(
      budgetClockOn(
        twilio.clock,
        (ms) => actor.sleep(ms),
        () => 0.5,
      ),
    );
  } finally {
    actor.done();
  }
}

/** What an erasure runs with against the stand-in, waiting on `clock`. */
export function standInErasureServices(
  twilio: LocalTwilio,
  clock: BudgetClock,
  budgetMs = 60_000,
): ErasureServices {
  const made = erasureServices(standInSettings(twilio), { budgetMs, clock });
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

export interface LoggedCallOptions {
  /** Recordings of the call, one after another (default 1). */
  recordings?: number;
  from?: string;
  /** Leave the last recording in progress and the call going. */
  stillRecording?: boolean;
  /** The caller's spoken answer to the consent question (opt-in); none: no consent entry. */
  consentSpeech?: string | null;
  feedback?: string | null;
}

/** A call the log knows, with recordings Twilio has: what the flow leaves behind. */
export async function loggedCall(
  twilio: LocalTwilio,
  options: LoggedCallOptions = {},
): Promise<{ callSid: string; recordingSids: string[] }> {
  const client = standInClient(twilio, 5000);
  const log = openLog(client, standInSettings(twilio).log);
  const store = async (entry: LogEntry) => {
    const stored = await log.append(entry, budget(10_000, 5000));
    if (!stored.ok) throw new Error(stored.error.message);
  };
  const now = () => new Date(twilio.clock.now()).toISOString();
  const call = twilio.createCall({
    from: options.from ?? '+15005550006',
    to: '+15005550001',
    direction: 'inbound',
  });
  twilio.answerCall(call.sid);
  const callSid = call.sid;
  const speech = options.consentSpeech === undefined ? CALLER_SPEECH : options.consentSpeech;
  if (speech !== null) {
    await store(
      consentEntry(
        {
          callSid,
          mode: 'opt-in',
          decision: 'granted',
          method: 'speech',
          speech,
          confidence: 0.91,
          prompt: 'This call may be recorded. Press 1 or say yes to agree.',
          attempts: 1,
          recordingAllowed: true,
        },
        now(),
      ),
    );
  }
  const recordingSids: string[] = [];
  const count = options.recordings ?? 1;
  for (let index = 0; index < count; index += 1) {
    const recordings = client.calls(callSid).recordings;
    const { sid } = await recordings.create({ recordingChannels: 'dual' });
    recordingSids.push(sid);
    await store(statusEntry({ callSid, recordingSid: sid, status: 'in-progress' }, now()));
    // Three seconds of the call make a recording long enough to be kept (not absent).
    await twilio.clock.advance(3000);
    if (options.stillRecording && index === count - 1) break;
    await recordings(sid).update({ status: 'stopped' });
  }
  const feedback = options.feedback === undefined ? FEEDBACK_SPEECH : options.feedback;
  if (feedback !== null)
    await store(
      feedbackEntry({ callSid, recordingSid: recordingSids[0], speechResult: feedback }, now()),
    );
  if (options.stillRecording) return { callSid, recordingSids };
  twilio.endCall(callSid);
  await twilio.settle(callSid);
  for (const sid of recordingSids)
    await store(statusEntry({ callSid, recordingSid: sid, status: 'completed' }, now()));
  return { callSid, recordingSids };
}
