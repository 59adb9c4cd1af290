import { recordingSucceeded } from '../src/flow/steps';
import { voiceStep } from '../src/function-handler';

export const handler = voiceStep('recording-success', recordingSucceeded);
