import { failure, type Failure } from '../failure';
import type { ToggleAction } from './toggle-types';

/** Twilio error codes that mean "try again shortly" although the HTTP status is 4xx. */
const RETRYABLE_TWILIO_CODES = new Set([16114, 20429]);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

interface ErrorLike {
  status?: unknown;
  code?: unknown;
  message?: unknown;
}

/** Maps whatever twilio-node threw (a RestException or a network error) to a Failure. */
export function classifyRequestError(error: unknown): Failure {
  const thrown = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const message =
    typeof thrown.message === 'string' && thrown.message !== '' ? thrown.message : String(error);
  const status = typeof thrown.status === 'number' ? thrown.status : undefined;
  if (status !== undefined) {
    const twilioCode = typeof thrown.code === 'number' ? thrown.code : undefined;
    const detail = twilioCode !== undefined ? String(twilioCode) : String(status);
    if (status === 429) return failure('rate-limited', message, { detail, transient: true });
    const transient =
      status >= 500 || (twilioCode !== undefined && RETRYABLE_TWILIO_CODES.has(twilioCode));
    return failure('api-error', message, { detail, transient });
  }
  const networkCode = typeof thrown.code === 'string' ? thrown.code : undefined;
  if (networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return failure('timeout', 'The Recordings API did not answer in time', {
      detail: networkCode ?? 'ETIMEDOUT',
      transient: true,
    });
  }
  if (networkCode !== undefined && NETWORK_CODES.has(networkCode)) {
    return failure('unreachable', `The Recordings API could not be reached (${networkCode})`, {
      detail: networkCode,
      transient: true,
    });
  }
  // An answer that could not be read (a reset mid-response, a non-JSON body): the request may
  // or may not have been applied, so treat it as transient and reconcile before trying again.
  return failure('unreachable', message, { detail: networkCode, transient: true });
}

/** What the flow can assume about the recording after a failed toggle. */
export type RecordingStateAfterFailure = 'recording' | 'paused' | 'not-recording' | 'unknown';

/**
 * A failed stop must not let the flow believe the recording is off: unless the API said there
 * is nothing to act on (20404), the recording is taken to be in the state it was in before.
 */
export function recordingStateAfterFailure(
  action: ToggleAction,
  failed: Pick<Failure, 'detail' | 'transient'>,
): RecordingStateAfterFailure {
  if (failed.detail === '20404') return 'not-recording';
  switch (action) {
    case 'start':
      return failed.transient ? 'unknown' : 'not-recording';
    case 'resume':
      return 'paused';
    default:
      return 'recording';
  }
}
