import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { RecordingLogUnavailable } from '../errors';
import { logEvent } from '../logger';
import type { Fields } from '../request/fields';
import { badRequest, jsonResponse } from '../runtime/response';
import { storeStatusEvent } from './recording-log';
import { parseStatusEvent } from './status-event';
import { recordingLogUnavailable } from './unavailable-response';

/**
 * /recording-status: reads one recording status event and stores it in the recording log.
 * 2xx only once the event is stored, with any field that looked odd left out and named in the
 * log line; 400 only for an event that cannot be stored at all (no recording or call, an
 * unknown status, another account); 503 when Sync is unavailable.
 */
export async function recordingStatus(env: Fields, event: Fields): Promise<TwilioResponse> {
  const parsed = parseStatusEvent(event, env.ACCOUNT_SID);
  if (!parsed.ok) {
    logEvent('warn', 'recording-status.rejected', { errors: parsed.error });
    return badRequest(parsed.error);
  }
  const { event: statusEvent, oddities } = parsed.value;
  const odd = oddities.length > 0 ? oddities : undefined;
  const { accountSid: _accountSid, ...facts } = statusEvent;
  try {
    const { duplicate, syncRequests } = await storeStatusEvent(env, facts);
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
  } catch (error) {
    if (!(error instanceof RecordingLogUnavailable)) throw error;
    return recordingLogUnavailable('written', 'recording-status.not-stored', error, {
      ...statusEvent,
      oddities: odd,
    });
  }
}
