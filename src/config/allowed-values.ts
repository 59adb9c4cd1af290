/** The value sets the Calls Recordings API accepts (API 2010-04-01). */
export const RECORD_ACTIONS = ['true', 'false', 'pause', 'resume'] as const;
export const CALLBACK_METHODS = ['GET', 'POST'] as const;
export const CALLBACK_EVENTS = ['in-progress', 'completed', 'absent'] as const;
export const CHANNELS = ['mono', 'dual'] as const;
export const TRIM_VALUES = ['trim-silence', 'do-not-trim'] as const;
export const TRACKS = ['inbound', 'outbound', 'both'] as const;
export const PAUSE_BEHAVIORS = ['skip', 'silence'] as const;

export type RecordAction = (typeof RECORD_ACTIONS)[number];
export type CallbackMethod = (typeof CALLBACK_METHODS)[number];
export type CallbackEvent = (typeof CALLBACK_EVENTS)[number];
export type Channels = (typeof CHANNELS)[number];
export type Trim = (typeof TRIM_VALUES)[number];
export type Track = (typeof TRACKS)[number];
export type PauseBehavior = (typeof PAUSE_BEHAVIORS)[number];

export const SID_PATTERNS = {
  AccountSid: /^AC[0-9a-f]{32}$/,
  CallSid: /^CA[0-9a-f]{32}$/,
  RecordingSid: /^RE[0-9a-f]{32}$/,
  ConferenceSid: /^CF[0-9a-f]{32}$/,
} as const;
