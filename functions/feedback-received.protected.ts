import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { feedbackReceived } from '../src/flow/feedback-received';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep('feedback-received', feedbackReceived, goodbyeAfterError);
