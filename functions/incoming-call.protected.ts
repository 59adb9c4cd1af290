import { incomingCall } from '../src/flow/steps';
import { voiceStep } from '../src/function-handler';

export const handler = voiceStep('incoming-call', incomingCall);
