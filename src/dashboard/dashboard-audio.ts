import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { logEvent } from '../logger';
import { readSid, type Fields } from '../request/fields';
import type { Headers } from '../runtime/function-handler';
import { badRequest, bytesResponse, jsonResponse } from '../runtime/response';
import { withDashboardClient } from './access';
import { AUDIO_FORMAT, recordingAudio } from './recording-audio';

/** The time the recording's lookup and its audio may take together, inside the Function's 10 seconds. */
const AUDIO_BUDGET_MS = 7000;

/** /dashboard-audio?RecordingSid=RE…: a recording's audio for the page (password required). */
export function dashboardAudio(
  env: Fields,
  event: Fields,
  headers: Headers,
): Promise<TwilioResponse> {
  return withDashboardClient(env, headers, async (client) => {
    const recordingSid = readSid(event, 'RecordingSid', { required: true });
    if (recordingSid.error || !recordingSid.value) {
      return badRequest(recordingSid.error ? [recordingSid.error] : []);
    }
    const audio = await recordingAudio(client, env, recordingSid.value, AUDIO_BUDGET_MS);
    if (!audio.ok) {
      const { status, ...body } = audio.error;
      logEvent(status === 413 ? 'info' : 'warn', 'dashboard.audio-refused', {
        recordingSid: recordingSid.value,
        ...body,
      });
      return jsonResponse(status, body);
    }
    return bytesResponse(AUDIO_FORMAT.contentType, audio.value);
  });
}
