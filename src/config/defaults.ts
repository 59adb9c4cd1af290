/**
 * Every default the project uses, in one place. Each one can be overridden by the environment
 * variable of the same key (see .env.example); recording options can also be overridden per use
 * through the query parameters the toggle reads (src/recording/toggle-request.ts).
 */
export const DEFAULTS = {
  // Recording options (the widget's configuration).
  // The fragment is a connection override: Twilio retries a status callback up to 5 times on
  // any failure (`all`: a connection, a timeout or an error answer), within its 15 s total.
  // Without it Twilio would not retry a 5xx, and an event the log could not store would be
  // lost. `all` rather than a list of policies, because the docs do not say how to separate them.
  RECORDING_STATUS_CALLBACK: '/recording-status#rc=5&rp=all',
  RECORDING_STATUS_CALLBACK_METHOD: 'POST',
  // The widget's own default is `completed`; we also subscribe to `in-progress` and `absent`
  // so that a recording that never produces a file is reported instead of silently missing.
  RECORDING_STATUS_CALLBACK_EVENT: 'in-progress completed absent',
  // The widget records in dual channel; the REST API would default to mono.
  RECORDING_CHANNELS: 'dual',
  RECORDING_TRIM: 'do-not-trim',
  RECORDING_TRACK: 'both',
  RECORDING_PAUSE_BEHAVIOR: 'silence',
  RECORDING_SUCCESS_PATH: '/recording-success',
  RECORDING_FAILED_PATH: '/recording-failed',

  // Time budget: a Function may run 10 s at most, so every REST request and retry fits in this.
  REST_TIMEOUT_MS: '3000',
  TOGGLE_BUDGET_MS: '7000',

  // The recording log (Twilio Sync); see src/recording-log/sharded-layout.ts.
  RECORDING_LOG_SYNC_SERVICE: 'default',
  // `sharded`: one item per event in RECORDING_LOG_SHARDS maps; `single-map`: the earlier
  // layout, one read-modify-write item per recording in one map (kept as a baseline).
  RECORDING_LOG_LAYOUT: 'sharded',
  // The maps' names start with this.
  RECORDING_LOG_MAP: 'call-recordings',
  RECORDING_LOG_SHARDS: '128',
  // Shard counts used before (comma separated), still read so that no entry is lost from view.
  RECORDING_LOG_FORMER_SHARDS: '',
  // Seconds an item is kept after its last write; 0 keeps it for good.
  RECORDING_LOG_TTL_SECONDS: '0',
  // Upper bound for storing one status event, every Sync request and retry included. Short
  // enough for Twilio to retry a failed delivery within its 15 s total.
  RECORDING_LOG_BUDGET_MS: '4500',
  // The same bound on the caller's path (/feedback-received): the caller waits for it.
  RECORDING_LOG_CALLER_BUDGET_MS: '2500',

  // Consent before recording (src/config/consent-settings.ts): `notice` announces, then
  // records; `opt-in` records only after an explicit yes; `opt-out` records unless the caller
  // says no. Not legal advice: pick what the law where your callers are requires.
  RECORDING_CONSENT: 'notice',
  CONSENT_PROMPT:
    'Thank you for calling. We would like to record this call for quality purposes. To agree, press 1 or say yes. To continue without recording, press 2 or say no.',
  CONSENT_REPROMPT:
    'Sorry, we did not get that. To agree to recording, press 1 or say yes. Otherwise, press 2 or say no.',
  OPT_OUT_PROMPT:
    'Thank you for calling. This call will be recorded for quality purposes. To continue without recording, press 2 or say no now.',
  OPT_OUT_REPROMPT:
    'Sorry, we did not get that. To continue without recording, press 2 or say no. Otherwise, the call will be recorded.',
  // One key each (0-9, * or #), and words or short phrases, comma separated, any case.
  CONSENT_YES_KEY: '1',
  CONSENT_NO_KEY: '2',
  CONSENT_YES_WORDS: 'yes, yeah, yep, sure, okay, ok, i agree, agree',
  CONSENT_NO_WORDS: 'no, nope, no thanks, do not, don’t, dont, disagree',
  // Seconds the caller has to answer each time they are asked.
  CONSENT_TIMEOUT: '5',
  CONSENT_DECLINED_TEXT: 'All right, this call will not be recorded.',
  CONSENT_NO_ANSWER_TEXT: 'We did not hear an answer, so this call will not be recorded.',

  // What the caller hears in the Client Feedback flow.
  SAY_VOICE: 'Polly.Joanna',
  SAY_LANGUAGE: 'en-US',
  ANNOUNCEMENT_TEXT: 'Thank you for calling. This call will be recorded for quality purposes.',
  INBOUND_ONLY_TEXT:
    'Sorry, this line only handles incoming calls, so this call cannot continue. Goodbye.',
  FEEDBACK_PROMPT: 'Please tell us about your experience with us today. We are listening.',
  FEEDBACK_REPROMPT: 'Sorry, we did not hear anything. Please tell us about your experience.',
  FEEDBACK_SPEECH_TIMEOUT: 'auto',
  // Seconds Gather waits for the caller to start speaking.
  FEEDBACK_START_TIMEOUT: '5',
  THANK_YOU_TEXT: 'Thank you for your feedback. Goodbye.',
  START_FAILED_TEXT:
    'We are sorry, we could not record this call, but we would still like to hear from you.',
  STOP_FAILED_TEXT: 'Thank you for calling. We are sorry for the trouble. Goodbye.',
} as const;

export type SettingName = keyof typeof DEFAULTS;

/** The whole-number settings and the range each is held to (a value outside is clamped). */
const INTEGER_RANGES = {
  REST_TIMEOUT_MS: [250, 9000],
  TOGGLE_BUDGET_MS: [500, 9000],
  RECORDING_LOG_TTL_SECONDS: [0, 31_536_000],
  RECORDING_LOG_BUDGET_MS: [500, 9000],
  RECORDING_LOG_CALLER_BUDGET_MS: [500, 9000],
  RECORDING_LOG_SHARDS: [1, 1024],
  FEEDBACK_START_TIMEOUT: [1, 60],
  CONSENT_TIMEOUT: [1, 60],
} as const satisfies Partial<Record<SettingName, readonly [number, number]>>;

export type IntegerSettingName = keyof typeof INTEGER_RANGES;

/** Reads one setting from the Function context (environment), falling back to its default. */
export function setting(env: Record<string, unknown>, name: SettingName): string {
  const value = env[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : DEFAULTS[name];
}

/** A whole-number setting: its default when not a whole number, clamped to its range. */
export function integerSetting(env: Record<string, unknown>, name: IntegerSettingName): number {
  const [min, max] = INTEGER_RANGES[name];
  const value = Number(setting(env, name));
  const whole = Number.isInteger(value) ? value : Number(DEFAULTS[name]);
  return Math.min(max, Math.max(min, whole));
}
