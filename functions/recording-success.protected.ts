import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { recordingSuccess } from '../src/flow/recording-success';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep('recording-success', recordingSuccess, goodbyeAfterError);
