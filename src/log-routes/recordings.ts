import { LOG } from '../config/log-settings';
import { TWILIO } from '../config/twilio-settings';
import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import type { Settings } from '../config/settings';
import { fieldFailure } from '../failure';
import { logEvent } from '../logger';
import { readCallLog } from '../recording-log/recording-log';
import { readSid, type Fields } from '../request/fields';
import { failureResponse, jsonResponse } from '../runtime/response';
import { publicFailure } from './public-failure';

/** /recordings?CallSid=CA…: everything the recording log holds about one call, as JSON. */
/** What the route reads of the settings. */
export const RECORDINGS_SETTINGS = { twilio: TWILIO, log: LOG };

export async function recordings(
  settings: Pick<Settings, 'twilio' | 'log'>,
  event: Fields,
): Promise<TwilioResponse> {
  const callSid = readSid(event, 'CallSid', { required: true });
  if (callSid.error || !callSid.value) {
    return failureResponse(fieldFailure('invalid-input', callSid.error ? [callSid.error] : []));
  }
  const log = await readCallLog(settings, callSid.value);
  if (log.ok) return jsonResponse(200, log.value);
  logEvent('error', 'recordings.unavailable', {
    callSid: callSid.value,
    message: log.error.message,
  });
  return failureResponse(publicFailure(log.error, 'read'));
}
