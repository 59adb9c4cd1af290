import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { logEvent } from './logger';
import { badRequest, jsonResponse } from './runtime-response';
import { parseStatusEvent } from './status-event';

/** /recording-status: validates one recording status event and records it. */
export function recordingStatus(
  env: Record<string, unknown>,
  event: Record<string, unknown>,
): TwilioResponse {
  const expectedAccount = typeof env.ACCOUNT_SID === 'string' ? env.ACCOUNT_SID : undefined;
  const parsed = parseStatusEvent(event, expectedAccount);
  if (!parsed.ok) {
    logEvent('warn', 'recording-status.rejected', { errors: parsed.errors });
    return badRequest(parsed.errors);
  }
  logEvent('info', 'recording-status', { ...parsed.value });
  return jsonResponse(200, {
    stored: false,
    logged: true,
    recordingSid: parsed.value.recordingSid,
    status: parsed.value.status,
  });
}
