import { BUDGET_CLOCK_KEY, type BudgetClock } from '../src/retry';
import type { Clock } from './clock';

/**
 * Puts the Functions served in this process on `clock`: their budgets read its time and their
 * backoffs wait on it, as on Twilio they count Twilio's own time. A backoff is held like a REST
 * answer (the caller waiting on that Function waits on the clock), so simulated time moves on
 * through it. Left on real time, a run slower than real time (2 cores driving hundreds of
 * calls a second) spends a Function's budget on the machine's slowness instead of on the
 * latency and the backoffs Twilio would charge. Returns what puts them back on real time.
 *
 * Each request's timeout counts the clock too: a held answer longer than it times out as on
 * Twilio, and a machine too slow to answer in real time does not.
 *
 * Assumption [function-work-untimed]: a Function's own work (parsing, TwiML, a log line) takes
 * a few milliseconds on Twilio, which the simulated clock does not charge to its budget; against
 * budgets of seconds and latencies of tens of milliseconds per request, that leaves a step a few
 * milliseconds more than it would have.
 */
export function putFunctionsOnClock(clock: Clock): () => void {
  const slot = globalThis as { [BUDGET_CLOCK_KEY]?: BudgetClock };
  const before = slot[BUDGET_CLOCK_KEY];
  slot[BUDGET_CLOCK_KEY] = budgetClockOn(clock, (ms) => clock.hold(ms));
  return () => {
    slot[BUDGET_CLOCK_KEY] = before;
  };
}

/** Budgets on `clock`'s time, waiting with `sleep` (an actor's sleep, or a held wait). */
export function budgetClockOn(
  clock: Clock,
  sleep: (ms: number) => Promise<void>,
  random: () => number = Math.random,
): BudgetClock {
  return {
    now: () => clock.now(),
    sleep,
    random,
    timeout: (ms, expire) => clock.timeout(ms, expire),
  };
}
