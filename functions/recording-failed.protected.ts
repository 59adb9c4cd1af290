import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { RECORDING_FAILED_SETTINGS, recordingFailed } from '../src/flow/recording-failed';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep(
  'recording-failed',
  RECORDING_FAILED_SETTINGS,
  recordingFailed,
  goodbyeAfterError,
);
