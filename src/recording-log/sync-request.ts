import { withDeadline } from '../deadline';
import { errorMessage, RecordingLogUnavailable } from '../errors';

/**
 * The time one log operation may take, shared by all the Sync requests it makes: each request
 * is bounded by what is left, so a slow Sync can never push a Function past its answer.
 */
export interface LogBudget {
  deadline: number;
  /** Upper bound for one request, however much budget is left. */
  requestTimeoutMs: number;
  now(): number;
  sleep(ms: number): Promise<void>;
  /** A number in [0, 1), for the jitter of backoffs. */
  random(): number;
  /** Sync requests sent under this budget so far, retries included (for the log line). */
  requests: number;
}

export function logBudget(budgetMs: number, requestTimeoutMs: number): LogBudget {
  return {
    deadline: Date.now() + budgetMs,
    requestTimeoutMs,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    requests: 0,
  };
}

/** A request is only started when at least this much time is left for it. */
const MIN_REQUEST_MS = 150;
/** Backoff after Sync's 429: full jitter over a doubling ceiling, from BACKOFF_FIRST_MS. */
const BACKOFF_FIRST_MS = 100;
const BACKOFF_MAX_MS = 1600;

// Sync's error codes (twilio.com/docs/api/errors/NNNNN).
export const SYNC_ERRORS = {
  RATE_LIMITED: 54009,
  DOCUMENT_NOT_FOUND: 54100,
  MAP_NOT_FOUND: 54200,
  ITEM_NOT_FOUND: 54201,
  REVISION_MISMATCH: 54205,
  ITEM_ALREADY_EXISTS: 54208,
  UNIQUE_NAME_NOT_FOUND: 54300,
  UNIQUE_NAME_ALREADY_EXISTS: 54301,
  RESOURCE_NOT_FOUND: 20404,
} as const;

export function syncErrorCode(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

export function httpStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The object a request addressed by its unique name does not exist. Twilio documents 54300
 * for that, beside 54200 (Map) and 54100 (Document) for a SID, and a plain 20404: any of them
 * means "create it first".
 */
export function isMissingObject(error: unknown): boolean {
  const code = syncErrorCode(error);
  return (
    code === SYNC_ERRORS.UNIQUE_NAME_NOT_FOUND ||
    code === SYNC_ERRORS.MAP_NOT_FOUND ||
    code === SYNC_ERRORS.DOCUMENT_NOT_FOUND ||
    code === SYNC_ERRORS.RESOURCE_NOT_FOUND
  );
}

/**
 * Worth sending again: Sync's 429 (54009, the object's 20/s is used up; nothing was applied),
 * a 5xx, a timeout or a lost connection. Every request the log makes may be repeated safely: an
 * entry's create is refused as a duplicate (54208) if the first one landed, an update carries
 * the revision it read, and a read changes nothing.
 */
function isTransient(error: unknown): boolean {
  if (syncErrorCode(error) === SYNC_ERRORS.RATE_LIMITED) return true;
  const status = httpStatus(error);
  return status === undefined || status === 429 || status >= 500;
}

/**
 * Sends one Sync request inside the budget, and sends it again after a jittered, growing
 * backoff while it fails for a passing reason and the budget lasts. Any other failure is the
 * caller's to handle. When no time is left, RecordingLogUnavailable.
 */
export async function syncRequest<T>(budget: LogBudget, send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const left = budget.deadline - budget.now();
    if (left < MIN_REQUEST_MS) {
      throw new RecordingLogUnavailable('the recording log ran out of time before Sync answered');
    }
    try {
      budget.requests += 1;
      return await withDeadline(send(), Math.min(budget.requestTimeoutMs, left));
    } catch (error) {
      if (!isTransient(error)) throw error;
      const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
      const wait = Math.round(budget.random() * ceiling);
      if (budget.deadline - budget.now() - wait < MIN_REQUEST_MS) {
        throw new RecordingLogUnavailable(
          `Sync kept failing until the time budget ran out: ${errorMessage(error)}`,
          { cause: error },
        );
      }
      await budget.sleep(wait);
    }
  }
}

/** A create refused because the key is taken: another writer (or an earlier try) was first. */
export function isAlreadyStored(error: unknown): boolean {
  return syncErrorCode(error) === SYNC_ERRORS.ITEM_ALREADY_EXISTS || httpStatus(error) === 409;
}

/** Creates a Map by its unique name; one that another writer created first is just as good. */
export async function createMapUnlessExists(
  createMap: (uniqueName: string) => Promise<unknown>,
  uniqueName: string,
  budget: LogBudget,
): Promise<void> {
  try {
    await syncRequest(budget, () => createMap(uniqueName));
  } catch (error) {
    const code = syncErrorCode(error);
    if (code !== SYNC_ERRORS.UNIQUE_NAME_ALREADY_EXISTS && httpStatus(error) !== 409) throw error;
  }
}
