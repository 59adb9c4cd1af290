import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { FEEDBACK_RECEIVED_SETTINGS, feedbackReceived } from '../src/flow/feedback-received';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep(
  'feedback-received',
  FEEDBACK_RECEIVED_SETTINGS,
  feedbackReceived,
  goodbyeAfterError,
);
