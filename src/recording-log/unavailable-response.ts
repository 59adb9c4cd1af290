import type { TwilioResponse } from '@twilio-labs/serverless-runtime-types/types';
import { errorMessage } from '../errors';
import { logEvent } from '../logger';
import { jsonResponse } from '../runtime/response';

/**
 * The answer when Sync cannot be read or written: 503, so that Twilio's webhook retry (see the
 * README) delivers the event again, and one log line saying why.
 */
export function recordingLogUnavailable(
  doing: 'read' | 'written',
  logLine: string,
  error: unknown,
  fields: Record<string, unknown>,
): TwilioResponse {
  logEvent('error', logLine, { ...fields, message: errorMessage(error) });
  return jsonResponse(503, {
    error: 'recording-log-unavailable',
    message: `The recording log could not be ${doing}; retry later`,
  });
}
