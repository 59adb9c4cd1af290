import { recordingFailed } from '../src/flow/steps';
import { voiceStep } from '../src/function-handler';

export const handler = voiceStep('recording-failed', recordingFailed);
