/**
 * The interfaces between the parts of the local Twilio stand-in (never deployed):
 *
 *   call driver --(signed webhooks)--> gateway --> local Functions server --> REST stand-in
 *   REST stand-in --(signed status callbacks)--> gateway --> /recording-status
 *
 * The REST stand-in serves `https://{product}.twilio.com/{path}` at `{url}/{product}/{path}`
 * (for example `{url}/api/2010-04-01/Accounts/AC.../Calls/CA.../Recordings.json` and
 * `{url}/sync/v1/Services/...`), which is where the Functions' REST client sends requests when
 * TWILIO_API_BASE_URL={url} (see src/rest-client.ts).
 */
import type { Clock } from './clock';

export type CallStatus =
  'queued' | 'ringing' | 'in-progress' | 'completed' | 'busy' | 'failed' | 'no-answer' | 'canceled';

export type CallDirection = 'inbound' | 'outbound-api' | 'outbound-dial';

export interface SimulatedCall {
  sid: string;
  accountSid: string;
  from: string;
  to: string;
  direction: CallDirection;
  status: CallStatus;
  /** Clock time the call was created (Twilio's date_created). */
  createdAt: number;
  /** Clock time the call was answered / ended, if it has been. */
  answeredAt?: number;
  endedAt?: number;
}

export type RecordingStatusValue =
  'in-progress' | 'paused' | 'stopped' | 'processing' | 'completed' | 'absent' | 'failed';

/** A recording as the stand-in keeps it (the API's JSON is derived from this). */
export interface SimulatedRecording {
  sid: string;
  callSid: string;
  status: RecordingStatusValue;
  /** Of the file: 2 only for RecordingChannels=dual with both tracks. */
  channels: 1 | 2;
  track: 'inbound' | 'outbound' | 'both';
  trim: 'trim-silence' | 'do-not-trim';
  source: string;
  statusCallback?: string;
  statusCallbackMethod: 'GET' | 'POST';
  statusCallbackEvents: Array<'in-progress' | 'completed' | 'absent'>;
  /** Clock times. */
  createdAt: number;
  startedAt: number;
  endedAt?: number;
  /**
   * Once processed, the length of its audio file in ms (skipped pauses and trimmed silence left
   * out); 0 until then. `duration` and RecordingDuration are this in whole seconds.
   */
  recordedMs: number;
}

/** One REST request the stand-in received, and what it answered. */
export interface RestExchange {
  at: number; // clock time
  method: string;
  path: string; // as Twilio would see it, e.g. /2010-04-01/Accounts/AC.../Calls/CA.../Recordings.json
  product: string; // 'api', 'sync'
  operation: string; // the OpenAPI operationId, e.g. 'CreateCallRecording', 'UpdateCallRecording', 'FetchCall', 'UpdateSyncMapItem'
  params: Record<string, string | string[]>; // form body and query, repeated fields as arrays
  status: number;
  response: unknown; // the JSON body sent back (undefined when the connection was cut; for media, its type and size)
  fault?: string; // the fault that was injected, if any
  warnings?: string[]; // what Twilio would accept but flag, e.g. unknown parameters it ignores
}

/** One status callback the stand-in sent, and how the Functions answered. */
export interface CallbackDelivery {
  at: number;
  url: string;
  method: 'GET' | 'POST';
  params: Record<string, string>;
  status: number; // HTTP status received; 0 when the request failed at the network level
  responseBody: string;
  attempt: number;
}

/** What a fault does to the request it matches. */
export type FaultEffect =
  | { kind: 'error'; status: number; code?: number; message?: string }
  | { kind: 'delay'; ms: number } // real milliseconds before answering normally
  | { kind: 'reset' } // destroy the socket without answering, nothing applied
  | { kind: 'apply-then-reset' } // apply the request, then destroy the socket (a lost response)
  | { kind: 'hang' }; // never answer (until close)

export interface FaultRule {
  /** Operation name as in RestExchange.operation; omit to match any. */
  operation?: string;
  /** Product as in RestExchange.product ('api', 'sync'); omit to match any. */
  product?: string;
  /** HTTP method; omit to match any. */
  method?: string;
  /** How many matching requests it affects; default 1; Infinity for all. */
  times?: number;
  /** Probability in [0, 1] of applying to a matching request (for soaks); default 1. */
  probability?: number;
  effect: FaultEffect;
}

export interface TwilioStandIn {
  /** Base URL, e.g. http://127.0.0.1:45678 (use as TWILIO_API_BASE_URL). */
  url: string;
  accountSid: string;
  authToken: string;
  clock: Clock;

  /** A new call in `ringing` state (as Twilio has it when it posts the voice webhook). */
  createCall(call: { from: string; to: string; direction: CallDirection }): SimulatedCall;
  /** Twilio answering the call (any first TwiML verb but <Reject>) moves it to `in-progress`. */
  answerCall(callSid: string): void;
  /**
   * Ends the call: `completed` once answered, else `no-answer` or `unanswered` (a rejected
   * call). Active recordings stop, are processed, and their callbacks fire.
   */
  endCall(callSid: string, unanswered?: 'busy' | 'no-answer'): void;
  getCall(callSid: string): SimulatedCall | undefined;
  /** All recordings, or those of one call, oldest first. */
  recordings(callSid?: string): SimulatedRecording[];

  /** Every REST request so far, oldest first. */
  readonly exchanges: readonly RestExchange[];
  /** Every status callback delivery so far, oldest first. */
  readonly callbacks: readonly CallbackDelivery[];

  /** Adds a fault rule; returns a function that removes it. */
  injectFault(rule: FaultRule): () => void;
  clearFaults(): void;

  /**
   * Lets the clock run until nothing is left to happen (for one call, or for all): recordings
   * processed, their status callbacks delivered or given up on. Not for use by an actor.
   */
  settle(callSid?: string): Promise<void>;
  close(): Promise<void>;
}
