import { VOICE } from '../config/voice-settings';
import { LOG } from '../config/log-settings';
import { TWILIO } from '../config/twilio-settings';
import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import type { Settings } from '../config/settings';
import { logEvent } from '../logger';
import { storeStatusEvent } from '../recording-log/recording-log';
import type { Fields } from '../request/fields';
import { failureResponse, jsonResponse } from '../runtime/response';
import { publicFailure } from './public-failure';
import { parseStatusEvent } from './status-event';

/**
 * /recording-status: reads one recording status event and stores it in the recording log.
 * 2xx only once the event is stored, with any field that looked odd left out and named in the
 * log line; 400 only for an event that cannot be stored at all (no recording or call, an
 * unknown status, another account); 503 when Sync is unavailable, so that Twilio's retry (the
 * default callback asks for it) delivers the event again. A recording started after a notice
 * (`Consent=notice` on the callback URL the toggle gave it) keeps the notice with its events.
 */
/** What the route reads of the settings. */
export const RECORDING_STATUS_SETTINGS = { twilio: TWILIO, log: LOG, voice: VOICE };

export async function recordingStatus(
  settings: Pick<Settings, 'twilio' | 'log' | 'voice'>,
  event: Fields,
): Promise<TwilioResponse> {
  const parsed = parseStatusEvent(event, settings.twilio.accountSid);
  if (!parsed.ok) {
    logEvent('warn', 'recording-status.rejected', { errors: parsed.error.fields });
    return failureResponse(parsed.error);
  }
  const { event: statusEvent, oddities, afterNotice } = parsed.value;
  const odd = oddities.length > 0 ? oddities : undefined;
  const { accountSid: _accountSid, ...facts } = statusEvent;
  const notice = afterNotice ? { prompt: settings.voice.announcement } : undefined;
  const stored = await storeStatusEvent(settings, facts, notice);
  if (!stored.ok) {
    logEvent('error', 'recording-status.not-stored', {
      ...statusEvent,
      oddities: odd,
      message: stored.error.message,
    });
    return failureResponse(publicFailure(stored.error, 'written'));
  }
  const { duplicate, syncRequests } = stored.value;
  logEvent(odd ? 'warn' : 'info', 'recording-status', {
    ...statusEvent,
    duplicate: duplicate || undefined,
    syncRequests,
    oddities: odd,
  });
  return jsonResponse(200, {
    stored: true,
    duplicate,
    recordingSid: statusEvent.recordingSid,
    status: statusEvent.status,
    oddities: odd,
  });
}
