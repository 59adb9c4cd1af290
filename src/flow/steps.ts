import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { SID_PATTERNS } from '../config/allowed-values';
import { readField } from '../config/event-fields';
import { logEvent } from '../logger';
import { ACTION_PARAM, FAILURE_PARAMS, WIDGET_VARIABLE_PARAMS } from '../transitions';
import {
  announceAndStartRecording,
  askForFeedback,
  MAX_FEEDBACK_ATTEMPTS,
  refuseNonInboundCall,
  sayAndHangUp,
  stopRecording,
  type RecordingState,
} from './client-feedback';
import { voiceSettings } from './voice-settings';

type Env = Record<string, unknown>;
type Event = Record<string, unknown>;

/** Longest caller speech kept in a log line. */
export const MAX_LOGGED_SPEECH = 2000;

function text(event: Event, field: string): string | undefined {
  return readField(event, field).value;
}

function callSidOf(event: Event): string | undefined {
  const value = text(event, 'CallSid');
  return value && SID_PATTERNS.CallSid.test(value) ? value : undefined;
}

function recordingSidOf(event: Event, field: string): string | undefined {
  const value = text(event, field);
  return value && SID_PATTERNS.RecordingSid.test(value) ? value : undefined;
}

/** /incoming-call: the number's voice webhook. */
export function incomingCall(env: Env, event: Event): VoiceResponse {
  const settings = voiceSettings(env);
  const direction = text(event, 'Direction');
  if (direction !== 'inbound') {
    logEvent('warn', 'incoming-call.not-inbound', {
      callSid: callSidOf(event),
      direction: direction?.slice(0, 64),
    });
    return refuseNonInboundCall(settings);
  }
  logEvent('info', 'incoming-call.answered', { callSid: callSidOf(event) });
  return announceAndStartRecording(settings);
}

/** /recording-success: the toggle's Success transition in the Client Feedback flow. */
export function recordingSucceeded(env: Env, event: Event): VoiceResponse {
  const settings = voiceSettings(env);
  const action = text(event, ACTION_PARAM);
  const recordingSid = recordingSidOf(event, WIDGET_VARIABLE_PARAMS.Sid);
  logEvent('info', 'recording-success', {
    callSid: callSidOf(event),
    action: action?.slice(0, 16),
    recordingSid,
  });
  if (action === 'stop') return sayAndHangUp(settings, settings.thankYou);
  // After a start (or a pause/resume) the flow asks its question while the recording runs.
  return askForFeedback(settings, { on: true, recordingSid });
}

/** /recording-failed: the toggle's Failed transition in the Client Feedback flow. */
export function recordingFailed(env: Env, event: Event): VoiceResponse {
  const settings = voiceSettings(env);
  const action = text(event, ACTION_PARAM);
  logEvent('error', 'recording-failed', {
    callSid: callSidOf(event),
    action: action?.slice(0, 16),
    reason: text(event, FAILURE_PARAMS.reason)?.slice(0, 64),
    code: text(event, FAILURE_PARAMS.code)?.slice(0, 32),
    message: text(event, FAILURE_PARAMS.message)?.slice(0, 500),
    recordingSid: recordingSidOf(event, FAILURE_PARAMS.recordingSid),
    recordingState: text(event, FAILURE_PARAMS.recordingState)?.slice(0, 16),
  });
  if (action === 'start') {
    return askForFeedback(settings, { on: false }, 1, settings.startFailed);
  }
  return sayAndHangUp(settings, settings.stopFailed);
}

/** What the caller said, to be kept with the recording that was running. */
export interface FeedbackRecord {
  recordingSid: string;
  callSid: string;
  speechResult: string;
  confidence?: number;
}

/**
 * /feedback-received: the feedback Gather's action (and its no-input fallback). Returns the
 * next TwiML and, when there is an answer and a known recording, the feedback to store.
 */
export function feedbackReceived(
  env: Env,
  event: Event,
): { twiml: VoiceResponse; feedback?: FeedbackRecord } {
  const settings = voiceSettings(env);
  const recording: RecordingState =
    text(event, 'Recording') === 'off'
      ? { on: false }
      : { on: true, recordingSid: recordingSidOf(event, 'RecordingSid') };
  const attemptValue = Number(text(event, 'Attempt'));
  const attempt = Number.isInteger(attemptValue) && attemptValue >= 1 ? attemptValue : 1;
  const speech = (typeof event.SpeechResult === 'string' ? event.SpeechResult : '').trim();
  const callSid = callSidOf(event);

  if (speech === '' && attempt < MAX_FEEDBACK_ATTEMPTS) {
    logEvent('info', 'feedback.no-speech', { callSid, attempt });
    return { twiml: askForFeedback(settings, recording, attempt + 1) };
  }
  const rawConfidence = Number(text(event, 'Confidence'));
  const confidence =
    Number.isFinite(rawConfidence) && rawConfidence >= 0 && rawConfidence <= 1
      ? rawConfidence
      : undefined;
  const speechResult = speech.slice(0, MAX_LOGGED_SPEECH);
  logEvent('info', speech === '' ? 'feedback.none' : 'feedback.received', {
    callSid,
    speechResult,
    speechTruncated: speech.length > MAX_LOGGED_SPEECH || undefined,
    confidence,
    attempt,
  });
  if (!recording.on) return { twiml: sayAndHangUp(settings, settings.thankYou) };
  const feedback =
    speech !== '' && recording.recordingSid && callSid
      ? { recordingSid: recording.recordingSid, callSid, speechResult, confidence }
      : undefined;
  return { twiml: stopRecording(recording.recordingSid), feedback };
}
