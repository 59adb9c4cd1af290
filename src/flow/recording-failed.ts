import { logEvent } from '../logger';
import type { Fields } from '../request/fields';
import type { VoiceResponse } from '../twilio/twiml';
import { askForFeedback, sayAndHangUp } from './client-feedback-twiml';
import { parseTransitionRequest } from './transition-request';
import { voiceSettings } from './voice-settings';

/** /recording-failed: the toggle's Failed transition in the Client Feedback flow. */
export function recordingFailed(env: Fields, event: Fields): VoiceResponse {
  const { callSid, action, recordingSid, failure } = parseTransitionRequest(event);
  const settings = voiceSettings(env);
  logEvent('error', 'recording-failed', { callSid, action, ...failure, recordingSid });
  if (action === 'start') {
    return askForFeedback(settings, { on: false }, 1, settings.startFailed);
  }
  return sayAndHangUp(settings, settings.stopFailed);
}
