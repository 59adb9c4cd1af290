/** The value sets of Twilio's Call Recordings API (2010-04-01) and its status callbacks. */
export const CALLBACK_METHODS = ['GET', 'POST'] as const;
export const CALLBACK_EVENTS = ['in-progress', 'completed', 'absent'] as const;
export const CHANNELS = ['mono', 'dual'] as const;
export const TRIM_VALUES = ['trim-silence', 'do-not-trim'] as const;
export const TRACKS = ['inbound', 'outbound', 'both'] as const;
export const PAUSE_BEHAVIORS = ['skip', 'silence'] as const;
/** What a recording status callback reports (`failed` only for encrypted recordings). */
export const CALLBACK_STATUSES = ['in-progress', 'completed', 'absent', 'failed'] as const;

export type CallbackMethod = (typeof CALLBACK_METHODS)[number];
export type CallbackEvent = (typeof CALLBACK_EVENTS)[number];
export type Channels = (typeof CHANNELS)[number];
export type Trim = (typeof TRIM_VALUES)[number];
export type Track = (typeof TRACKS)[number];
export type PauseBehavior = (typeof PAUSE_BEHAVIORS)[number];
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

/** The literal path segment the API reads as "the call's active recording". */
export const CURRENT_RECORDING = 'Twilio.CURRENT';

/** A recording's status as its status callbacks report it. */
export type RecordingStatus = CallbackStatus;
