import type VoiceResponse from 'twilio/lib/twiml/VoiceResponse';
import { logEvent } from '../logger';
import { storeFeedback } from '../recording-log/recording-log';
import { feedbackReceived } from './steps';

/**
 * /feedback-received with its side effect: the caller's answer is stored with the recording in
 * the recording log. A Sync failure is logged but never interrupts the call: the answer is
 * still in the log line, and the caller must not hear an error for it.
 */
export async function handleFeedback(
  env: Record<string, unknown>,
  event: Record<string, unknown>,
): Promise<VoiceResponse> {
  const { twiml, feedback } = feedbackReceived(env, event);
  if (feedback) {
    try {
      await storeFeedback(env, feedback);
    } catch (error) {
      logEvent('warn', 'feedback.not-stored', {
        callSid: feedback.callSid,
        recordingSid: feedback.recordingSid,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return twiml;
}
