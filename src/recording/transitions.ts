import type { Failure } from '../failure';
import { withQuery } from '../service-url';
import type { RecordingSnapshot } from './recording-snapshot';
import type { RecordingStateAfterFailure } from './request-failure';
import type { ToggleAction } from './toggle-types';

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
/** The consent step's proof, passed on so that a later step can resume the recording. */
export const CONSENT_PARAM = 'RecConsent';
/** Parameters only the Failed transition carries. */
export const FAILURE_PARAMS = {
  reason: 'RecFailureReason',
  code: 'RecFailureCode',
  message: 'RecFailureMessage',
  recordingSid: 'RecSid',
  recordingState: 'RecRecordingState',
} as const;

/** Success: the transition's target (a path, or Studio's return URL) with the widget's variables. */
export function successUrl(
  target: string,
  action: ToggleAction,
  recording: RecordingSnapshot,
  consent?: string,
): string {
  const params: Record<string, string | undefined> = {
    [ACTION_PARAM]: action,
    [CONSENT_PARAM]: consent,
  };
  for (const [variable, param] of Object.entries(WIDGET_VARIABLE_PARAMS)) {
    params[param] = recording[variable as keyof RecordingSnapshot];
  }
  return withQuery(target, params);
}

/** What the Failed transition reports: the action, why it failed, and the recording's state. */
export interface FailedTransition {
  action: ToggleAction | 'unknown';
  failure: Failure;
  recordingSid?: string;
  recordingState?: RecordingStateAfterFailure;
}

/** Failed: the transition's target with the action, the reason and what is known of the recording. */
export function failedUrl(target: string, failed: FailedTransition): string {
  return withQuery(target, {
    [ACTION_PARAM]: failed.action,
    [FAILURE_PARAMS.reason]: failed.failure.code,
    [FAILURE_PARAMS.code]: failed.failure.detail,
    // Keep redirect URLs short; the full message is in the log line.
    [FAILURE_PARAMS.message]: failed.failure.message.slice(0, 500),
    [FAILURE_PARAMS.recordingSid]: failed.recordingSid,
    [FAILURE_PARAMS.recordingState]: failed.recordingState,
  });
}
