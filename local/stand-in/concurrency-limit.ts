/**
 * Twilio's limit on concurrent REST requests per account: a request over the limit is answered
 * 429 with error 20429 and, as Twilio's error page says, never processed.
 *
 * Assumption [concurrency-limit-100]: Twilio publishes no figure for the limit (its error page
 * only says to watch the Twilio-Concurrent-Requests header); third-party write-ups quote 100
 * concurrent requests per account, which the stand-in takes as its default.
 */
export const DEFAULT_CONCURRENCY_LIMIT = 100;

export class ConcurrencyLimit {
  private inFlight = 0;

  constructor(private readonly limit: () => number) {}

  /** Requests of the account being served right now. */
  get current(): number {
    return this.inFlight;
  }

  /** Admits one more request and returns its release, or undefined when the limit is reached. */
  enter(): (() => void) | undefined {
    if (this.inFlight >= this.limit()) return undefined;
    this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight -= 1;
    };
  }
}
