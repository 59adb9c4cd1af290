/**
 * The exceptions this project throws on purpose: each one is unexpected where it is thrown and
 * handled by name further up. Expected failures are Results (see result.ts), never these.
 */

/** The text of anything thrown, for a log line or a failure message. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Twilio Sync could not read or store the recording log; the caller answers 5xx. */
export class RecordingLogUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecordingLogUnavailable';
  }
}

/** A step's time budget has no room left for one more request. */
export class OutOfTime extends Error {
  constructor(message = 'no time left in the budget for another request') {
    super(message);
    this.name = 'OutOfTime';
  }
}

/** A request got no complete answer within its deadline (a trickling answer included). */
export class RequestTimeout extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(ms: number) {
    super(`no answer within ${ms} ms (timeout)`);
    this.name = 'RequestTimeout';
  }
}
