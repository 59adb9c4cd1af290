import { CONSENT } from '../config/consent-settings';
import { LOG } from '../config/log-settings';
import { TWILIO } from '../config/twilio-settings';
import { VOICE } from '../config/voice-settings';
import type { Settings } from '../config/settings';
import { logEvent } from '../logger';
import { consentToken } from '../recording/consent-token';
import type { ConsentEntry } from '../recording-log/entries';
import { keepInLog, storeConsent, type Stored } from '../recording-log/recording-log';
import { failure, type Failure } from '../failure';
import { err, type Result } from '../result';
import { textField, type Fields } from '../request/fields';
import { isSid } from '../twilio/sids';
import type { VoiceResponse } from '../twilio/twiml';
import { askForConsent, askForFeedback, startRecording } from './client-feedback-twiml';
import { readConsentAnswer } from './consent-answer';
import type { VoiceSettings } from '../config/voice-settings';

/** How many times the caller is asked before the mode's rule decides. */
export const MAX_CONSENT_ATTEMPTS = 2;

/** What /recording-consent reads: the call, which time the caller was asked, and the answer. */
interface ConsentRequest {
  callSid?: string;
  /** 0 before the question; then the attempt the answer (or the silence) belongs to. */
  attempt: number;
  digits?: string;
  speech?: string;
  confidence?: number;
}

function parseConsentRequest(event: Fields): ConsentRequest {
  const callSid = textField(event, 'CallSid');
  const attempt = Number(textField(event, 'Attempt') ?? '0');
  const confidence = Number(textField(event, 'Confidence'));
  return {
    callSid: isSid('CallSid', callSid) ? callSid : undefined,
    attempt:
      Number.isInteger(attempt) && attempt >= 0 && attempt <= MAX_CONSENT_ATTEMPTS ? attempt : 0,
    digits: textField(event, 'Digits')?.slice(0, 8),
    // Read as it came: it is bounded where it is stored.
    speech: textField(event, 'SpeechResult'),
    confidence:
      Number.isFinite(confidence) && confidence >= 0 && confidence <= 1 ? confidence : undefined,
  };
}

/**
 * /recording-consent: between /incoming-call and the toggle. In `notice` mode it starts the
 * recording (the notice is kept with the recording's status events). Otherwise it asks (twice at most),
 * reads the answer, keeps it as evidence, and either starts the recording with the proof the
 * toggle requires or carries on without recording: the caller is still asked for feedback.
 */
/** What /recording-consent reads of the settings. */
export const RECORDING_CONSENT_SETTINGS = {
  voice: VOICE,
  consent: CONSENT,
  twilio: TWILIO,
  log: LOG,
};

type ConsentStepSettings = Pick<Settings, 'voice' | 'consent' | 'twilio' | 'log'>;

export async function recordingConsent(
  all: ConsentStepSettings,
  event: Fields,
): Promise<VoiceResponse> {
  const request = parseConsentRequest(event);
  const { voice, consent: settings } = all;
  // In notice mode the notice is kept with the recording's own status events (the toggle
  // tells the status route so): one Sync write fewer per call, on the caller's path too.
  if (settings.mode === 'notice') return startRecording();
  if (request.attempt === 0) return askForConsent(voice, settings, 1);

  const answer = readConsentAnswer(settings, request);
  if (answer.answer === 'unclear' && request.attempt < MAX_CONSENT_ATTEMPTS) {
    logEvent('info', 'recording-consent.unclear', {
      callSid: request.callSid,
      attempt: request.attempt,
      method: answer.method,
    });
    return askForConsent(voice, settings, request.attempt + 1);
  }
  const decision =
    answer.answer === 'yes' ? 'granted' : answer.answer === 'no' ? 'declined' : 'no-answer';
  // Opt-out records unless the caller said no; opt-in only after a yes.
  const recordingAllowed =
    decision === 'granted' || (decision === 'no-answer' && settings.mode === 'opt-out');
  const { answer: _answer, ...given } = answer;
  const kept = await keepEvidence(all, request, {
    mode: settings.mode,
    decision,
    ...given,
    prompt: request.attempt > 1 ? settings.reprompt : settings.prompt,
    attempts: request.attempt,
    recordingAllowed,
  });
  const authToken = all.twilio.authToken;
  if (recordingAllowed && kept.ok && request.callSid && authToken) {
    return startRecording(consentToken(authToken, request.callSid));
  }
  // Without the evidence kept there is no proof of consent, so no recording either.
  const preface = !recordingAllowed
    ? decision === 'declined'
      ? settings.declinedText
      : settings.noAnswerText
    : voice.startFailed;
  return continueWithoutRecording(voice, preface);
}

/** The caller hears why, then the feedback question, with nothing recorded. */
function continueWithoutRecording(voice: VoiceSettings, preface: string): VoiceResponse {
  return askForFeedback(voice, { on: false }, 1, preface);
}

/**
 * Stores the evidence, once per call, within the log's budget on the caller's path. A failure
 * is logged and never stops the call, but without stored evidence there is no proof of consent.
 */
async function keepEvidence(
  all: ConsentStepSettings,
  request: ConsentRequest,
  evidence: Omit<
    ConsentEntry,
    'kind' | 'callSid' | 'receivedAt' | 'speechTruncated' | 'promptTruncated'
  >,
): Promise<Result<Stored, Failure>> {
  if (!request.callSid) {
    const missing = failure('invalid-input', 'no CallSid to keep the evidence under');
    logEvent('warn', 'consent.not-stored', { message: missing.message });
    return err(missing);
  }
  const { callSid } = request;
  return keepInLog(
    'consent',
    { callSid, decision: evidence.decision, method: evidence.method },
    () => storeConsent(all, { callSid, ...evidence }),
  );
}
