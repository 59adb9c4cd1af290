import { PAGE_PASSWORD } from '../config/page-settings';
import { TWILIO } from '../config/twilio-settings';
import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import type { Settings } from '../config/settings';
import { fieldFailure } from '../failure';
import { logEvent } from '../logger';
import { readSid, type Fields } from '../request/fields';
import { budget } from '../retry';
import type { Headers } from '../runtime/function-handler';
import { bytesResponse, failureResponse } from '../runtime/response';
import { withDashboardClient } from './access';
import { AUDIO_FORMAT, recordingAudio } from './recording-audio';

/** The time the recording's lookup and its audio may take together, inside the Function's 10 seconds. */
const AUDIO_BUDGET_MS = 7000;

/** /dashboard-audio?RecordingSid=RE…: a recording's audio for the page (password required). */
/** What the route reads of the settings. */
export const DASHBOARD_AUDIO_SETTINGS = { twilio: TWILIO, pagePassword: PAGE_PASSWORD };

export function dashboardAudio(
  settings: Pick<Settings, 'twilio' | 'pagePassword'>,
  event: Fields,
  headers: Headers,
): Promise<TwilioResponse> {
  return withDashboardClient(settings, headers, async (client) => {
    const recordingSid = readSid(event, 'RecordingSid', { required: true });
    if (recordingSid.error || !recordingSid.value) {
      return failureResponse(
        fieldFailure('invalid-input', recordingSid.error ? [recordingSid.error] : []),
      );
    }
    const within = budget(AUDIO_BUDGET_MS, AUDIO_BUDGET_MS);
    const audio = await recordingAudio(client, settings.twilio, recordingSid.value, within);
    if (!audio.ok) {
      const { status, code, message } = audio.error;
      logEvent(status === 413 ? 'info' : 'warn', 'dashboard.audio-refused', {
        recordingSid: recordingSid.value,
        error: code,
        message,
      });
      return failureResponse(audio.error);
    }
    return bytesResponse(AUDIO_FORMAT.contentType, audio.value);
  });
}
