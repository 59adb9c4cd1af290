import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { INCOMING_CALL_SETTINGS, incomingCall } from '../src/flow/incoming-call';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep(
  'incoming-call',
  INCOMING_CALL_SETTINGS,
  incomingCall,
  goodbyeAfterError,
);
