import { integerSetting } from '../config/defaults';
import { logEvent } from '../logger';
import { keepInLog, storeToggleAction } from '../recording-log/recording-log';
import { describeFieldErrors, type Fields } from '../request/fields';
import { createRestClient } from '../twilio/rest-client';
import type { PauseBehavior } from '../twilio/recording-values';
import { redirectTwiml, type VoiceResponse } from '../twilio/twiml';
import { applyToggle, defaultTogglePolicy } from './apply-toggle';
import { recordingStateAfterFailure } from './failure';
import type { RecordingSnapshot } from './recording-snapshot';
import { twilioRecordingsApi } from './recordings-api';
import { parseToggleRequest } from './toggle-request';
import { failedUrl, successUrl, type FailureDetails } from './transitions';

export interface ToggleResult {
  /** A path inside this service or the Studio return URL, with the transition's parameters. */
  redirectTo: string;
  succeeded: boolean;
}

/**
 * The whole widget step: read the request, switch the recording, and say where the flow goes
 * next. It never throws for bad input or API trouble: every problem becomes the Failed transition.
 */
export async function toggleRecording(env: Fields, event: Fields): Promise<ToggleResult> {
  const parsed = parseToggleRequest(env, event);
  if (!parsed.ok) {
    const { action, callSid, reason, errors, transitions } = parsed.error;
    return failed(transitions.failed, callSid, {
      action,
      reason,
      message: describeFieldErrors(errors),
    });
  }
  const startedAt = Date.now();
  const request = parsed.value;
  const { callSid } = request;
  const failedTarget = request.transitions.failed;
  const timeoutMs = integerSetting(env, 'REST_TIMEOUT_MS');
  const client = createRestClient(env, { timeoutMs });
  if (!client.ok) {
    return failed(failedTarget, callSid, {
      action: request.action,
      reason: 'missing-credentials',
      message: client.error,
    });
  }
  const budgetMs = integerSetting(env, 'TOGGLE_BUDGET_MS');
  const outcome = await applyToggle(
    twilioRecordingsApi(client.value),
    request,
    defaultTogglePolicy(budgetMs, timeoutMs),
  );
  if (!outcome.ok) {
    const { failure, requests, attempts } = outcome.error;
    return failed(
      failedTarget,
      callSid,
      {
        action: request.action,
        reason: failure.reason,
        code: failure.code,
        message: failure.message,
        recordingSid: request.action === 'start' ? undefined : request.recordingSid,
        recordingState: recordingStateAfterFailure(request.action, failure),
      },
      { requests, attempts },
    );
  }
  const { recording, requests, attempts } = outcome.value;
  if (request.action === 'pause' || request.action === 'resume') {
    const leftMs = budgetMs - (Date.now() - startedAt);
    await logPauseOrResume(env, request.action, request.pauseBehavior, recording, leftMs);
  }
  logEvent('info', 'recording-toggle.succeeded', {
    callSid,
    action: request.action,
    recordingSid: recording.Sid,
    status: recording.Status,
    requests,
    attempts,
  });
  return {
    redirectTo: successUrl(request.transitions.success, request.action, recording, request.consent),
    succeeded: true,
  };
}

/**
 * Keeps a pause or a resume in the recording log, at the time Twilio gives for it: no status
 * callback reports either, and the recordings page draws paused spans from these. It gets what
 * the toggle left of its budget, so the whole step stays inside it. A failure is logged; the
 * call goes on.
 */
async function logPauseOrResume(
  env: Fields,
  action: 'pause' | 'resume',
  pauseBehavior: PauseBehavior | undefined,
  recording: RecordingSnapshot,
  leftMs: number,
): Promise<void> {
  const updated = Date.parse(recording.DateUpdated);
  const { CallSid: callSid, Sid: recordingSid } = recording;
  await keepInLog('recording-toggle.action', { callSid, recordingSid, action }, () =>
    storeToggleAction(
      env,
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
  failedTarget: string,
  callSid: string | undefined,
  details: FailureDetails,
  effort: Record<string, unknown> = {},
): ToggleResult {
  logEvent('warn', 'recording-toggle.failed', { callSid, ...details, ...effort });
  return { redirectTo: failedUrl(failedTarget, details), succeeded: false };
}

/** /recording-toggle: the widget step, answered with the Redirect to its transition. */
export async function recordingToggle(env: Fields, event: Fields): Promise<VoiceResponse> {
  return redirectTwiml((await toggleRecording(env, event)).redirectTo);
}
