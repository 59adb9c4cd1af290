import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { recordingToggle } from '../src/recording/recording-toggle';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep('recording-toggle', recordingToggle, goodbyeAfterError);
