import { handleFeedback } from '../src/flow/feedback-step';
import { voiceStep } from '../src/function-handler';

export const handler = voiceStep('feedback-received', handleFeedback);
