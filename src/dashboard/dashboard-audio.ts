import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { integerSetting } from '../config/defaults';
import { logEvent } from '../logger';
import { readSid, type Fields } from '../request/fields';
import type { Headers } from '../runtime/function-handler';
import { badRequest, bytesResponse, jsonResponse } from '../runtime/response';
import { createRestClient } from '../twilio/rest-client';
import { NO_STORE, refuseWithoutPassword } from './access';
import { AUDIO_FORMAT, recordingAudio } from './recording-audio';

/** The time the audio may take to come from Twilio, inside the Function's 10 seconds. */
const AUDIO_TIMEOUT_MS = 7000;

/** /dashboard-audio?RecordingSid=RE…: a recording's audio for the page (password required). */
export async function dashboardAudio(
  env: Fields,
  event: Fields,
  headers: Headers,
): Promise<TwilioResponse> {
  const refused = refuseWithoutPassword(env, headers);
  if (refused) return refused;
  const recordingSid = readSid(event, 'RecordingSid', { required: true });
  if (recordingSid.error || !recordingSid.value) {
    return badRequest(recordingSid.error ? [recordingSid.error] : [], NO_STORE);
  }
  const client = createRestClient(env, { timeoutMs: integerSetting(env, 'REST_TIMEOUT_MS') });
  if (!client.ok) {
    return jsonResponse(503, { error: 'missing-credentials', message: client.error }, NO_STORE);
  }
  const audio = await recordingAudio(client.value, env, recordingSid.value, AUDIO_TIMEOUT_MS);
  if (!audio.ok) {
    const { status, ...body } = audio.error;
    logEvent(status === 413 ? 'info' : 'warn', 'dashboard.audio-refused', {
      recordingSid: recordingSid.value,
      ...body,
    });
    return jsonResponse(status, body, NO_STORE);
  }
  return bytesResponse(AUDIO_FORMAT.contentType, audio.value, NO_STORE);
}
