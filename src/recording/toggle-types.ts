import type {
  CallbackEvent,
  CallbackMethod,
  Channels,
  Track,
  Trim,
} from '../twilio/recording-values';

/** What the toggle was asked to do. `start`/`stop` are the widget's on/off switch. */
export type ToggleAction = 'start' | 'stop' | 'pause' | 'resume';

/** The status the Recordings API is asked to move a recording to, for each update action. */
export const TARGET_STATUS = { stop: 'stopped', pause: 'paused', resume: 'in-progress' } as const;

export type UpdateStatus = (typeof TARGET_STATUS)[keyof typeof TARGET_STATUS];

/** Everything the Calls Recordings API is told when a recording starts. */
export interface StartOptions {
  statusCallback: string;
  statusCallbackMethod: CallbackMethod;
  statusCallbackEvents: CallbackEvent[];
  channels: Channels;
  trim: Trim;
  track: Track;
}

/** Where Success and Failed lead: a path inside this service, or this account's Studio return URL. */
export interface Transitions {
  success: string;
  failed: string;
}

/** Where a toggle's answer goes, known even when the request itself is refused. */
export interface ToggleRoute {
  action: ToggleAction | 'unknown';
  /** The call, when its SID was well-formed (for the log line). */
  callSid?: string;
  /** A bad Failed override falls back to the configured target, so a refusal still has one. */
  transitions: Transitions;
}
