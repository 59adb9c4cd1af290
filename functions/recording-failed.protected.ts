import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { recordingFailed } from '../src/flow/recording-failed';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep('recording-failed', recordingFailed, goodbyeAfterError);
