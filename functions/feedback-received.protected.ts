import { feedbackReceived } from '../src/flow/steps';
import { voiceStep } from '../src/function-handler';

export const handler = voiceStep('feedback-received', feedbackReceived);
