/**
 * Time for the local Twilio. Everything that waits (a caller listening to a prompt, a
 * recording being processed, a retry, a REST answer that takes time) waits on a Clock, and
 * everything that is counted in time (Sync's rate limits, TTLs, recording durations, requests
 * in flight) reads it.
 *
 * Work that waits on the clock is done by actors: a simulated call, a status callback on its
 * way, a scheduled job. An actor is busy while it works (real requests in flight) and idle
 * while it sleeps. A REST request whose answer the stand-in holds back for its latency is
 * held: whoever waits for that answer waits on the clock.
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
  /**
   * Holds one REST answer for `ms` of this clock's time (its latency). Resolves when the time
   * has passed, or at once when `signal` aborts (the client went away).
   */
  hold(ms: number, signal?: AbortSignal): Promise<void>;
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
 * Real milliseconds with nothing happening on the clock (no actor starting, sleeping, waking or
 * ending, no answer held or released) after which a clock stuck on busy actors starts to follow
 * real time. Loopback requests take a millisecond or two, so a quiet stretch this long means
 * the busy work is waiting in real time (a backoff, a timeout), not computing.
 */
export const REAL_WAIT_MS = 25;

/**
 * Simulated time, run as a discrete-event simulation. So 200 concurrent calls of 20 seconds
 * take 20 seconds of this clock, however long the real requests take, and the request rates
 * Sync's limiter and the account's concurrency limit see are the rates 200 real callers would
 * cause.
 *
 * The rules:
 *
 * 1. Time stands still while any actor is busy, and jumps to the next wake-up once every
 *    actor is idle. A busy actor's real work (the Functions' code, requests over loopback)
 *    takes no simulated time.
 *
 * 2. A held answer releases the clock. A simulated caller is busy while its request travels
 *    through the gateway into a Function and from the Function to the stand-in; if that
 *    request's answer then waited on simulated time, time would never move (the caller is
 *    busy). So each held answer stands for one busy actor waiting on it: time jumps when there
 *    are as many answers held as actors busy. This is exact when each busy actor waits on at
 *    most one held answer at a time, which is how every simulated caller and callback runs
 *    (one request at a time into a Function, whose REST and Sync requests go one after
 *    another). A request from outside any actor (a test's own) is held too; while the two
 *    counts differ the clock follows real time, as in rule 3, so such a request simply takes
 *    its latency in real time, as before.
 *
 * 3. Real waits move simulated time, never faster than real time. The Functions keep their
 *    own timers in real time (the REST timeout, the log's time budget, the backoff between
 *    retries), and a Function waiting on one is busy but holds no answer. If simulated time
 *    stood still meanwhile, a Function backing off after a 429 would retry into exactly the
 *    requests that were in flight when it was refused, so retries could never help, and the
 *    held answers would wait for it. So while answers are held and the counts differ, once
 *    nothing has happened on the clock for REAL_WAIT_MS of real time, simulated time moves
 *    on by the real time that has passed since the last thing happened, and goes on doing so
 *    until something happens. With no answer held (no latency), rule 1 alone applies, exactly
 *    as before latency existed.
 *
 * Stricter than Twilio, never more lenient, on what the limits see: a backoff takes at most
 * its real length in simulated time (the retry meets at least the load it would meet on
 * Twilio); a refused request costs no time at all, so its retry comes sooner. What the rules
 * do not model: the Functions' real-time budgets are not charged for simulated latency (a
 * budget sees only real waits and real work), so a run that depends on a budget running out
 * must give the Functions budgets smaller than Twilio's by the latency they would spend (the
 * capacity benchmark does).
 */
export class SimulatedClock implements Clock {
  private current: number;
  private busy = 0;
  private held = 0;
  private order = 0;
  private readonly timers: Timer[] = [];
  private checkQueued = false;
  /** Real time (performance.now()) of the last thing that happened on the clock. */
  private lastActivity = performance.now();
  /** Real time up to which real waits have already been turned into simulated time. */
  private pacedUntil = 0;
  private pacer: NodeJS.Timeout | undefined;
  private readonly observers = new Set<(from: number, to: number) => void>();

  /** Starts at `start`, by default the current second, so that simulated times read as today's. */
  constructor(start = Math.floor(Date.now() / 1000) * 1000) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  actor(): Actor {
    this.busy += 1;
    this.touch();
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

  hold(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      let holding = true;
      const end = () => {
        if (!holding) return;
        holding = false;
        this.held -= 1;
        this.touch();
        signal?.removeEventListener('abort', end);
        resolve();
        this.queueCheck();
      };
      this.held += 1;
      this.addTimer(ms, end);
      signal?.addEventListener('abort', end, { once: true });
      if (signal?.aborted) end();
      this.touch();
      this.queueCheck();
    });
  }

  /**
   * Calls `observer(from, to)` each time simulated time moves from `from` to `to`, before
   * anything due at `to` wakes: what is counted then held over the whole stretch.
   */
  observe(observer: (from: number, to: number) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  private addTimer(ms: number, wake: () => void): void {
    this.timers.push({ at: this.current + Math.max(0, ms), order: (this.order += 1), wake });
  }

  private release(): void {
    this.busy -= 1;
    this.touch();
    this.queueCheck();
  }

  private touch(): void {
    this.lastActivity = performance.now();
  }

  // Checked on a later turn of the event loop, so that work that was just woken (or an answer
  // that was just read) can start before the clock decides everyone is waiting.
  private queueCheck(): void {
    if (this.checkQueued) return;
    this.checkQueued = true;
    setImmediate(() => {
      this.checkQueued = false;
      if (this.timers.length === 0) return;
      if (this.busy === this.held) {
        this.moveTo(this.nextWakeUp());
        if (this.busy === this.held) this.queueCheck();
      } else if (this.held > 0) this.followRealWaits();
    });
  }

  private nextWakeUp(): number {
    this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
    return this.timers[0].at;
  }

  /** Moves time to `to` (never back) and wakes everything due by then. */
  private moveTo(to: number): void {
    const from = this.current;
    this.current = Math.max(this.current, to);
    if (this.current > from) for (const observer of this.observers) observer(from, this.current);
    const due = this.timers.filter((timer) => timer.at <= this.current);
    this.timers.splice(0, due.length);
    for (const timer of due) timer.wake();
  }

  /** Rule 3: watches for a quiet stretch while answers are held and the counts differ. */
  private followRealWaits(): void {
    if (this.pacer) return;
    const quietFor = performance.now() - this.lastActivity;
    this.pacer = setTimeout(
      () => {
        this.pacer = undefined;
        this.paceRealTime();
      },
      Math.max(REAL_WAIT_MS / 5, REAL_WAIT_MS - quietFor),
    );
    this.pacer.unref();
  }

  private paceRealTime(): void {
    if (this.timers.length === 0 || this.held === 0 || this.busy === this.held) {
      this.queueCheck();
      return;
    }
    const realNow = performance.now();
    if (realNow - this.lastActivity >= REAL_WAIT_MS) {
      const since = Math.max(this.lastActivity, this.pacedUntil);
      const elapsed = Math.floor(realNow - since);
      this.pacedUntil = since + elapsed;
      this.moveTo(Math.min(this.nextWakeUp(), this.current + elapsed));
    }
    this.queueCheck();
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

  hold(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}
