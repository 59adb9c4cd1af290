import { ROUTE_PATHS } from '../route-paths';
import { withQuery } from '../service-url';
import {
  redirectTwiml,
  voiceResponse,
  type Gather,
  type GatherAttributes,
  type VoiceResponse,
} from '../twilio/twiml';
import type { ConsentSettings } from '../config/consent-settings';
import type { Settings } from '../config/settings';
import type { VoiceSettings } from '../config/voice-settings';

/**
 * The TwiML of each Client Feedback step. Every action URL is a path of this service, so the
 * same TwiML works deployed and locally.
 */

/** Whether the call is being recorded while the caller answers, and which recording it is. */
export type RecordingDuringFeedback = { on: true; recordingSid?: string } | { on: false };

/** How many times the feedback question is asked before the flow moves on without an answer. */
export const MAX_FEEDBACK_ATTEMPTS = 2;

function say(twiml: VoiceResponse | Gather, text: string, settings: VoiceSettings): void {
  twiml.say({ voice: settings.voice, language: settings.language }, text);
}

/**
 * The call's first answer. With a notice, the announcement (which answers the call); otherwise
 * nothing yet, since the consent step asks first (a Redirect answers the call too). Either way
 * the consent step comes next: it keeps what the caller was told or said.
 */
export function greetCaller(settings: VoiceSettings, announce: boolean): VoiceResponse {
  const twiml = voiceResponse();
  if (announce) say(twiml, settings.announcement, settings);
  twiml.redirect({ method: 'POST' }, ROUTE_PATHS.recordingConsent);
  return twiml;
}

/** Switches the recording on, with the consent step's proof when it gave one. */
export function startRecording(consent?: string): VoiceResponse {
  return redirectTwiml(
    withQuery(ROUTE_PATHS.recordingToggle, { Record: 'true', Consent: consent }),
  );
}

/**
 * Asks whether the call may be recorded: one key (the caller's keypad) or a few words. When
 * nothing comes, Twilio falls through to the Redirect, which reaches the same step with no
 * answer.
 */
export function askForConsent(
  settings: VoiceSettings,
  consent: ConsentSettings,
  attempt: number,
): VoiceResponse {
  return askAndWait(
    settings,
    {
      input: ['dtmf', 'speech'],
      numDigits: 1,
      timeout: consent.timeoutSeconds,
      speechTimeout: 'auto',
      hints: [...consent.yesWords, ...consent.noWords].join(', '),
    },
    withQuery(ROUTE_PATHS.recordingConsent, { Attempt: String(attempt) }),
    attempt > 1 ? consent.reprompt : consent.prompt,
  );
}

/**
 * A question: the Gather asking it, and after it a Redirect to the same action, which Twilio
 * follows when the Gather ends with no answer (the step then sees no input).
 */
function askAndWait(
  settings: VoiceSettings,
  listen: Omit<GatherAttributes, 'action' | 'method' | 'language'>,
  action: string,
  question: string,
  preface?: string,
): VoiceResponse {
  const twiml = voiceResponse();
  if (preface) say(twiml, preface, settings);
  const gather = twiml.gather({
    ...listen,
    language: settings.language,
    action,
    method: 'POST',
  });
  say(gather, question, settings);
  twiml.redirect({ method: 'POST' }, action);
  return twiml;
}

export function refuseNonInboundCall(settings: VoiceSettings): VoiceResponse {
  const twiml = voiceResponse();
  say(twiml, settings.inboundOnly, settings);
  twiml.hangup();
  return twiml;
}

function feedbackParams(
  recording: RecordingDuringFeedback,
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
  recording: RecordingDuringFeedback,
  attempt = 1,
  preface?: string,
): VoiceResponse {
  return askAndWait(
    settings,
    {
      input: ['speech'],
      speechTimeout: settings.speechTimeout,
      timeout: settings.startTimeoutSeconds,
    },
    withQuery(ROUTE_PATHS.feedbackReceived, feedbackParams(recording, attempt)),
    attempt > 1 ? settings.feedbackReprompt : settings.feedbackPrompt,
    preface,
  );
}

/** Switches the recording off once the caller has answered (or stayed silent twice). */
export function stopRecording(recordingSid: string | undefined): VoiceResponse {
  return redirectTwiml(
    withQuery(ROUTE_PATHS.recordingToggle, { Record: 'false', RecordingSid: recordingSid }),
  );
}

export function sayAndHangUp(settings: VoiceSettings, text: string): VoiceResponse {
  const twiml = voiceResponse();
  say(twiml, text, settings);
  twiml.hangup();
  return twiml;
}

/** What the caller hears when a step fails unexpectedly: an apology and a goodbye. */
export function goodbyeAfterError(settings: Pick<Settings, 'voice'>): VoiceResponse {
  return sayAndHangUp(settings.voice, settings.voice.stopFailed);
}
