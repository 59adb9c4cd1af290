import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { RECORDING_SUCCESS_SETTINGS, recordingSuccess } from '../src/flow/recording-success';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep(
  'recording-success',
  RECORDING_SUCCESS_SETTINGS,
  recordingSuccess,
  goodbyeAfterError,
);
