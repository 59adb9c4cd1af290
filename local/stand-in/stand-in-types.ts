import type { Clock } from '../clock';
import type { TwilioStandIn } from '../contracts';
import type { SoundSegment } from './media';
import type { SpeechVoice } from './media/segment-sound';
import type { PhoneNumbers } from './phone-numbers';
import type { ServerlessServices } from './serverless';
import type { StudioFlows } from './studio-flows';
import type { SyncMaps } from './sync-maps';

/** What the stand-in does where Twilio has a setting or a limit; changes apply at once. */
export interface StandInSettings {
  /**
   * Unknown parameters are rejected (20001) instead of ignored with a warning, and every answer
   * is checked against Twilio's description (a mismatch answers 500: a bug in the stand-in).
   * Off by default, as Twilio is lenient; the project's own tests turn it on.
   */
  strict: boolean;
  processingDelayMs: number;
  /** Concurrent REST requests the account may have in flight (all products together). */
  concurrencyLimit: number;
  /**
   * The median time a REST answer takes, in the stand-in's clock's time (simulated time on a
   * SimulatedClock, so that concurrent callers' requests overlap and meet the concurrency
   * limit while time moves on; real time on a RealClock). Each answer's latency is drawn
   * around it (see latency.ts); 0, the default, answers at once, which keeps the tests fast.
   */
  latencyMs: number;
  /** How widely latencies spread around the median: the log-normal's sigma (0: all equal). */
  latencySpread: number;
  /**
   * How speech sounds in recordings: `tones` (one burst per word, the default, needs nothing) or
   * `espeak` (espeak-ng's real speech when it is on the PATH, tones otherwise).
   */
  speech: SpeechVoice;
  /**
   * Whether the stand-in sends the recordings' status callbacks itself (on by default); the
   * capacity benchmark sends them instead, to time them and to deliver some twice.
   */
  sendCallbacks: boolean;
}

export interface StandInOptions extends Partial<StandInSettings> {
  accountSid?: string;
  authToken?: string;
  clock?: Clock;
  port?: number;
  /** Real milliseconds between a failed callback delivery and its retry. */
  callbackRetryDelayMs?: number;
  /** Sync's rate limits (on unless a test must exceed them on purpose). */
  syncLimits?: boolean;
}

/** What the voice engine tells the stand-in about a call's sound, for its recordings' audio. */
export interface CallMedia {
  /** One sound on the call (what the flow says or plays, what the caller says or presses). */
  heard(callSid: string, segment: SoundSegment): void;
  /** Everything heard on the call so far, in the order it was reported. */
  segments(callSid: string): readonly SoundSegment[];
}

/** A Twilio stand-in with its Sync state and settings exposed too (for tests and the transcript). */
export interface LocalTwilio extends TwilioStandIn {
  media: CallMedia;
  sync: SyncMaps;
  /** The account's phone numbers, deployed services and Studio flows (seed them in tests). */
  phoneNumbers: PhoneNumbers;
  serverless: ServerlessServices;
  studio: StudioFlows;
  settings: StandInSettings;
  /** REST requests being served right now (what the concurrency limit counts). */
  requestsInFlight(): number;
}
