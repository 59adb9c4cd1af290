import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { incomingCall } from '../src/flow/incoming-call';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep('incoming-call', incomingCall, goodbyeAfterError);
