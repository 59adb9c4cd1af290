import type { FieldError } from '../failure';
import { err, ok, type Result } from '../result';
import { serviceBaseUrl } from '../service-url';
import { loopbackBaseUrl } from '../twilio/loopback';
import {
  CALLBACK_METHODS,
  CHANNELS,
  PAUSE_BEHAVIORS,
  TRACKS,
  TRIM_VALUES,
  type CallbackEvent,
  type CallbackMethod,
  type Channels,
  type PauseBehavior,
  type Track,
  type Trim,
} from '../twilio/recording-values';
import { isSid } from '../twilio/sids';
import { readConsentSettings, type ConsentSettings } from './consent-settings';
import {
  callbackEventsOf,
  choiceOf,
  statusCallbackOf,
  transitionTargetOf,
  type FieldResult,
} from './recording-options';
import { SettingValues, type Context } from './setting-values';
import { SETTINGS } from './settings-table';
import { readVoiceSettings, type VoiceSettings } from './voice-settings';

export type { Context } from './setting-values';
export type { FieldResult } from './recording-options';

export interface Credentials {
  accountSid: string;
  authToken: string;
}

/** The account, the REST client's reach, and where this service is served. */
export interface TwilioSettings {
  /** The account this service runs in, when ACCOUNT_SID is a well-formed SID. */
  accountSid?: string;
  authToken?: string;
  /** Both credentials, or the message that says how to provide them. */
  credentials: Result<Credentials, string>;
  /** The local Twilio's address, honoured only on a loopback host. */
  apiBaseUrl?: string;
  /** https://<domain>, or http:// for a local server. */
  serviceBaseUrl: string;
  restTimeoutMs: number;
}

/** The toggle's defaults: each a value, or the error that makes the toggle refuse to use it. */
export interface RecordingSettings {
  statusCallback: FieldResult<string>;
  statusCallbackMethod: FieldResult<CallbackMethod>;
  statusCallbackEvents: FieldResult<CallbackEvent[]>;
  channels: FieldResult<Channels>;
  trim: FieldResult<Trim>;
  track: FieldResult<Track>;
  pauseBehavior: FieldResult<PauseBehavior>;
  /** Where Success and Failed lead unless the request says otherwise. */
  successTarget: FieldResult<string>;
  failedTarget: FieldResult<string>;
  /** The defaults, where a broken target setting leads meanwhile (so Failed can still be told). */
  fallbackTargets: { success: string; failed: string };
  toggleBudgetMs: number;
}

export interface LogSettings {
  syncService: string;
  mapPrefix: string;
  shards: number;
  formerShards: number[];
  ttlSeconds: number;
  /** For storing a status event, and on the caller's path. */
  budgetMs: number;
  callerBudgetMs: number;
}

export const MIN_PASSWORD_LENGTH = 16;

export type PagePassword =
  { state: 'off' } | { state: 'too-short'; length: number } | { state: 'on'; password: string };

/** Every setting, read once per invocation. */
export interface Settings {
  twilio: TwilioSettings;
  recording: RecordingSettings;
  log: LogSettings;
  consent: ConsentSettings;
  voice: VoiceSettings;
  pagePassword: PagePassword;
  /** Days recordings are kept; undefined keeps them. */
  retentionDays?: number;
  /** Every setting found wrong so far, named, with what was used instead. */
  readonly problems: FieldError[];
}

/** Why a Studio return cannot be checked or built: the service does not know its account. */
export const RETURN_NEEDS_ACCOUNT =
  'needs ACCOUNT_SID, the account the flow belongs to, and it is not set (deployed: enable "Add my Twilio Credentials")';

export const MISSING_CREDENTIALS =
  'ACCOUNT_SID and AUTH_TOKEN must be set (deployed: enable "Add my Twilio Credentials"; locally: .env)';

/**
 * Reads the Function's context into Settings: every value typed, every problem named. Each
 * group is read the first time a step asks for it, once, so a step pays only for what it uses
 * (a TwiML step never parses the recording options), and `problems` lists what was found in
 * the groups read so far.
 */
export function readSettings(context: Context): Settings {
  const values = new SettingValues(context);
  const read = new Map<string, unknown>();
  const once = <T>(group: string, reader: () => T): T => {
    if (!read.has(group)) read.set(group, reader());
    return read.get(group) as T;
  };
  const settings: Settings = {
    get twilio() {
      return once('twilio', () => readTwilioSettings(values));
    },
    get recording() {
      return once('recording', () => readRecordingSettings(values, settings.twilio));
    },
    get log() {
      return once('log', () => readLogSettings(values));
    },
    get consent() {
      return once('consent', () => readConsentSettings(values));
    },
    get voice() {
      return once('voice', () => readVoiceSettings(values));
    },
    get pagePassword() {
      return once('pagePassword', () => readPagePassword(values));
    },
    get retentionDays() {
      return once('retentionDays', () => readRetentionDays(values));
    },
    get problems() {
      return values.problems;
    },
  };
  return settings;
}

function readTwilioSettings(values: SettingValues): TwilioSettings {
  const given = values.given('ACCOUNT_SID');
  const accountSid = isSid('AccountSid', given) ? given : undefined;
  if (given !== undefined && !accountSid) {
    values.problem('ACCOUNT_SID', 'must be AC followed by 32 lowercase hex digits');
  }
  const authToken = values.given('AUTH_TOKEN');
  return {
    accountSid,
    authToken,
    credentials: accountSid && authToken ? ok({ accountSid, authToken }) : err(MISSING_CREDENTIALS),
    apiBaseUrl: loopbackBaseUrl(values.given('TWILIO_API_BASE_URL')),
    serviceBaseUrl: serviceBaseUrl(values.given('DOMAIN_NAME')),
    restTimeoutMs: values.whole('REST_TIMEOUT_MS'),
  };
}

function readRecordingSettings(values: SettingValues, twilio: TwilioSettings): RecordingSettings {
  const noted = <T>(read: FieldResult<T>): FieldResult<T> => {
    if (!read.ok) values.problems.push(read.error);
    return read;
  };
  const lower = (value: string) => value.toLowerCase();
  const choice = <T extends string>(name: keyof typeof SETTINGS, allowed: readonly T[]) =>
    noted(choiceOf(name, values.text(name), allowed, lower));
  const target = (name: 'RECORDING_SUCCESS_PATH' | 'RECORDING_FAILED_PATH') =>
    noted(transitionTargetOf(name, values.text(name), twilio.accountSid));
  return {
    statusCallback: noted(
      statusCallbackOf(
        'RECORDING_STATUS_CALLBACK',
        values.text('RECORDING_STATUS_CALLBACK'),
        twilio.serviceBaseUrl,
      ),
    ),
    statusCallbackMethod: noted(
      choiceOf(
        'RECORDING_STATUS_CALLBACK_METHOD',
        values.text('RECORDING_STATUS_CALLBACK_METHOD'),
        CALLBACK_METHODS,
        (value) => value.toUpperCase(),
      ),
    ),
    statusCallbackEvents: noted(
      callbackEventsOf(
        'RECORDING_STATUS_CALLBACK_EVENT',
        values.text('RECORDING_STATUS_CALLBACK_EVENT'),
      ),
    ),
    channels: choice('RECORDING_CHANNELS', CHANNELS),
    trim: choice('RECORDING_TRIM', TRIM_VALUES),
    track: choice('RECORDING_TRACK', TRACKS),
    pauseBehavior: choice('RECORDING_PAUSE_BEHAVIOR', PAUSE_BEHAVIORS),
    successTarget: target('RECORDING_SUCCESS_PATH'),
    failedTarget: target('RECORDING_FAILED_PATH'),
    fallbackTargets: {
      success: SETTINGS.RECORDING_SUCCESS_PATH.default,
      failed: SETTINGS.RECORDING_FAILED_PATH.default,
    },
    toggleBudgetMs: values.whole('TOGGLE_BUDGET_MS'),
  };
}

function readLogSettings(values: SettingValues): LogSettings {
  return {
    syncService: values.text('RECORDING_LOG_SYNC_SERVICE'),
    mapPrefix: values.text('RECORDING_LOG_MAP'),
    shards: values.whole('RECORDING_LOG_SHARDS'),
    formerShards: formerShardCounts(values),
    ttlSeconds: values.whole('RECORDING_LOG_TTL_SECONDS'),
    budgetMs: values.whole('RECORDING_LOG_BUDGET_MS'),
    callerBudgetMs: values.whole('RECORDING_LOG_CALLER_BUDGET_MS'),
  };
}

/** `32, 16` → [32, 16]; a part that is not a whole number from 1 to 1024 is left out. */
function formerShardCounts(values: SettingValues): number[] {
  const parts = values
    .text('RECORDING_LOG_FORMER_SHARDS')
    .split(/[\s,]+/)
    .filter((part) => part !== '');
  const counts = parts
    .map(Number)
    .filter((count) => Number.isInteger(count) && count >= 1 && count <= 1024);
  if (counts.length < parts.length) {
    values.problem(
      'RECORDING_LOG_FORMER_SHARDS',
      'lists something other than whole numbers 1-1024; those are left out',
    );
  }
  return counts;
}

/** The page is on only with a password of at least 16 characters (never echoed in a message). */
function readPagePassword(values: SettingValues): PagePassword {
  const password = values.given('DASHBOARD_PASSWORD');
  if (password === undefined) return { state: 'off' };
  if (password.length >= MIN_PASSWORD_LENGTH) return { state: 'on', password };
  values.problem(
    'DASHBOARD_PASSWORD',
    `is ${password.length} characters; it must be at least ${MIN_PASSWORD_LENGTH}, so the page stays off`,
  );
  return { state: 'too-short', length: password.length };
}

function readRetentionDays(values: SettingValues): number | undefined {
  const given = values.given('RECORDING_RETENTION_DAYS');
  if (given === undefined) return undefined;
  const days = Number(given);
  if (/^\d{1,5}$/.test(given) && Number.isInteger(days)) return days;
  values.problem(
    'RECORDING_RETENTION_DAYS',
    `'${given}' must be a whole number of days, 0 or more; recordings are kept`,
  );
  return undefined;
}
