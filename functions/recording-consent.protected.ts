import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { recordingConsent } from '../src/flow/recording-consent';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep('recording-consent', recordingConsent, goodbyeAfterError);
