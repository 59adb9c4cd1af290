import type { FieldError } from '../failure';
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
import {
  callbackEventsOf,
  choiceOf,
  statusCallbackOf,
  transitionTargetOf,
  type FieldResult,
} from './recording-options';
import type { SettingsGroup } from './settings-group';
import {
  RECORDING_CHANNELS,
  RECORDING_FAILED_PATH,
  RECORDING_PAUSE_BEHAVIOR,
  RECORDING_STATUS_CALLBACK,
  RECORDING_STATUS_CALLBACK_EVENT,
  RECORDING_STATUS_CALLBACK_METHOD,
  RECORDING_SUCCESS_PATH,
  RECORDING_TRACK,
  RECORDING_TRIM,
  TOGGLE_BUDGET_MS,
  type SettingRow,
} from './settings-table';
import type { SettingValues } from './setting-values';
import { TWILIO } from './twilio-settings';

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

function noted<T>(values: SettingValues, read: FieldResult<T>): FieldResult<T> {
  if (!read.ok) values.problems.push(read.error as FieldError);
  return read;
}

export const RECORDING: SettingsGroup<RecordingSettings> = {
  read(values, group) {
    const twilio = group(TWILIO);
    const lower = (value: string) => value.toLowerCase();
    const choice = <T extends string>(row: SettingRow, allowed: readonly T[]) =>
      noted(values, choiceOf(row.name, values.text(row), allowed, lower));
    const target = (row: SettingRow) =>
      noted(values, transitionTargetOf(row.name, values.text(row), twilio.accountSid));
    const { name: callback } = RECORDING_STATUS_CALLBACK;
    const method = RECORDING_STATUS_CALLBACK_METHOD;
    const events = RECORDING_STATUS_CALLBACK_EVENT;
    return {
      statusCallback: noted(
        values,
        statusCallbackOf(callback, values.text(RECORDING_STATUS_CALLBACK), twilio.serviceBaseUrl),
      ),
      statusCallbackMethod: noted(
        values,
        choiceOf(method.name, values.text(method), CALLBACK_METHODS, (value) =>
          value.toUpperCase(),
        ),
      ),
      statusCallbackEvents: noted(values, callbackEventsOf(events.name, values.text(events))),
      channels: choice(RECORDING_CHANNELS, CHANNELS),
      trim: choice(RECORDING_TRIM, TRIM_VALUES),
      track: choice(RECORDING_TRACK, TRACKS),
      pauseBehavior: choice(RECORDING_PAUSE_BEHAVIOR, PAUSE_BEHAVIORS),
      successTarget: target(RECORDING_SUCCESS_PATH),
      failedTarget: target(RECORDING_FAILED_PATH),
      fallbackTargets: {
        success: RECORDING_SUCCESS_PATH.default,
        failed: RECORDING_FAILED_PATH.default,
      },
      toggleBudgetMs: values.whole(TOGGLE_BUDGET_MS),
    };
  },
};
