import { LOG } from '../config/log-settings';
import { TWILIO } from '../config/twilio-settings';
import { VOICE } from '../config/voice-settings';
import { logEvent } from '../logger';
import { keepInLog, storeFeedback } from '../recording-log/recording-log';
import type { FeedbackToStore } from '../recording-log/entries';
import { textField, type Fields } from '../request/fields';
import { isSid } from '../twilio/sids';
import type { VoiceResponse } from '../twilio/twiml';
import {
  askForFeedback,
  MAX_FEEDBACK_ATTEMPTS,
  sayAndHangUp,
  stopRecording,
  type RecordingDuringFeedback,
} from './client-feedback-twiml';
import type { Settings } from '../config/settings';
import type { VoiceSettings } from '../config/voice-settings';

/** Longest caller speech kept in a log line. */
export const MAX_LOGGED_SPEECH = 2000;

/** What the feedback Gather's action (or its no-input fallback) carries. */
export interface FeedbackAnswer {
  callSid?: string;
  recording: RecordingDuringFeedback;
  attempt: number;
  /** What the caller said, trimmed; empty when nothing was heard. */
  speech: string;
  confidence?: number;
}

export function parseFeedbackAnswer(event: Fields): FeedbackAnswer {
  const callSid = textField(event, 'CallSid');
  const recordingSid = textField(event, 'RecordingSid');
  const attempt = Number(textField(event, 'Attempt'));
  const confidence = Number(textField(event, 'Confidence'));
  return {
    callSid: isSid('CallSid', callSid) ? callSid : undefined,
    recording:
      textField(event, 'Recording') === 'off'
        ? { on: false }
        : {
            on: true,
            recordingSid: isSid('RecordingSid', recordingSid) ? recordingSid : undefined,
          },
    attempt: Number.isInteger(attempt) && attempt >= 1 ? attempt : 1,
    // Read as it came: speech can be long, and it is bounded below rather than refused.
    speech: (typeof event.SpeechResult === 'string' ? event.SpeechResult : '').trim(),
    confidence:
      Number.isFinite(confidence) && confidence >= 0 && confidence <= 1 ? confidence : undefined,
  };
}

/**
 * Decides the next TwiML for an answer and, when there is an answer and a known recording, the
 * feedback to store. Silence is asked about once more before the flow moves on.
 */
export function decideFeedback(
  settings: VoiceSettings,
  answer: FeedbackAnswer,
): { twiml: VoiceResponse; feedback?: FeedbackToStore } {
  const { callSid, recording, attempt, speech, confidence } = answer;
  if (speech === '' && attempt < MAX_FEEDBACK_ATTEMPTS) {
    logEvent('info', 'feedback.no-speech', { callSid, attempt });
    return { twiml: askForFeedback(settings, recording, attempt + 1) };
  }
  const speechResult = speech.slice(0, MAX_LOGGED_SPEECH);
  logEvent('info', speech === '' ? 'feedback.none' : 'feedback.received', {
    callSid,
    speechResult,
    speechTruncated: speech.length > MAX_LOGGED_SPEECH || undefined,
    confidence,
    attempt,
  });
  // Kept for the call, and with the recording that was running if there was one (a caller
  // who declined to be recorded, or whose recording could not start, is heard all the same).
  const recordingSid = recording.on ? recording.recordingSid : undefined;
  const feedback: FeedbackToStore | undefined =
    speech !== '' && callSid
      ? { callSid, speechResult, confidence, ...(recordingSid ? { recordingSid } : {}) }
      : undefined;
  if (!recording.on) return { twiml: sayAndHangUp(settings, settings.thankYou), feedback };
  return { twiml: stopRecording(recording.recordingSid), feedback };
}

/**
 * /feedback-received: the caller's answer is stored with the recording in the recording log. A
 * Sync failure is logged but never interrupts the call: the answer is still in the log line,
 * and the caller must not hear an error for it.
 */
/** What /feedback-received reads of the settings. */
export const FEEDBACK_RECEIVED_SETTINGS = { voice: VOICE, twilio: TWILIO, log: LOG };

export async function feedbackReceived(
  settings: Pick<Settings, 'voice' | 'twilio' | 'log'>,
  event: Fields,
): Promise<VoiceResponse> {
  const { twiml, feedback } = decideFeedback(settings.voice, parseFeedbackAnswer(event));
  if (feedback) {
    const { callSid, recordingSid } = feedback;
    await keepInLog('feedback', { callSid, recordingSid }, () => storeFeedback(settings, feedback));
  }
  return twiml;
}
