import {
  CALLBACK_EVENTS,
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
} from './allowed-values';
import { setting, type SettingName } from './defaults';
import { readField } from './event-fields';
import { allowedList, type FieldError, type Result } from './field-error';
import { isServicePath, serviceBaseUrl } from './service-url';

/** Everything the Calls Recordings API is told when a recording starts. */
export interface StartOptions {
  statusCallback: string;
  statusCallbackMethod: CallbackMethod;
  statusCallbackEvents: CallbackEvent[];
  channels: Channels;
  trim: Trim;
  track: Track;
}

/** Each option: the environment variable that sets its default, and the query override. */
export const RECORDING_QUERY_OVERRIDES = {
  statusCallback: { env: 'RECORDING_STATUS_CALLBACK', query: 'RecordingStatusCallback' },
  statusCallbackMethod: {
    env: 'RECORDING_STATUS_CALLBACK_METHOD',
    query: 'RecordingStatusCallbackMethod',
  },
  statusCallbackEvents: {
    env: 'RECORDING_STATUS_CALLBACK_EVENT',
    query: 'RecordingStatusCallbackEvent',
  },
  channels: { env: 'RECORDING_CHANNELS', query: 'RecordingChannels' },
  trim: { env: 'RECORDING_TRIM', query: 'Trim' },
  track: { env: 'RECORDING_TRACK', query: 'RecordingTrack' },
  pauseBehavior: { env: 'RECORDING_PAUSE_BEHAVIOR', query: 'PauseBehavior' },
} as const satisfies Record<string, { env: SettingName; query: string }>;

type OptionKey = keyof typeof RECORDING_QUERY_OVERRIDES;

interface RawOption {
  value: string;
  field: string;
}

/** The query override when present, else the environment value or its default. */
function rawOption(
  env: Record<string, unknown>,
  event: Record<string, unknown>,
  key: OptionKey,
  errors: FieldError[],
): RawOption {
  const { env: envName, query } = RECORDING_QUERY_OVERRIDES[key];
  const read = readField(event, query);
  if (read.error) errors.push(read.error);
  if (read.value !== undefined) return { value: read.value, field: query };
  return { value: setting(env, envName), field: envName };
}

function oneOf<T extends string>(
  raw: RawOption,
  allowed: readonly T[],
  errors: FieldError[],
  normalise: (value: string) => string = (value) => value,
): T {
  const value = normalise(raw.value);
  if ((allowed as readonly string[]).includes(value)) return value as T;
  errors.push({
    field: raw.field,
    message: `'${raw.value}' is not allowed; use one of ${allowedList(allowed)}`,
  });
  return allowed[0];
}

function callbackEvents(raw: RawOption, errors: FieldError[]): CallbackEvent[] {
  // The widget separates events with spaces; commas are accepted too.
  const parts = raw.value.split(/[\s,]+/).filter((part) => part !== '');
  const unknown = parts.filter((part) => !(CALLBACK_EVENTS as readonly string[]).includes(part));
  if (parts.length === 0 || unknown.length > 0) {
    errors.push({
      field: raw.field,
      message: `'${raw.value}' is not allowed; use one or more of ${allowedList(CALLBACK_EVENTS)}, separated by spaces`,
    });
    return [];
  }
  return CALLBACK_EVENTS.filter((event) => parts.includes(event));
}

function callbackUrl(raw: RawOption, baseUrl: string, errors: FieldError[]): string {
  if (isServicePath(raw.value)) return `${baseUrl}${raw.value}`;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw.value);
  } catch {
    parsed = undefined;
  }
  if (!parsed || !/^https?:$/.test(parsed.protocol) || parsed.username || parsed.password) {
    errors.push({
      field: raw.field,
      message: `'${raw.value}' is not a valid callback URL; use an absolute http(s) URL without credentials, or a path of this service such as /recording-status`,
    });
    return '';
  }
  return parsed.toString();
}

/**
 * Resolves the options for starting a recording: environment defaults, overridden per use by
 * query parameters named as in the REST API. Returns every problem found, not just the first.
 */
export function resolveStartOptions(
  env: Record<string, unknown>,
  event: Record<string, unknown>,
): Result<StartOptions> {
  const errors: FieldError[] = [];
  const baseUrl = serviceBaseUrl(typeof env.DOMAIN_NAME === 'string' ? env.DOMAIN_NAME : '');
  const upper = (value: string) => value.toUpperCase();
  const lower = (value: string) => value.toLowerCase();
  const options: StartOptions = {
    statusCallback: callbackUrl(rawOption(env, event, 'statusCallback', errors), baseUrl, errors),
    statusCallbackMethod: oneOf(
      rawOption(env, event, 'statusCallbackMethod', errors),
      CALLBACK_METHODS,
      errors,
      upper,
    ),
    statusCallbackEvents: callbackEvents(
      rawOption(env, event, 'statusCallbackEvents', errors),
      errors,
    ),
    channels: oneOf(rawOption(env, event, 'channels', errors), CHANNELS, errors, lower),
    trim: oneOf(rawOption(env, event, 'trim', errors), TRIM_VALUES, errors, lower),
    track: oneOf(rawOption(env, event, 'track', errors), TRACKS, errors, lower),
  };
  return errors.length === 0 ? { ok: true, value: options } : { ok: false, errors };
}

export function resolvePauseBehavior(
  env: Record<string, unknown>,
  event: Record<string, unknown>,
): Result<PauseBehavior> {
  const errors: FieldError[] = [];
  const value = oneOf(
    rawOption(env, event, 'pauseBehavior', errors),
    PAUSE_BEHAVIORS,
    errors,
    (raw) => raw.toLowerCase(),
  );
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors };
}
