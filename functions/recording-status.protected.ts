import { httpStep } from '../src/function-handler';
import { recordingStatus } from '../src/status-callback';

export const handler = httpStep('recording-status', recordingStatus);
