import {
  callbackEventsOf,
  choiceOf,
  statusCallbackOf,
  type FieldResult,
} from '../config/recording-options';
import type { RecordingSettings, Settings } from '../config/settings';

type RequestSettings = Pick<Settings, 'twilio' | 'recording' | 'consent'>;
import { readField, type Fields } from '../request/fields';
import { ROUTE_PATHS } from '../route-paths';
import { withQuery } from '../service-url';
import {
  CALLBACK_METHODS,
  CHANNELS,
  PAUSE_BEHAVIORS,
  TRACKS,
  TRIM_VALUES,
  type PauseBehavior,
} from '../twilio/recording-values';
import type { FieldErrors } from './field-errors';
import type { StartOptions } from './toggle-types';

/** The per-use query override of each recording option (the setting gives its default). */
const OVERRIDES = {
  statusCallback: 'RecordingStatusCallback',
  statusCallbackMethod: 'RecordingStatusCallbackMethod',
  statusCallbackEvents: 'RecordingStatusCallbackEvent',
  channels: 'RecordingChannels',
  trim: 'Trim',
  track: 'RecordingTrack',
  pauseBehavior: 'PauseBehavior',
} as const satisfies Partial<Record<keyof RecordingSettings, string>>;

type Option = keyof typeof OVERRIDES;

const lower = (value: string) => value.toLowerCase();

/** Each option's rule, applied to a query override as the settings apply it to their value. */
function overrideOf(option: Option, field: string, given: string, settings: RequestSettings) {
  switch (option) {
    case 'statusCallback':
      return statusCallbackOf(field, given, settings.twilio.serviceBaseUrl);
    case 'statusCallbackMethod':
      return choiceOf(field, given, CALLBACK_METHODS, (value) => value.toUpperCase());
    case 'statusCallbackEvents':
      return callbackEventsOf(field, given);
    case 'channels':
      return choiceOf(field, given, CHANNELS, lower);
    case 'trim':
      return choiceOf(field, given, TRIM_VALUES, lower);
    case 'track':
      return choiceOf(field, given, TRACKS, lower);
    case 'pauseBehavior':
      return choiceOf(field, given, PAUSE_BEHAVIORS, lower);
  }
}

/** The query override when one is given, else the setting; a bad one is a configuration error. */
function option<K extends Option>(
  key: K,
  settings: RequestSettings,
  event: Fields,
  errors: FieldErrors,
): RecordingSettings[K] extends FieldResult<infer T> ? T | undefined : never {
  const read = readField(event, OVERRIDES[key]);
  if (read.error) errors.add('invalid-configuration', read.error);
  const chosen =
    read.value === undefined
      ? settings.recording[key]
      : overrideOf(key, OVERRIDES[key], read.value, settings);
  return errors.result('invalid-configuration', chosen as FieldResult<unknown>) as never;
}

/** What the Recordings API is told when a recording starts; undefined when an option is bad. */
export function readStartOptions(
  settings: RequestSettings,
  event: Fields,
  errors: FieldErrors,
): StartOptions | undefined {
  const callback = option('statusCallback', settings, event, errors);
  const options = {
    statusCallback: callback && withNotice(callback, settings),
    statusCallbackMethod: option('statusCallbackMethod', settings, event, errors),
    statusCallbackEvents: option('statusCallbackEvents', settings, event, errors),
    channels: option('channels', settings, event, errors),
    trim: option('trim', settings, event, errors),
    track: option('track', settings, event, errors),
  };
  const complete = Object.values(options).every((value) => value !== undefined);
  return complete ? (options as StartOptions) : undefined;
}

/**
 * In `notice` mode the consent step stores nothing: the notice is kept with the recording's own
 * status events, so this service's status route is told, on the callback URL (before Twilio's
 * connection overrides, which it never sends), that the recording follows a notice.
 */
function withNotice(callback: string, settings: RequestSettings): string {
  const [url, overrides] = callback.split('#');
  const own = `${settings.twilio.serviceBaseUrl}${ROUTE_PATHS.recordingStatus}`;
  if (settings.consent.mode !== 'notice' || url.split('?')[0] !== own) return callback;
  const noted = withQuery(url, { Consent: 'notice' });
  return overrides === undefined ? noted : `${noted}#${overrides}`;
}

export function readPauseBehavior(
  settings: RequestSettings,
  event: Fields,
  errors: FieldErrors,
): PauseBehavior | undefined {
  return option('pauseBehavior', settings, event, errors);
}
