import { VOICE } from '../config/voice-settings';
import { logEvent } from '../logger';
import type { Fields } from '../request/fields';
import type { VoiceResponse } from '../twilio/twiml';
import { askForFeedback, sayAndHangUp } from './client-feedback-twiml';
import { parseTransitionRequest } from './transition-request';
import type { Settings } from '../config/settings';

/** /recording-success: the toggle's Success transition in the Client Feedback flow. */
/** What /recording-success reads of the settings. */
export const RECORDING_SUCCESS_SETTINGS = { voice: VOICE };

export function recordingSuccess(all: Pick<Settings, 'voice'>, event: Fields): VoiceResponse {
  const { callSid, action, recordingSid } = parseTransitionRequest(event);
  const settings = all.voice;
  logEvent('info', 'recording-success', { callSid, action, recordingSid });
  if (action === 'stop') return sayAndHangUp(settings, settings.thankYou);
  // After a start (or a pause/resume) the flow asks its question while the recording runs.
  return askForFeedback(settings, { on: true, recordingSid });
}
