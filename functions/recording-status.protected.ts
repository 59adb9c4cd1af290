import { httpStep } from '../src/function-handler';
import { recordingStatus } from '../src/recording-log/routes';

export const handler = httpStep('recording-status', recordingStatus);
