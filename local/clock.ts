/**
 * Time for the local Twilio stand-in. Simulated calls run on a virtual clock so that a call
 * with long prompts and silences takes milliseconds.
 */
export interface Clock {
  /** Milliseconds since the epoch, in this clock's time. */
  now(): number;
  /** Lets this clock's time pass (instantly, for a virtual clock). */
  advance(ms: number): Promise<void>;
}

export class VirtualClock implements Clock {
  private current: number;

  constructor(start = Date.UTC(2026, 0, 1, 12, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  async advance(ms: number): Promise<void> {
    if (ms > 0) this.current += ms;
  }
}
