import { recordingStatus } from '../src/log-routes/recording-status';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('recording-status', recordingStatus);
