import { BUDGET_CLOCK_KEY, type BudgetClock } from '../src/retry';
import type { Clock } from './clock';

/**
 * Puts the Functions served in this process on `clock`: their budgets read its time and their
 * backoffs wait on it, as on Twilio they count Twilio's own time. A backoff is held like a REST
 * answer (the caller waiting on that Function waits on the clock), so simulated time moves on
 * through it. Left on real time, a run slower than real time (2 cores driving hundreds of
 * calls a second) spends a Function's budget on the machine's slowness instead of on the
 * latency and the backoffs Twilio would charge. A Function's own work still takes no
 * simulated time (a few milliseconds on Twilio), and each request's timeout stays in real
 * time: both the lenient side by at most a few milliseconds per request, against budgets of
 * seconds. Returns what puts the Functions back on real time.
 */
export function putFunctionsOnClock(clock: Clock): () => void {
  const slot = globalThis as { [BUDGET_CLOCK_KEY]?: BudgetClock };
  const before = slot[BUDGET_CLOCK_KEY];
  slot[BUDGET_CLOCK_KEY] = {
    now: () => clock.now(),
    sleep: (ms) => clock.hold(ms),
    random: Math.random,
  };
  return () => {
    slot[BUDGET_CLOCK_KEY] = before;
  };
}
