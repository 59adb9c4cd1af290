import type { Actor } from './clock';
import {
  DEFAULT_CALLED,
  DEFAULT_CALLER,
  type CallResult,
  type CallScript,
  type GatherAnswer,
  type TranscriptKind,
} from './call-script';
import { CallTranscript } from './call-transcript';
import type { SimulatedCall } from './contracts';
import type { SoundSegment } from './stand-in/media';
import type { LocalTwilio } from './stand-in/server';
import type { TwimlNode } from './twiml-document';
import { TwimlFetcher, WEBHOOK_DEADLINE_MS, type Method } from './twiml-fetch';

// Assumption [call-driver-sound-timings]: what things take on the call, for the transcript's
// times and the recordings' audio: a spoken word 400 ms, a <Play> 3 s, a key press 700 ms, and
// a second of silence after the caller's last word before a speech Gather ends.
export const SPEAKING_MS_PER_WORD = 400;
export const KEY_PRESS_MS = 700;
const PLAY_MS = 3000;
export const END_OF_SPEECH_MS = 1000;

export const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** The next TwiML request of a call: where, how, and what it adds to the usual parameters. */
export interface NextRequest {
  url: string;
  method: Method;
  extra: Record<string, string>;
}

/** What a verb leaves the call to do: end (it has ended), or make the next request. */
export type Outcome = { ended: true } | { next: NextRequest };

export const ENDED: Outcome = { ended: true };

/**
 * One simulated call as the voice engine carries it out: the call on the stand-in, the caller
 * (an actor on the stand-in's clock: listening and speaking let time pass), what it still has
 * to answer, its transcript, and its TwiML requests.
 */
export class CallSession {
  readonly call: SimulatedCall;
  readonly caller: Actor;
  readonly transcript: CallTranscript;
  readonly fetcher: TwimlFetcher;
  /** What the caller still has to answer, in order. */
  readonly answers: GatherAnswer[];
  /** Gathers met so far. */
  gathers = 0;

  constructor(
    readonly twilio: LocalTwilio,
    gatewayUrl: string,
    readonly script: CallScript,
    fallback?: { url: string; method: Method },
  ) {
    this.call = twilio.createCall({
      from: script.from ?? DEFAULT_CALLER,
      to: script.number ?? script.to ?? DEFAULT_CALLED,
      direction: script.direction ?? 'inbound',
    });
    if (script.answered) twilio.answerCall(this.call.sid);
    this.caller = twilio.clock.actor();
    this.transcript = new CallTranscript(twilio, this.call.sid);
    this.answers = script.answers ?? (script.speech ?? []).map((text) => ({ say: text }));
    this.fetcher = new TwimlFetcher({
      twilio,
      gatewayUrl,
      call: this.call,
      transcript: this.transcript,
      deadlineMs: script.webhookDeadlineMs ?? WEBHOOK_DEADLINE_MS,
      fallback,
    });
  }

  note(kind: TranscriptKind, text: string): void {
    this.transcript.note(kind, text);
  }

  result(): CallResult {
    return {
      callSid: this.call.sid,
      status: this.twilio.getCall(this.call.sid)?.status ?? 'unknown',
      transcript: this.transcript.inOrder(),
      webhooks: this.fetcher.webhooks,
    };
  }

  /** Whether Twilio has picked up the call yet. */
  answered(): boolean {
    return this.twilio.getCall(this.call.sid)?.answeredAt !== undefined;
  }

  async hangUp(why: string, unanswered?: 'busy' | 'no-answer'): Promise<void> {
    this.twilio.endCall(this.call.sid, unanswered);
    this.note('hangup', why);
    this.caller.done();
    await this.twilio.settle(this.call.sid);
    this.transcript.collect();
  }

  /** Twilio could fetch no TwiML at all for the call, so it never answered: it ends `failed`. */
  failUnanswered(why: string): CallResult {
    this.note('error', why);
    this.call.status = 'failed';
    this.call.endedAt = this.twilio.clock.now();
    return this.result();
  }

  /** One sound on the call, reported to the stand-in as it starts, for the call's recordings. */
  hear(segment: Omit<SoundSegment, 'startMs'>): void {
    this.twilio.media.heard(this.call.sid, { ...segment, startMs: this.twilio.clock.now() });
  }

  /** A <Say>, <Play> or <Pause>: what the caller hears, and the time it takes. */
  async sound(verb: TwimlNode): Promise<void> {
    if (verb.name === 'Say') {
      const text = verb.text;
      const durationMs = Math.max(1, words(text)) * SPEAKING_MS_PER_WORD;
      this.note('say', `"${text}"`);
      if (words(text) > 0) this.hear({ track: 'outbound', kind: 'speech', text, durationMs });
      return this.caller.sleep(durationMs);
    }
    if (verb.name === 'Play') {
      this.note('say', `(audio) ${verb.text}`);
      this.hear({ track: 'outbound', kind: 'audio', text: verb.text, durationMs: PLAY_MS });
      return this.caller.sleep(PLAY_MS);
    }
    return this.caller.sleep(Number(verb.attributes.length ?? 1) * 1000);
  }

  /**
   * A verb the simulated engine does not carry out: a warning, and the call goes on without it;
   * in strict mode the call ends as an application error (true: it has ended).
   */
  async skipped(verb: TwimlNode, where = ''): Promise<boolean> {
    const text = `<${verb.name}>${where ? ` ${where}` : ''} is not simulated by the local voice engine`;
    if (!this.twilio.settings.strict) {
      this.note('warning', `${text}: skipped`);
      return false;
    }
    this.note('error', `${text} (strict mode)`);
    await this.hangUp('the call ends after an application error');
    return true;
  }
}
