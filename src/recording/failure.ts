import type { ToggleAction } from './toggle-request';

/**
 * Why a toggle went to its Failed transition. `invalid-input` and `call-not-in-progress` are
 * found before any REST request; the others come from the Recordings API or the network.
 */
export type FailureReason =
  | 'invalid-input'
  | 'invalid-configuration'
  | 'call-not-in-progress'
  | 'no-consent'
  | 'missing-credentials'
  | 'api-error'
  | 'rate-limited'
  | 'timeout'
  | 'unreachable';

/** How one failed REST request is classified. */
export interface RequestFailure {
  reason: Extract<FailureReason, 'api-error' | 'rate-limited' | 'timeout' | 'unreachable'>;
  /** Twilio's error code when the API answered with one, else the HTTP status or network code. */
  code?: string;
  httpStatus?: number;
  message: string;
  /** Whether trying again could succeed (it may also repeat an action that did happen). */
  transient: boolean;
}

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

/** Maps whatever twilio-node threw (a RestException or a network error) to a RequestFailure. */
export function classifyRequestError(error: unknown): RequestFailure {
  const err = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const message =
    typeof err.message === 'string' && err.message !== '' ? err.message : String(error);
  const status = typeof err.status === 'number' ? err.status : undefined;
  if (status !== undefined) {
    const twilioCode = typeof err.code === 'number' ? err.code : undefined;
    const code = twilioCode !== undefined ? String(twilioCode) : String(status);
    if (status === 429)
      return { reason: 'rate-limited', code, httpStatus: status, message, transient: true };
    const transient =
      status >= 500 || (twilioCode !== undefined && RETRYABLE_TWILIO_CODES.has(twilioCode));
    return { reason: 'api-error', code, httpStatus: status, message, transient };
  }
  const networkCode = typeof err.code === 'string' ? err.code : undefined;
  if (networkCode === 'ECONNABORTED' || networkCode === 'ETIMEDOUT' || /timeout/i.test(message)) {
    return {
      reason: 'timeout',
      code: networkCode ?? 'ETIMEDOUT',
      message: 'The Recordings API did not answer in time',
      transient: true,
    };
  }
  if (networkCode !== undefined && NETWORK_CODES.has(networkCode)) {
    return {
      reason: 'unreachable',
      code: networkCode,
      message: `The Recordings API could not be reached (${networkCode})`,
      transient: true,
    };
  }
  // An answer that could not be read (a reset mid-response, a non-JSON body): the request may
  // or may not have been applied, so treat it as transient and reconcile before trying again.
  return { reason: 'unreachable', code: networkCode, message, transient: true };
}

/** What the flow can assume about the recording after a failed toggle. */
export type RecordingStateAfterFailure = 'recording' | 'paused' | 'not-recording' | 'unknown';

/**
 * A failed stop must not let the flow believe the recording is off: unless the API said there
 * is nothing to act on (20404), the recording is taken to be in the state it was in before.
 */
export function recordingStateAfterFailure(
  action: ToggleAction,
  failure: Pick<RequestFailure, 'code' | 'transient'>,
): RecordingStateAfterFailure {
  if (failure.code === '20404') return 'not-recording';
  switch (action) {
    case 'start':
      return failure.transient ? 'unknown' : 'not-recording';
    case 'resume':
      return 'paused';
    default:
      return 'recording';
  }
}
