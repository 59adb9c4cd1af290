/**
 * Time for the local Twilio. Everything that waits (a caller listening to a prompt, a
 * recording being processed, a retry) waits on a Clock, and everything that is counted in time
 * (Sync's rate limits, TTLs, recording durations) reads it.
 *
 * Work that waits on the clock is done by actors: a simulated call, a status callback on its
 * way, a scheduled job. An actor is busy while it works (real requests in flight) and idle
 * while it sleeps.
 */
export interface Clock {
  /** Milliseconds since the epoch, in this clock's time. */
  now(): number;
  /** A new actor, busy from now until it sleeps or is done. */
  actor(): Actor;
  /** Runs `work` as an actor that is busy until the work settles. */
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Runs `work` as a new actor once `ms` of this clock's time have passed. */
  schedule(ms: number, work: () => void | Promise<void>): void;
  /** Lets `ms` pass for a caller that is not an actor (a test, a command line). */
  advance(ms: number): Promise<void>;
}

export interface Actor {
  /** Idle for `ms` of the clock's time, then busy again. */
  sleep(ms: number): Promise<void>;
  /** The actor's work is over; it no longer holds the clock back. */
  done(): void;
}

interface Timer {
  at: number;
  order: number;
  wake: () => void;
}

/**
 * Simulated time, run as a discrete-event simulation: time stands still while any actor is
 * busy, and jumps to the next wake-up once every actor is idle. So 200 concurrent calls of 20
 * seconds each take 20 seconds of this clock, however long the real requests take, and the
 * request rates Sync's limiter sees are the rates 200 real callers would cause.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private busy = 0;
  private order = 0;
  private readonly timers: Timer[] = [];
  private checkQueued = false;

  /** Starts at `start`, by default the current second, so that simulated times read as today's. */
  constructor(start = Math.floor(Date.now() / 1000) * 1000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  actor(): Actor {
    this.busy += 1;
    let finished = false;
    return {
      sleep: (ms) => {
        if (finished) throw new Error('an actor that is done cannot sleep');
        return new Promise<void>((resolve) => {
          this.addTimer(ms, () => {
            this.busy += 1;
            resolve();
          });
          this.release();
        });
      },
      done: () => {
        if (finished) return;
        finished = true;
        this.release();
      },
    };
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    const actor = this.actor();
    try {
      return await work();
    } finally {
      actor.done();
    }
  }

  schedule(ms: number, work: () => void | Promise<void>): void {
    this.addTimer(ms, () => {
      this.busy += 1;
      Promise.resolve()
        .then(work)
        .catch(() => undefined)
        .finally(() => this.release());
    });
    this.queueCheck();
  }

  async advance(ms: number): Promise<void> {
    const actor = this.actor();
    await actor.sleep(ms);
    actor.done();
  }

  private addTimer(ms: number, wake: () => void): void {
    this.timers.push({ at: this.current + Math.max(0, ms), order: (this.order += 1), wake });
  }

  private release(): void {
    this.busy -= 1;
    this.queueCheck();
  }

  // Checked on a later turn of the event loop, so that work that was just woken (or an answer
  // that was just read) can start before the clock decides everyone is idle.
  private queueCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    setImmediate(() => {
      this.checkQueued = false;
      if (this.busy > 0 || this.timers.length === 0) return;
      this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
      const next = this.timers[0].at;
      this.current = Math.max(this.current, next);
      const due = this.timers.filter((timer) => timer.at <= this.current);
      this.timers.splice(0, due.length);
      for (const timer of due) timer.wake();
      if (this.busy === 0) this.queueCheck();
    });
  }
}

/** Wall-clock time, for runs that are measured in real seconds (the ingestion benchmark). */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  actor(): Actor {
    return { sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)), done: () => {} };
  }

  run<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }

  schedule(ms: number, work: () => void | Promise<void>): void {
    setTimeout(
      () =>
        void Promise.resolve()
          .then(work)
          .catch(() => undefined),
      ms,
    );
  }

  advance(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }
}
