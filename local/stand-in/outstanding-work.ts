import type { Clock } from '../clock';

/** How much of the clock's time passes between two looks at whether everything has settled. */
const SETTLE_STEP_MS = 100;

/**
 * Work still to come for each call (status callbacks on their way, recordings being
 * processed), so that `settle` can let the clock run until a call has nothing left to happen.
 */
export class OutstandingWork {
  private readonly left = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  /** Counts one piece of work for the call until the returned release is called. */
  hold(callSid: string): () => void {
    this.left.set(callSid, (this.left.get(callSid) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.left.set(callSid, (this.left.get(callSid) ?? 1) - 1);
    };
  }

  /** Runs `work` for the call as an actor on the clock once `ms` have passed. */
  later(callSid: string, ms: number, work: () => void): void {
    const release = this.hold(callSid);
    this.clock.schedule(ms, () => {
      try {
        work();
      } finally {
        release();
      }
    });
  }

  /** Lets the clock run until nothing is left to happen for the call, or for any call. */
  async settle(callSid?: string): Promise<void> {
    const left = () =>
      callSid === undefined
        ? [...this.left.values()].reduce((sum, count) => sum + count, 0)
        : (this.left.get(callSid) ?? 0);
    while (left() > 0) await this.clock.advance(SETTLE_STEP_MS);
  }
}
