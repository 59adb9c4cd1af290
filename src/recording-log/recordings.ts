import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { RecordingLogUnavailable } from '../errors';
import { readSid, type Fields } from '../request/fields';
import { badRequest, jsonResponse } from '../runtime/response';
import { callLog } from './recording-log';
import { recordingLogUnavailable } from './unavailable-response';

/** /recordings?CallSid=CA…: everything the recording log holds about one call, as JSON. */
export async function recordings(env: Fields, event: Fields): Promise<TwilioResponse> {
  const callSid = readSid(event, 'CallSid', { required: true });
  if (callSid.error || !callSid.value) return badRequest(callSid.error ? [callSid.error] : []);
  try {
    return jsonResponse(200, await callLog(env, callSid.value));
  } catch (error) {
    if (!(error instanceof RecordingLogUnavailable)) throw error;
    return recordingLogUnavailable('read', 'recordings.unavailable', error, {
      callSid: callSid.value,
    });
  }
}
