import type { CallDirection } from './contracts';

/** The caller's number when a script names none. */
export const DEFAULT_CALLER = '+15005550006';
/** The number called when a script names none. */
export const DEFAULT_CALLED = '+15005550001';

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
  /** The caller's number (default DEFAULT_CALLER). */
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
