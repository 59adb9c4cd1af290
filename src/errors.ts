/**
 * The exceptions this project throws on purpose: each one is unexpected where it is thrown and
 * ends at the route wrapper (runtime/function-handler.ts), the only catch-all. Expected
 * failures are Results of a Failure (failure.ts), never these.
 */

/** The text of anything thrown, for a log line or a failure message. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A request got no complete answer within its deadline (a trickling answer included). */
export class RequestTimeout extends Error {
  readonly code = 'ETIMEDOUT';

  constructor(ms: number) {
    super(`no answer within ${ms} ms (timeout)`);
    this.name = 'RequestTimeout';
  }
}

/** Code that needs the Functions runtime (its `Twilio.Response`) ran outside it. */
export class OutsideRuntime extends Error {
  constructor(what: string) {
    super(`${what} is only available inside the Functions runtime`);
    this.name = 'OutsideRuntime';
  }
}
