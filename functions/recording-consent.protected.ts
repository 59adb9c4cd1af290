import { goodbyeAfterError } from '../src/flow/client-feedback-twiml';
import { RECORDING_CONSENT_SETTINGS, recordingConsent } from '../src/flow/recording-consent';
import { voiceStep } from '../src/runtime/function-handler';

export const handler = voiceStep(
  'recording-consent',
  RECORDING_CONSENT_SETTINGS,
  recordingConsent,
  goodbyeAfterError,
);
