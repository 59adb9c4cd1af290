import { VOICE } from '../config/voice-settings';
import { logEvent } from '../logger';
import type { Fields } from '../request/fields';
import type { VoiceResponse } from '../twilio/twiml';
import { askForFeedback, sayAndHangUp } from './client-feedback-twiml';
import { parseTransitionRequest } from './transition-request';
import type { Settings } from '../config/settings';

/** /recording-failed: the toggle's Failed transition in the Client Feedback flow. */
/** What /recording-failed reads of the settings. */
export const RECORDING_FAILED_SETTINGS = { voice: VOICE };

export function recordingFailed(all: Pick<Settings, 'voice'>, event: Fields): VoiceResponse {
  const { callSid, action, recordingSid, failure } = parseTransitionRequest(event);
  const settings = all.voice;
  logEvent('error', 'recording-failed', { callSid, action, ...failure, recordingSid });
  if (action === 'start') {
    return askForFeedback(settings, { on: false }, 1, settings.startFailed);
  }
  return sayAndHangUp(settings, settings.stopFailed);
}
