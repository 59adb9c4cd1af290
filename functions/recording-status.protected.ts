import { recordingStatus } from '../src/recording-log/recording-status';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('recording-status', recordingStatus);
