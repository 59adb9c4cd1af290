/**
 * The one shape of an expected failure, whatever the route: bad input, a broken setting, a
 * refused or lost request, a log that cannot be written. It travels inside a Result (result.ts)
 * and says what it maps to: the toggle's Failed reason is its `code`, an HTTP route answers its
 * `status`. The unexpected is thrown instead, as a named exception (errors.ts).
 */

/** A problem with one named input or setting, phrased for the developer who has to fix it. */
export interface FieldError {
  field: string;
  message: string;
  /** On the toggle's path, the Failed reason this field leads to. */
  reason?: FailedReason;
}

/** Why the toggle went to Failed: the widget's Failed transition, with a reason. */
export const FAILED_REASONS = {
  'invalid-input': 400,
  'invalid-configuration': 500,
  'call-not-in-progress': 409,
  'no-consent': 403,
  'missing-credentials': 503,
  'api-error': 502,
  'rate-limited': 503,
  timeout: 504,
  unreachable: 502,
} as const;

/** Failures of the HTTP routes that never reach the toggle. */
const HTTP_FAILURES = {
  'recording-log-unavailable': 503,
  'not-found': 404,
  'no-audio': 404,
  unauthorized: 401,
  'too-large': 413,
  'media-unavailable': 502,
  'twilio-unavailable': 502,
  forbidden: 403,
  'method-not-allowed': 405,
  'erasure-incomplete': 503,
} as const;

export type FailedReason = keyof typeof FAILED_REASONS;
export type FailureCode = FailedReason | keyof typeof HTTP_FAILURES;

export interface Failure {
  /** What went wrong, for a program; on the toggle's path, its Failed reason. */
  code: FailureCode;
  message: string;
  /** The HTTP status a route answers it with. */
  status: number;
  /** Twilio's error code, the HTTP status or the network's code, when a request failed. */
  detail?: string;
  /** The fields at fault, for bad input and broken settings. */
  fields?: FieldError[];
  /** Whether trying again could succeed (it may also repeat what did happen). */
  transient?: boolean;
  /** How long the other side asked to wait before trying again (its Retry-After). */
  retryAfterMs?: number;
}

const STATUS: Record<FailureCode, number> = { ...FAILED_REASONS, ...HTTP_FAILURES };

/** A failure of this code, with the HTTP status the code maps to. */
export function failure(
  code: FailureCode,
  message: string,
  more: Pick<Failure, 'detail' | 'fields' | 'transient' | 'retryAfterMs'> = {},
): Failure {
  return { code, message, status: STATUS[code], ...more };
}

/** A failure naming the fields at fault; its message lists them all. */
export function fieldFailure(code: FailureCode, fields: FieldError[]): Failure {
  return failure(code, describeFieldErrors(fields), { fields });
}

export function describeFieldErrors(errors: readonly FieldError[]): string {
  return errors.map((error) => `${error.field}: ${error.message}`).join('; ');
}

/** `'a', 'b', 'c'`: the allowed values, as a message lists them. */
export function allowedList(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}
