/**
 * Every setting of the project, in one table: its name (the environment variable), its
 * default, what values it takes, and what it does. The Functions read them through
 * settings.ts; `.env.example` and the README's settings table are generated from this table
 * (`npm run docs`), and a test checks that they are.
 */

/** Who sets a variable, and so whether a deploy uploads it. */
export type SettingScope =
  /** The service's own configuration: uploaded when set to something else than its default. */
  | 'service'
  /** Set by Twilio in a deployed service (the account's credentials, the domain): never uploaded. */
  | 'twilio'
  /** Read on this machine only (npm start, the commands): never uploaded. */
  | 'local';

export interface SettingRow {
  /** The environment variable. */
  name: string;
  default: string;
  /** What values it takes, for people: a range, a list, or a kind of text. */
  allowed: string;
  description: string;
  scope: SettingScope;
  /** The group it is listed under in `.env.example` and the README. */
  group: SettingGroup;
  /** The whole-number range a value is held to (a value outside is refused and clamped). */
  range?: readonly [number, number];
  /** Written uncommented in `.env.example`: it must be set for what it serves. */
  mustSet?: boolean;
}

export const SETTING_GROUPS = {
  credentials: 'Twilio credentials',
  local: 'Local development only',
  recording: 'Recording options (the widget’s configuration)',
  transitions: 'Transitions',
  time: 'Time budget (milliseconds)',
  log: 'The recording log (Twilio Sync)',
  consent: 'Consent before recording',
  page: 'The recordings page',
  retention: 'Retention',
  voice: 'What the caller hears',
} as const;

export type SettingGroup = keyof typeof SETTING_GROUPS;

export const ACCOUNT_SID = {
  name: 'ACCOUNT_SID',
  group: 'credentials',
  scope: 'twilio',
  mustSet: true,
  default: '',
  allowed: 'AC…',
  description:
    'Your account; with AUTH_TOKEN, needed by npm run deploy, wire and logs. Deployed, Twilio provides it ("Add my Twilio Credentials").',
} as const satisfies SettingRow;

export const AUTH_TOKEN = {
  name: 'AUTH_TOKEN',
  group: 'credentials',
  scope: 'twilio',
  mustSet: true,
  default: '',
  allowed: 'secret',
  description:
    'The account’s auth token: read from .env by the commands, never uploaded, never logged.',
} as const satisfies SettingRow;

export const DOMAIN_NAME = {
  name: 'DOMAIN_NAME',
  group: 'credentials',
  scope: 'twilio',
  default: '',
  allowed: 'host',
  description:
    'The service’s own domain, set by Twilio (and by the local runtime); paths in settings are resolved against it.',
} as const satisfies SettingRow;

export const TWILIO_API_BASE_URL = {
  name: 'TWILIO_API_BASE_URL',
  group: 'local',
  scope: 'local',
  default: '',
  allowed: 'loopback URL',
  description:
    'Sends the REST client to the local Twilio; only loopback addresses are honoured, so a deployed service ignores it.',
} as const satisfies SettingRow;

export const PORT = {
  name: 'PORT',
  group: 'local',
  scope: 'local',
  range: [0, 65535],
  allowed: '0-65535',
  default: '3000',
  description: 'Port of npm start and npm run deploy:local (the shell’s PORT wins over .env).',
} as const satisfies SettingRow;

export const RECORDING_STATUS_CALLBACK = {
  name: 'RECORDING_STATUS_CALLBACK',
  group: 'recording',
  scope: 'service',
  default: '/recording-status#rc=5&rp=all',
  allowed: 'path or http(s) URL, #overrides',
  description:
    'Where status events go; the fragment asks Twilio to retry a failed delivery (5xx included) 5 times. Per use: RecordingStatusCallback.',
} as const satisfies SettingRow;

export const RECORDING_STATUS_CALLBACK_METHOD = {
  name: 'RECORDING_STATUS_CALLBACK_METHOD',
  group: 'recording',
  scope: 'service',
  default: 'POST',
  allowed: 'GET, POST',
  description: 'How status events are sent. Per use: RecordingStatusCallbackMethod.',
} as const satisfies SettingRow;

export const RECORDING_STATUS_CALLBACK_EVENT = {
  name: 'RECORDING_STATUS_CALLBACK_EVENT',
  group: 'recording',
  scope: 'service',
  default: 'completed absent',
  allowed: 'in-progress, completed, absent; space separated',
  description:
    'The events to report: the widget’s completed, and absent for a recording that made no file. Adding in-progress costs one Sync write per recording. Per use: RecordingStatusCallbackEvent.',
} as const satisfies SettingRow;

export const RECORDING_CHANNELS = {
  name: 'RECORDING_CHANNELS',
  group: 'recording',
  scope: 'service',
  default: 'dual',
  allowed: 'mono, dual',
  description:
    'dual, as the widget records (the REST API alone would default to mono). Per use: RecordingChannels.',
} as const satisfies SettingRow;

export const RECORDING_TRIM = {
  name: 'RECORDING_TRIM',
  group: 'recording',
  scope: 'service',
  default: 'do-not-trim',
  allowed: 'trim-silence, do-not-trim',
  description: 'Whether leading and trailing silence is trimmed. Per use: Trim.',
} as const satisfies SettingRow;

export const RECORDING_TRACK = {
  name: 'RECORDING_TRACK',
  group: 'recording',
  scope: 'service',
  default: 'both',
  allowed: 'inbound, outbound, both',
  description: 'Which side of the call is recorded. Per use: RecordingTrack.',
} as const satisfies SettingRow;

export const RECORDING_PAUSE_BEHAVIOR = {
  name: 'RECORDING_PAUSE_BEHAVIOR',
  group: 'recording',
  scope: 'service',
  default: 'silence',
  allowed: 'skip, silence',
  description: 'What a pause leaves in the file (Record=pause). Per use: PauseBehavior.',
} as const satisfies SettingRow;

export const RECORDING_SUCCESS_PATH = {
  name: 'RECORDING_SUCCESS_PATH',
  group: 'transitions',
  scope: 'service',
  default: '/recording-success',
  allowed: 'path, or Studio return URL',
  description: 'Where the toggle goes on Success. Per use: Success= (or Return=FW… for both).',
} as const satisfies SettingRow;

export const RECORDING_FAILED_PATH = {
  name: 'RECORDING_FAILED_PATH',
  group: 'transitions',
  scope: 'service',
  default: '/recording-failed',
  allowed: 'path, or Studio return URL',
  description: 'Where the toggle goes on Failed. Per use: Failed=.',
} as const satisfies SettingRow;

export const REST_TIMEOUT_MS = {
  name: 'REST_TIMEOUT_MS',
  group: 'time',
  scope: 'service',
  range: [250, 9000],
  allowed: '250-9000',
  default: '3000',
  description: 'Upper bound for one REST or Sync request.',
} as const satisfies SettingRow;

export const TOGGLE_BUDGET_MS = {
  name: 'TOGGLE_BUDGET_MS',
  group: 'time',
  scope: 'service',
  range: [500, 9000],
  allowed: '500-9000',
  default: '7000',
  description: 'Upper bound for the whole toggle, retries included (a Function runs 10 s at most).',
} as const satisfies SettingRow;

export const RECORDING_LOG_SYNC_SERVICE = {
  name: 'RECORDING_LOG_SYNC_SERVICE',
  group: 'log',
  scope: 'service',
  default: 'default',
  allowed: 'IS…, or default',
  description: 'The Sync service that holds the log ("default": the account’s default service).',
} as const satisfies SettingRow;

export const RECORDING_LOG_MAP = {
  name: 'RECORDING_LOG_MAP',
  group: 'log',
  scope: 'service',
  default: 'call-recordings',
  allowed: 'name',
  description: 'The log’s maps are named <this>-<shards>-<index>, created on first use.',
} as const satisfies SettingRow;

export const RECORDING_LOG_SHARDS = {
  name: 'RECORDING_LOG_SHARDS',
  group: 'log',
  scope: 'service',
  range: [1, 1024],
  allowed: '1-1024',
  default: '128',
  description:
    'How many maps the log is spread over (by a hash of the CallSid); 128 held 800 calls/s without latency.',
} as const satisfies SettingRow;

export const RECORDING_LOG_FORMER_SHARDS = {
  name: 'RECORDING_LOG_FORMER_SHARDS',
  group: 'log',
  scope: 'service',
  default: '',
  allowed: 'counts, comma separated',
  description: 'Shard counts used before: still read (one more read each), never written.',
} as const satisfies SettingRow;

export const RECORDING_LOG_TTL_SECONDS = {
  name: 'RECORDING_LOG_TTL_SECONDS',
  group: 'log',
  scope: 'service',
  range: [0, 31_536_000],
  allowed: '0-31536000',
  default: '0',
  description: 'Seconds a log entry is kept; 0 keeps it for good.',
} as const satisfies SettingRow;

export const RECORDING_LOG_BUDGET_MS = {
  name: 'RECORDING_LOG_BUDGET_MS',
  group: 'log',
  scope: 'service',
  range: [500, 9000],
  allowed: '500-9000',
  default: '4500',
  description:
    'Upper bound for storing one status event, retries included; short enough for Twilio to redeliver within its 15 s.',
} as const satisfies SettingRow;

export const RECORDING_LOG_CALLER_BUDGET_MS = {
  name: 'RECORDING_LOG_CALLER_BUDGET_MS',
  group: 'log',
  scope: 'service',
  range: [500, 9000],
  allowed: '500-9000',
  default: '4500',
  description:
    'The same bound on the caller’s path (consent, feedback), where the caller waits: only as long when the account is saturated.',
} as const satisfies SettingRow;

export const RECORDING_CONSENT = {
  name: 'RECORDING_CONSENT',
  group: 'consent',
  scope: 'service',
  default: 'notice',
  allowed: 'notice, opt-in, opt-out',
  description:
    'notice: announce, then record; opt-in: record only after a yes; opt-out: unless the caller says no. A mistake in any consent setting means opt-in.',
} as const satisfies SettingRow;

export const CONSENT_PROMPT = {
  name: 'CONSENT_PROMPT',
  group: 'consent',
  scope: 'service',
  allowed: 'text',
  default:
    'Thank you for calling. We would like to record this call for quality purposes. To agree, press 1 or say yes. To continue without recording, press 2 or say no.',
  description: 'The opt-in question.',
} as const satisfies SettingRow;

export const CONSENT_REPROMPT = {
  name: 'CONSENT_REPROMPT',
  group: 'consent',
  scope: 'service',
  allowed: 'text',
  default:
    'Sorry, we did not get that. To agree to recording, press 1 or say yes. Otherwise, press 2 or say no.',
  description: 'The opt-in question, asked the second time.',
} as const satisfies SettingRow;

export const OPT_OUT_PROMPT = {
  name: 'OPT_OUT_PROMPT',
  group: 'consent',
  scope: 'service',
  allowed: 'text',
  default:
    'Thank you for calling. This call will be recorded for quality purposes. To continue without recording, press 2 or say no now.',
  description: 'The opt-out announcement.',
} as const satisfies SettingRow;

export const OPT_OUT_REPROMPT = {
  name: 'OPT_OUT_REPROMPT',
  group: 'consent',
  scope: 'service',
  allowed: 'text',
  default:
    'Sorry, we did not get that. To continue without recording, press 2 or say no. Otherwise, the call will be recorded.',
  description: 'The opt-out announcement, the second time.',
} as const satisfies SettingRow;

export const CONSENT_YES_KEY = {
  name: 'CONSENT_YES_KEY',
  group: 'consent',
  scope: 'service',
  default: '1',
  allowed: '0-9, *, #',
  description: 'The key that says yes.',
} as const satisfies SettingRow;

export const CONSENT_NO_KEY = {
  name: 'CONSENT_NO_KEY',
  group: 'consent',
  scope: 'service',
  default: '2',
  allowed: '0-9, *, # (not the yes key)',
  description: 'The key that says no.',
} as const satisfies SettingRow;

export const CONSENT_YES_WORDS = {
  name: 'CONSENT_YES_WORDS',
  group: 'consent',
  scope: 'service',
  default: 'yes, yeah, yep, sure, okay, ok, i agree, agree',
  allowed: 'words, comma separated',
  description: 'Words or short phrases that mean yes, any case.',
} as const satisfies SettingRow;

export const CONSENT_NO_WORDS = {
  name: 'CONSENT_NO_WORDS',
  group: 'consent',
  scope: 'service',
  default: 'no, nope, no thanks, do not, don’t, dont, disagree',
  allowed: 'words, comma separated (none of the yes words)',
  description: 'Words or short phrases that mean no, any case.',
} as const satisfies SettingRow;

export const CONSENT_TIMEOUT = {
  name: 'CONSENT_TIMEOUT',
  group: 'consent',
  scope: 'service',
  range: [1, 60],
  allowed: '1-60',
  default: '5',
  description: 'Seconds the caller has to answer, each time they are asked (twice at most).',
} as const satisfies SettingRow;

export const CONSENT_DECLINED_TEXT = {
  name: 'CONSENT_DECLINED_TEXT',
  group: 'consent',
  scope: 'service',
  allowed: 'text',
  default: 'All right, this call will not be recorded.',
  description: 'Said to a caller who declined.',
} as const satisfies SettingRow;

export const CONSENT_NO_ANSWER_TEXT = {
  name: 'CONSENT_NO_ANSWER_TEXT',
  group: 'consent',
  scope: 'service',
  allowed: 'text',
  default: 'We did not hear an answer, so this call will not be recorded.',
  description: 'Said when the caller did not answer (opt-in).',
} as const satisfies SettingRow;

export const DASHBOARD_PASSWORD = {
  name: 'DASHBOARD_PASSWORD',
  group: 'page',
  scope: 'service',
  default: '',
  allowed: '16 or more characters',
  description:
    'The recordings page’s password (HTTP Basic, any user name). Unset: its routes answer 404. npm start makes one up.',
} as const satisfies SettingRow;

export const RECORDING_RETENTION_DAYS = {
  name: 'RECORDING_RETENTION_DAYS',
  group: 'retention',
  scope: 'local',
  default: '',
  allowed: 'whole days ≥ 0, or empty to keep',
  description:
    'npm run retention erases the calls whose recordings are this many days old or older on Twilio’s clock (recordings deleted, the caller’s words removed, an erasure entry kept); --days N overrides it for one run. Empty keeps them.',
} as const satisfies SettingRow;

export const SAY_VOICE = {
  name: 'SAY_VOICE',
  group: 'voice',
  scope: 'service',
  default: 'Polly.Joanna',
  allowed: '<Say> voice',
  description: 'The voice of every prompt.',
} as const satisfies SettingRow;

export const SAY_LANGUAGE = {
  name: 'SAY_LANGUAGE',
  group: 'voice',
  scope: 'service',
  default: 'en-US',
  allowed: '<Say> language',
  description: 'The language of every prompt and of speech recognition.',
} as const satisfies SettingRow;

export const ANNOUNCEMENT_TEXT = {
  name: 'ANNOUNCEMENT_TEXT',
  group: 'voice',
  scope: 'service',
  allowed: 'text',
  default: 'Thank you for calling. This call will be recorded for quality purposes.',
  description: 'The notice (consent mode notice).',
} as const satisfies SettingRow;

export const INBOUND_ONLY_TEXT = {
  name: 'INBOUND_ONLY_TEXT',
  group: 'voice',
  scope: 'service',
  allowed: 'text',
  default: 'Sorry, this line only handles incoming calls, so this call cannot continue. Goodbye.',
  description: 'Said to a call that is not inbound before hanging up.',
} as const satisfies SettingRow;

export const FEEDBACK_PROMPT = {
  name: 'FEEDBACK_PROMPT',
  group: 'voice',
  scope: 'service',
  allowed: 'text',
  default: 'Please tell us about your experience with us today. We are listening.',
  description: 'The feedback question.',
} as const satisfies SettingRow;

export const FEEDBACK_REPROMPT = {
  name: 'FEEDBACK_REPROMPT',
  group: 'voice',
  scope: 'service',
  allowed: 'text',
  default: 'Sorry, we did not hear anything. Please tell us about your experience.',
  description: 'The feedback question, asked again after silence.',
} as const satisfies SettingRow;

export const FEEDBACK_SPEECH_TIMEOUT = {
  name: 'FEEDBACK_SPEECH_TIMEOUT',
  group: 'voice',
  scope: 'service',
  default: 'auto',
  allowed: 'auto, or 1-99 seconds',
  description: 'auto ends the answer when the caller stops talking.',
} as const satisfies SettingRow;

export const FEEDBACK_START_TIMEOUT = {
  name: 'FEEDBACK_START_TIMEOUT',
  group: 'voice',
  scope: 'service',
  range: [1, 60],
  allowed: '1-60',
  default: '5',
  description: 'Seconds to wait for the caller to start speaking.',
} as const satisfies SettingRow;

export const THANK_YOU_TEXT = {
  name: 'THANK_YOU_TEXT',
  group: 'voice',
  scope: 'service',
  allowed: 'text',
  default: 'Thank you for your feedback. Goodbye.',
  description: 'The goodbye.',
} as const satisfies SettingRow;

export const START_FAILED_TEXT = {
  name: 'START_FAILED_TEXT',
  group: 'voice',
  scope: 'service',
  allowed: 'text',
  default: 'We are sorry, we could not record this call, but we would still like to hear from you.',
  description: 'Said when the recording could not start; the question follows.',
} as const satisfies SettingRow;

export const STOP_FAILED_TEXT = {
  name: 'STOP_FAILED_TEXT',
  group: 'voice',
  scope: 'service',
  allowed: 'text',
  default: 'Thank you for calling. We are sorry for the trouble. Goodbye.',
  description: 'Said when something failed and the call ends.',
} as const satisfies SettingRow;

/**
 * The table, every row by its name. Each row is also its own export, so that a Function's bundle
 * carries only the rows of the settings it reads.
 */
export const SETTINGS = {
  ACCOUNT_SID,
  AUTH_TOKEN,
  DOMAIN_NAME,
  TWILIO_API_BASE_URL,
  PORT,
  RECORDING_STATUS_CALLBACK,
  RECORDING_STATUS_CALLBACK_METHOD,
  RECORDING_STATUS_CALLBACK_EVENT,
  RECORDING_CHANNELS,
  RECORDING_TRIM,
  RECORDING_TRACK,
  RECORDING_PAUSE_BEHAVIOR,
  RECORDING_SUCCESS_PATH,
  RECORDING_FAILED_PATH,
  REST_TIMEOUT_MS,
  TOGGLE_BUDGET_MS,
  RECORDING_LOG_SYNC_SERVICE,
  RECORDING_LOG_MAP,
  RECORDING_LOG_SHARDS,
  RECORDING_LOG_FORMER_SHARDS,
  RECORDING_LOG_TTL_SECONDS,
  RECORDING_LOG_BUDGET_MS,
  RECORDING_LOG_CALLER_BUDGET_MS,
  RECORDING_CONSENT,
  CONSENT_PROMPT,
  CONSENT_REPROMPT,
  OPT_OUT_PROMPT,
  OPT_OUT_REPROMPT,
  CONSENT_YES_KEY,
  CONSENT_NO_KEY,
  CONSENT_YES_WORDS,
  CONSENT_NO_WORDS,
  CONSENT_TIMEOUT,
  CONSENT_DECLINED_TEXT,
  CONSENT_NO_ANSWER_TEXT,
  DASHBOARD_PASSWORD,
  RECORDING_RETENTION_DAYS,
  SAY_VOICE,
  SAY_LANGUAGE,
  ANNOUNCEMENT_TEXT,
  INBOUND_ONLY_TEXT,
  FEEDBACK_PROMPT,
  FEEDBACK_REPROMPT,
  FEEDBACK_SPEECH_TIMEOUT,
  FEEDBACK_START_TIMEOUT,
  THANK_YOU_TEXT,
  START_FAILED_TEXT,
  STOP_FAILED_TEXT,
} as const satisfies Record<string, SettingRow>;

export type SettingName = keyof typeof SETTINGS;

/** The names whose rows give a whole-number range. */
export type WholeSettingName = {
  [Name in SettingName]: (typeof SETTINGS)[Name] extends { range: unknown } ? Name : never;
}[SettingName];
