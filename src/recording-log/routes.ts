import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { SID_PATTERNS } from '../config/allowed-values';
import { EXAMPLE_SIDS, readSid } from '../config/event-fields';
import { logEvent } from '../logger';
import { recordingsOfCall, storeStatusEvent } from './recording-log';
import { RecordingLogUnavailable } from './upsert';
import { badRequest, jsonResponse } from '../runtime-response';
import { parseStatusEvent } from '../status-event';

function unavailable(
  event: string,
  error: unknown,
  fields: Record<string, unknown>,
): TwilioResponse {
  const message = error instanceof Error ? error.message : String(error);
  logEvent('error', event, { ...fields, message });
  // 503, so that Twilio's webhook retry (see the README) delivers the event again.
  return jsonResponse(503, {
    error: 'recording-log-unavailable',
    message: 'The recording log could not be written; retry later',
  });
}

/**
 * /recording-status: validates one recording status event and stores it in the recording log.
 * 2xx only once the event is stored; 400 for a malformed event; 503 when Sync is unavailable.
 */
export async function recordingStatus(
  env: Record<string, unknown>,
  event: Record<string, unknown>,
): Promise<TwilioResponse> {
  const expectedAccount = typeof env.ACCOUNT_SID === 'string' ? env.ACCOUNT_SID : undefined;
  const parsed = parseStatusEvent(event, expectedAccount);
  if (!parsed.ok) {
    logEvent('warn', 'recording-status.rejected', { errors: parsed.errors });
    return badRequest(parsed.errors);
  }
  const statusEvent = parsed.value;
  try {
    const outcome = await storeStatusEvent(env, statusEvent);
    logEvent('info', 'recording-status', {
      ...statusEvent,
      duplicate: !outcome.changed || undefined,
      rounds: outcome.rounds,
    });
    return jsonResponse(200, {
      stored: true,
      duplicate: !outcome.changed,
      recordingSid: statusEvent.recordingSid,
      status: statusEvent.status,
    });
  } catch (error) {
    if (!(error instanceof RecordingLogUnavailable)) throw error;
    return unavailable('recording-status.not-stored', error, { ...statusEvent });
  }
}

/** /recordings: the recording log of one call, as JSON. */
export async function recordingsOfCallRoute(
  env: Record<string, unknown>,
  event: Record<string, unknown>,
): Promise<TwilioResponse> {
  const callSid = readSid(event, 'CallSid', SID_PATTERNS.CallSid, EXAMPLE_SIDS.CallSid);
  if (callSid.error || !callSid.value) return badRequest(callSid.error ? [callSid.error] : []);
  try {
    const recordings = await recordingsOfCall(env, callSid.value);
    return jsonResponse(200, { callSid: callSid.value, recordings });
  } catch (error) {
    if (!(error instanceof RecordingLogUnavailable)) throw error;
    return unavailable('recordings.unavailable', error, { callSid: callSid.value });
  }
}
