import { RECORDING_STATUS_SETTINGS, recordingStatus } from '../src/log-routes/recording-status';
import { httpStep } from '../src/runtime/function-handler';

export const handler = httpStep('recording-status', RECORDING_STATUS_SETTINGS, recordingStatus);
