import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { twilioLibrary } from '../twilio-library';
import { withQuery } from '../transitions';
import { ROUTES } from './routes';
import type { VoiceSettings } from './voice-settings';

/**
 * The TwiML of each Client Feedback step. Every action URL is a path of this service, so the
 * same TwiML works deployed and locally.
 */

/** Whether the call is being recorded while the caller answers, and which recording it is. */
export type RecordingState = { on: true; recordingSid?: string } | { on: false };

/** How many times the feedback question is asked before the flow moves on without an answer. */
export const MAX_FEEDBACK_ATTEMPTS = 2;

function response(): VoiceResponse {
  return new (twilioLibrary().twiml.VoiceResponse)();
}

function say(
  twiml: VoiceResponse | VoiceResponse.Gather,
  text: string,
  settings: VoiceSettings,
): void {
  twiml.say(
    {
      voice: settings.voice as VoiceResponse.SayAttributes['voice'],
      language: settings.language as VoiceResponse.SayAttributes['language'],
    },
    text,
  );
}

/** Announces the recording (which answers the call), then switches the recording on. */
export function announceAndStartRecording(settings: VoiceSettings): VoiceResponse {
  const twiml = response();
  say(twiml, settings.announcement, settings);
  twiml.redirect({ method: 'POST' }, withQuery(ROUTES.recordingToggle, { Record: 'true' }));
  return twiml;
}

export function refuseNonInboundCall(settings: VoiceSettings): VoiceResponse {
  const twiml = response();
  say(twiml, settings.inboundOnly, settings);
  twiml.hangup();
  return twiml;
}

function feedbackParams(
  recording: RecordingState,
  attempt: number,
): Record<string, string | undefined> {
  return recording.on
    ? { RecordingSid: recording.recordingSid, Attempt: String(attempt) }
    : { Recording: 'off', Attempt: String(attempt) };
}

/**
 * Asks about the caller's experience. The speech Gather ends when the caller stops talking;
 * when nothing is heard Twilio falls through to the Redirect, which reaches the same step
 * without a SpeechResult.
 */
export function askForFeedback(
  settings: VoiceSettings,
  recording: RecordingState,
  attempt = 1,
  preface?: string,
): VoiceResponse {
  const twiml = response();
  if (preface) say(twiml, preface, settings);
  const action = withQuery(ROUTES.feedbackReceived, feedbackParams(recording, attempt));
  const gather = twiml.gather({
    input: ['speech'],
    speechTimeout: settings.speechTimeout,
    timeout: settings.startTimeoutSeconds,
    language: settings.language as VoiceResponse.GatherAttributes['language'],
    action,
    method: 'POST',
  });
  say(gather, attempt > 1 ? settings.feedbackReprompt : settings.feedbackPrompt, settings);
  twiml.redirect({ method: 'POST' }, action);
  return twiml;
}

/** Switches the recording off once the caller has answered (or stayed silent twice). */
export function stopRecording(recordingSid: string | undefined): VoiceResponse {
  const twiml = response();
  twiml.redirect(
    { method: 'POST' },
    withQuery(ROUTES.recordingToggle, { Record: 'false', RecordingSid: recordingSid }),
  );
  return twiml;
}

export function sayAndHangUp(settings: VoiceSettings, text: string): VoiceResponse {
  const twiml = response();
  say(twiml, text, settings);
  twiml.hangup();
  return twiml;
}

/** Moves the call to another step of this service (a widget transition). */
export function redirectTo(path: string): VoiceResponse {
  const twiml = response();
  twiml.redirect({ method: 'POST' }, path);
  return twiml;
}
