import { SYSTEM_CLOCK } from '../src/retry';
import { TimerQueue, type Due } from './timer-queue';

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
  /**
   * Calls `expire` once `ms` of this clock's time have passed, unless the returned cancel comes
   * first. Nobody waits on it (a request's deadline races the answer, which is what is held),
   * so it neither holds the clock back nor releases it.
   */
  timeout(ms: number, expire: () => void): () => void;
}

export interface Actor {
  /** Idle for `ms` of the clock's time, then busy again. */
  sleep(ms: number): Promise<void>;
  /** The actor's work is over; it no longer holds the clock back. */
  done(): void;
}

interface Timer extends Due {
  wake: () => void;
  /** A cancelled timeout, left in the queue until it comes up and then dropped. */
  cancelled?: boolean;
}

/**
 * Real milliseconds with nothing happening on the clock (no actor starting, sleeping, waking or
 * ending, no answer held or released) after which a busy actor that holds no answer is taken
 * to be waiting in real time (a backoff, a timeout) rather than working. Loopback requests
 * take a millisecond or two, and a Function's own work a few.
 */
export const REAL_WAIT_MS = 25;

/** While simulated time follows real time, how often (real ms) it is brought up to date. */
const PACE_STEP_MS = 5;

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
 *    takes no simulated time. With no answer held (no latency), this is the only rule.
 *
 * 2. A held answer releases the clock. A simulated caller is busy while its request travels
 *    through the gateway into a Function and from the Function to the stand-in; if that
 *    request's answer then waited on simulated time, time would never move (the caller is
 *    busy). So each held answer stands for one busy actor waiting on it, and time jumps on
 *    when there are as many answers held as actors busy. This is exact when each busy actor
 *    waits on at most one held answer at a time, which is how every simulated caller and
 *    callback runs (one request at a time into a Function, whose REST and Sync requests go one
 *    after another). Answers held for no actor (a test's own requests) take their latency in
 *    real time, as in rule 3; mixed with actors' requests, the counts can mistake one for the
 *    other, so a test holds one kind at a time.
 *
 * 3. Real waits move simulated time, never faster than real time. A Function waiting on one of
 *    its own timers (a backoff after a 429, a timeout: the Functions count time in real time
 *    unless the simulation puts them on this clock, see functions-clock.ts) is busy but holds
 *    no answer. If simulated time stood still
 *    meanwhile, it would retry into exactly the requests that were in flight when it was
 *    refused, so retries could never help, and every held answer would wait for it. So while
 *    answers are held, a busy actor that holds none and does nothing the clock can see for
 *    REAL_WAIT_MS is counted as stalled, waiting in real time, until it holds an answer again
 *    or is done. While any actor is stalled, time moves on as fast as what falls due can be
 *    woken, but never past the real time that has passed since the stall was seen.
 *
 * Stricter than Twilio, never more lenient, on what the limits see: a held answer takes its
 * latency in simulated time; a backoff takes at most its real length (less REAL_WAIT_MS), so a
 * retry meets at least the load it would meet on Twilio; a refused request (20429) is answered
 * at once, so its retry comes sooner. Not strict by themselves: Functions left on real time
 * are not charged for simulated latency in their budgets (a held answer takes only the real
 * time the run needs to reach its end), so a run that depends on a budget running out puts
 * them on this clock (the capacity benchmark does), where a latency longer than a Function's
 * REST timeout also trips that timeout as on Twilio.
 */
export class SimulatedClock implements Clock {
  private current: number;
  private busy = 0;
  private held = 0;
  /** Busy actors counted as waiting in real time (rule 3). */
  private stalled = 0;
  private order = 0;
  private readonly timers = new TimerQueue<Timer>();
  private checkQueued = false;
  /** Real time (performance.now()) of the last thing that happened on the clock. */
  private lastActivity = performance.now();
  /** While time follows real time: the real and simulated times it is reckoned from. */
  private pace: { real: number; sim: number } | undefined;
  private watcher: NodeJS.Timeout | undefined;
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

  timeout(ms: number, expire: () => void): () => void {
    const timer: Timer = {
      at: this.current + Math.max(0, ms),
      order: (this.order += 1),
      wake: expire,
    };
    this.timers.push(timer);
    this.queueCheck();
    return () => {
      timer.cancelled = true;
    };
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
      this.check();
    });
  }

  /** Re-checks after `ms` of real time, unless something happens first. */
  private watch(ms: number): void {
    clearTimeout(this.watcher);
    this.watcher = setTimeout(() => this.check(), Math.max(1, ms));
    this.watcher.unref();
  }

  private check(): void {
    if (this.timers.size === 0) return;
    const realNow = performance.now();
    const free = this.busy - this.held;
    this.stalled = Math.min(this.stalled, Math.max(0, free));
    if (free > this.stalled && !this.seeStall(realNow, free)) return;
    if (this.stalled === 0 && free === 0) {
      // Rules 1 and 2: every busy actor (if any) waits on a held answer.
      this.pace = undefined;
      this.moveTo(this.nextWakeUp());
      this.queueCheck();
      return;
    }
    this.followRealTime(realNow);
  }

  /**
   * Some busy actor holds no answer and is not yet counted as stalled: it is working (time
   * stands still) unless nothing has happened for REAL_WAIT_MS, when it is waiting in real
   * time (rule 3; only while answers are held or actors stalled). True when it is stalled.
   */
  private seeStall(realNow: number, free: number): boolean {
    const quiet = realNow - this.lastActivity;
    const waiting = this.held > 0 || this.stalled > 0;
    if (waiting && quiet >= REAL_WAIT_MS) {
      this.stalled = free;
      // Reckoned from now: the wait began earlier, so what it is granted is less than it took.
      this.pace = { real: realNow, sim: this.current };
      return true;
    }
    if (waiting) this.watch(REAL_WAIT_MS - quiet);
    return false;
  }

  /**
   * Rule 3 (and answers held for no actor): time moves on as fast as what falls due can be
   * woken, but never past the real time that has passed since it was reckoned from.
   */
  private followRealTime(realNow: number): void {
    this.pace ??= { real: realNow, sim: this.current };
    const reached = this.pace.sim + Math.floor(realNow - this.pace.real);
    const next = this.nextWakeUp();
    if (next <= reached) {
      this.moveTo(next);
      this.queueCheck();
      return;
    }
    this.moveTo(reached);
    this.watch(Math.min(PACE_STEP_MS, next - reached));
  }

  private nextWakeUp(): number {
    while (this.timers.peek()?.cancelled) this.timers.pop();
    return this.timers.peek()?.at ?? this.current;
  }

  /** Moves time to `to` (never back) and wakes everything due by then. */
  private moveTo(to: number): void {
    const from = this.current;
    this.current = Math.max(this.current, to);
    if (this.current > from) for (const observer of this.observers) observer(from, this.current);
    const due: Timer[] = [];
    while ((this.timers.peek()?.at ?? Infinity) <= this.current) due.push(this.timers.pop()!);
    for (const timer of due) if (!timer.cancelled) timer.wake();
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

  timeout(ms: number, expire: () => void): () => void {
    return SYSTEM_CLOCK.timeout(ms, expire);
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
