import { RequestTimeout } from './errors';
import { failure, type Failure } from './failure';
import { err, ok, type Result } from './result';

/**
 * The time one operation may take, shared by every request and every wait it makes: a Function
 * runs 10 seconds at most, so nothing it sends may outlive its answer.
 */
export interface Budget {
  readonly deadline: number;
  /** Upper bound for one request, however much time is left. */
  readonly requestTimeoutMs: number;
  /** A request is only started when at least this much time is left. */
  readonly minRequestMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1), for the jitter of backoffs. */
  random(): number;
  /** Calls `expire` after `ms`, unless the returned cancel is called first. */
  timeout(ms: number, expire: () => void): () => void;
  /** Requests sent under this budget so far, retries included (for the log line). */
  requests: number;
}

export type BudgetClock = Pick<Budget, 'now' | 'sleep' | 'random' | 'timeout'>;

export const SYSTEM_CLOCK: BudgetClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  timeout: (ms, expire) => {
    const timer = setTimeout(expire, ms);
    return () => clearTimeout(timer);
  },
};

/**
 * Where a process that stands in for Twilio's time (the local Twilio's simulated clock, in the
 * capacity benchmark) puts the clock the Functions' budgets count on. Each Function is bundled
 * alone, so the bundles can share it only through the process; a deployed Function never finds
 * one and counts real time.
 */
export const BUDGET_CLOCK_KEY = Symbol.for('twilio-call-recording.budget-clock');

function processClock(): BudgetClock {
  return (globalThis as { [BUDGET_CLOCK_KEY]?: BudgetClock })[BUDGET_CLOCK_KEY] ?? SYSTEM_CLOCK;
}

/** A request is never started with less than this left, whatever the budget says. */
const SHORTEST_REQUEST_MS = 150;

export function budget(
  ms: number,
  requestTimeoutMs: number,
  options: { minRequestMs?: number; clock?: BudgetClock } = {},
): Budget {
  const clock = options.clock ?? processClock();
  return {
    deadline: clock.now() + ms,
    requestTimeoutMs,
    minRequestMs: Math.max(SHORTEST_REQUEST_MS, options.minRequestMs ?? 0),
    now: () => clock.now(),
    sleep: (wait) => clock.sleep(wait),
    random: () => clock.random(),
    timeout: (wait, expire) => clock.timeout(wait, expire),
    requests: 0,
  };
}

export function timeLeft(within: Budget): number {
  return within.deadline - within.now();
}

/**
 * A hard deadline for one promise, whatever its socket does (a trickling answer included): it
 * settles, or RequestTimeout is thrown after `ms` of `clock`'s time.
 */
export function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  clock: Pick<BudgetClock, 'timeout'> = SYSTEM_CLOCK,
): Promise<T> {
  let cancel = () => {};
  const timeout = new Promise<never>((_, reject) => {
    cancel = clock.timeout(ms, () => reject(new RequestTimeout(ms)));
  });
  return Promise.race([promise, timeout]).finally(() => cancel());
}

/** What a request that could not even start for lack of time fails with. */
export function outOfTime(doing: string): Failure {
  return failure('timeout', `${doing} did not finish within its time budget`, {
    transient: true,
  });
}

/**
 * Sends one request inside the budget: bounded by the request timeout and by what is left, and
 * counted. Whatever it throws becomes a Failure through `classify`.
 */
export async function send<T>(
  within: Budget,
  request: () => Promise<T>,
  classify: (error: unknown) => Failure,
): Promise<Result<T, Failure>> {
  const left = timeLeft(within);
  if (left < within.minRequestMs) return err(outOfTime('The request'));
  within.requests += 1;
  try {
    return ok(await withDeadline(request(), Math.min(within.requestTimeoutMs, left), within));
  } catch (error) {
    return err(classify(error));
  }
}

/** Backoff before the retry after `attempt` tries: full jitter over a doubling ceiling. */
const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 1600;

export function backoffMs(within: Budget, attempt: number): number {
  const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** (attempt - 1));
  return Math.round(within.random() * ceiling);
}

/**
 * The one retry policy: `attempt` is tried again after a jittered, growing backoff while it
 * fails for a passing reason (`transient`), attempts remain, the caller still wants to
 * (`keepGoing`), and the budget leaves room for the wait and one more request. A failure that
 * says how long to wait (`retryAfterMs`, a Retry-After) waits at least that long. The last
 * failure is returned when it gives up.
 */
export async function retry<T>(
  within: Budget,
  attempt: (count: number) => Promise<Result<T, Failure>>,
  maxAttempts = Infinity,
  keepGoing: () => boolean = () => true,
): Promise<Result<T, Failure>> {
  for (let count = 1; ; count += 1) {
    const result = await attempt(count);
    if (result.ok || !result.error.transient || count >= maxAttempts || !keepGoing()) {
      return result;
    }
    const wait = Math.max(backoffMs(within, count), result.error.retryAfterMs ?? 0);
    if (timeLeft(within) - wait < within.minRequestMs) return result;
    await within.sleep(wait);
  }
}
