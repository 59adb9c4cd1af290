import { setting } from './config/defaults';
import { readField } from './config/event-fields';
import type { FieldError } from './config/field-error';
import { isServicePath, SERVICE_PATH_RULE } from './config/service-url';
import type { RecordingSnapshot } from './recording/recording-snapshot';
import type { ToggleAction } from './recording/toggle-action';
import type { FailureReason, RecordingStateAfterFailure } from './recording/failure';

/**
 * Names of the parameters that carry the widget's variables to the Success step. All start with
 * `Rec`, a prefix Twilio never uses for the parameters it posts to a voice webhook, so a body
 * parameter can never overwrite them when the runtime merges query and body.
 */
export const WIDGET_VARIABLE_PARAMS = {
  AccountSid: 'RecAccountSid',
  ApiVersion: 'RecApiVersion',
  CallSid: 'RecCallSid',
  ConferenceSid: 'RecConferenceSid',
  DateCreated: 'RecDateCreated',
  DateUpdated: 'RecDateUpdated',
  EncryptionDetails: 'RecEncryptionDetails',
  ErrorCode: 'RecErrorCode',
  PriceUnit: 'RecPriceUnit',
  Sid: 'RecSid',
  Uri: 'RecUri',
  Source: 'RecSource',
  StartTime: 'RecStartTime',
  // Not in the widget's table, but what a flow needs to know next.
  Status: 'RecStatus',
  Channels: 'RecChannels',
  Track: 'RecTrack',
} as const satisfies Record<keyof RecordingSnapshot, string>;

/** Parameters both transitions carry. */
export const ACTION_PARAM = 'RecAction';
/** Parameters only the Failed transition carries. */
export const FAILURE_PARAMS = {
  reason: 'RecFailureReason',
  code: 'RecFailureCode',
  message: 'RecFailureMessage',
  recordingSid: 'RecSid',
  recordingState: 'RecRecordingState',
} as const;

export interface Transitions {
  successPath: string;
  failedPath: string;
}

/**
 * Where the toggle goes next. Per-use `Success=` / `Failed=` overrides must stay inside this
 * service; a bad Failed override falls back to the configured Failed path so that the error
 * can still be reported.
 */
export function resolveTransitions(
  env: Record<string, unknown>,
  event: Record<string, unknown>,
): { transitions: Transitions; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const pick = (query: 'Success' | 'Failed', fallback: string): string => {
    const read = readField(event, query);
    if (read.error) {
      errors.push(read.error);
      return fallback;
    }
    if (read.value === undefined) return fallback;
    if (!isServicePath(read.value)) {
      errors.push({ field: query, message: `'${read.value}' ${SERVICE_PATH_RULE}` });
      return fallback;
    }
    return read.value;
  };
  const defaultFailed = setting(env, 'RECORDING_FAILED_PATH');
  const defaultSuccess = setting(env, 'RECORDING_SUCCESS_PATH');
  for (const [name, value] of [
    ['RECORDING_SUCCESS_PATH', defaultSuccess],
    ['RECORDING_FAILED_PATH', defaultFailed],
  ] as const) {
    if (!isServicePath(value))
      errors.push({ field: name, message: `'${value}' ${SERVICE_PATH_RULE}` });
  }
  const safeFailed = isServicePath(defaultFailed) ? defaultFailed : '/recording-failed';
  const safeSuccess = isServicePath(defaultSuccess) ? defaultSuccess : '/recording-success';
  return {
    transitions: {
      successPath: pick('Success', safeSuccess),
      failedPath: pick('Failed', safeFailed),
    },
    errors,
  };
}

/** Appends parameters to a service path that may already carry a query string. */
export function withQuery(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.append(name, value);
  }
  const encoded = query.toString();
  if (encoded === '') return path;
  return `${path}${path.includes('?') ? '&' : '?'}${encoded}`;
}

export function successUrl(
  path: string,
  action: ToggleAction,
  recording: RecordingSnapshot,
): string {
  const params: Record<string, string> = { [ACTION_PARAM]: action };
  for (const [variable, param] of Object.entries(WIDGET_VARIABLE_PARAMS)) {
    params[param] = recording[variable as keyof RecordingSnapshot];
  }
  return withQuery(path, params);
}

export interface FailureDetails {
  action: ToggleAction | 'unknown';
  reason: FailureReason;
  code?: string;
  message: string;
  recordingSid?: string;
  recordingState?: RecordingStateAfterFailure;
}

export function failedUrl(path: string, failure: FailureDetails): string {
  return withQuery(path, {
    [ACTION_PARAM]: failure.action,
    [FAILURE_PARAMS.reason]: failure.reason,
    [FAILURE_PARAMS.code]: failure.code,
    // Keep redirect URLs short; the full message is in the log line.
    [FAILURE_PARAMS.message]: failure.message.slice(0, 500),
    [FAILURE_PARAMS.recordingSid]: failure.recordingSid,
    [FAILURE_PARAMS.recordingState]: failure.recordingState,
  });
}
