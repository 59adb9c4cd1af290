import { CONSENT } from '../config/consent-settings';
import { LOG } from '../config/log-settings';
import { RECORDING } from '../config/recording-settings';
import { TWILIO } from '../config/twilio-settings';
import { VOICE } from '../config/voice-settings';
import type { Settings } from '../config/settings';
import type { Failure } from '../failure';
import { logEvent } from '../logger';
import { keepInLog, storeToggleAction } from '../recording-log/recording-log';
import type { Fields } from '../request/fields';
import { budget, timeLeft } from '../retry';
import { createRestClient } from '../twilio/rest-client';
import { redirectTwiml, type VoiceResponse } from '../twilio/twiml';
import { applyToggle } from './apply-toggle';
import type { RecordingSnapshot } from './recording-snapshot';
import { twilioRecordingsApi } from './recordings-api';
import { recordingStateAfterFailure } from './request-failure';
import { parseToggleRequest, type ToggleRequest } from './toggle-request';
import type { ToggleRoute } from './toggle-types';
import { failedUrl, successUrl } from './transitions';

export interface ToggleResult {
  /** A path inside this service or the Studio return URL, with the transition's parameters. */
  redirectTo: string;
  succeeded: boolean;
}

/**
 * The whole widget step: read the request, switch the recording, and say where the flow goes
 * next. Every problem, from bad input to API trouble, becomes the Failed transition.
 */
/** What the toggle reads of the settings. */
export const RECORDING_TOGGLE_SETTINGS = {
  voice: VOICE,
  twilio: TWILIO,
  recording: RECORDING,
  consent: CONSENT,
  log: LOG,
};

type ToggleSettings = Pick<Settings, 'twilio' | 'recording' | 'consent' | 'log'>;

export async function toggleRecording(
  settings: ToggleSettings,
  event: Fields,
): Promise<ToggleResult> {
  const { route, request: parsed } = parseToggleRequest(settings, event);
  if (!parsed.ok) return failed(route, parsed.error);
  const request = parsed.value;
  const client = createRestClient(settings.twilio);
  if (!client.ok) return failed(route, client.error);
  const within = budget(settings.recording.toggleBudgetMs, settings.twilio.restTimeoutMs, {
    // A request is only started when a whole timeout is left, so none outlives the budget.
    minRequestMs: settings.twilio.restTimeoutMs,
  });
  const outcome = await applyToggle(twilioRecordingsApi(client.value), request, within);
  const effort = { requests: outcome.requests, attempts: outcome.attempts };
  if (!outcome.result.ok) return failed(route, outcome.result.error, request, effort);
  const recording = outcome.result.value;
  if (request.action === 'pause' || request.action === 'resume') {
    await logPauseOrResume(settings, request, recording, timeLeft(within));
  }
  logEvent('info', 'recording-toggle.succeeded', {
    callSid: request.callSid,
    action: request.action,
    recordingSid: recording.Sid,
    status: recording.Status,
    ...effort,
  });
  return {
    redirectTo: successUrl(request.transitions.success, request.action, recording, request.consent),
    succeeded: true,
  };
}

/**
 * Keeps a pause or a resume in the recording log, at the time Twilio gives for it: no status
 * callback reports either, and the recordings page draws paused spans from these. It gets what
 * the toggle left of its budget, so the whole step stays inside it; the call goes on either way.
 */
async function logPauseOrResume(
  settings: ToggleSettings,
  request: ToggleRequest,
  recording: RecordingSnapshot,
  leftMs: number,
): Promise<void> {
  if (request.action !== 'pause' && request.action !== 'resume') return;
  const updated = Date.parse(recording.DateUpdated);
  const { CallSid: callSid, Sid: recordingSid } = recording;
  const { action, pauseBehavior } = request;
  await keepInLog('recording-toggle.action', { callSid, recordingSid, action }, () =>
    storeToggleAction(
      settings,
      {
        callSid,
        recordingSid,
        action,
        at: new Date(Number.isNaN(updated) ? Date.now() : updated).toISOString(),
        ...(action === 'pause' && pauseBehavior ? { pauseBehavior } : {}),
      },
      leftMs,
    ),
  );
}

function failed(
  route: ToggleRoute,
  failure: Failure,
  request?: ToggleRequest,
  effort: Record<string, unknown> = {},
): ToggleResult {
  const recordingSid = request && request.action !== 'start' ? request.recordingSid : undefined;
  const recordingState = request ? recordingStateAfterFailure(request.action, failure) : undefined;
  logEvent('warn', 'recording-toggle.failed', {
    callSid: route.callSid,
    action: route.action,
    reason: failure.code,
    code: failure.detail,
    message: failure.message,
    recordingSid,
    recordingState,
    ...effort,
  });
  return {
    redirectTo: failedUrl(route.transitions.failed, {
      action: route.action,
      failure,
      recordingSid,
      recordingState,
    }),
    succeeded: false,
  };
}

/** /recording-toggle: the widget step, answered with the Redirect to its transition. */
export async function recordingToggle(
  settings: ToggleSettings,
  event: Fields,
): Promise<VoiceResponse> {
  return redirectTwiml((await toggleRecording(settings, event)).redirectTo);
}
