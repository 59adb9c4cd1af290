import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { RECORDING_TOGGLE_SETTINGS, recordingToggle } from '../src/recording/recording-toggle';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep(
  'recording-toggle',
  RECORDING_TOGGLE_SETTINGS,
  recordingToggle,
  goodbyeAfterError,
);
