import { withDeadline } from '../deadline';
import { OutOfTime } from '../errors';
import { err, ok, type Result } from '../result';
import { CURRENT_RECORDING } from '../twilio/recording-values';
import { classifyRequestError, type RequestFailure } from './failure';
import type { RecordingSnapshot } from './recording-snapshot';
import type { RecordingsApi, UpdateStatus } from './recordings-api';
import { TARGET_STATUS, type ToggleRequest } from './toggle-request';

/** How much work a toggle took, whether it succeeded or not. */
export interface ToggleEffort {
  /** REST requests sent, read-backs included. */
  requests: number;
  /** Times the action itself was sent. */
  attempts: number;
}

export type ToggleOutcome = Result<
  ToggleEffort & { recording: RecordingSnapshot },
  ToggleEffort & { failure: RequestFailure }
>;

export interface TogglePolicy {
  /** Everything, retries and waits included, must finish inside this. */
  budgetMs: number;
  /** Upper bound for one request; a request is only started when this much budget is left. */
  requestTimeoutMs: number;
  /** How many times the action itself may be sent. */
  maxAttempts: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** Times the action itself may be sent (the first try and two retries). */
const MAX_ATTEMPTS = 3;
/** Waits before the 2nd, 3rd, ... attempt: doubling from this, up to BACKOFF_MAX_MS. */
const BACKOFF_FIRST_MS = 200;
const BACKOFF_MAX_MS = 1000;

export const defaultTogglePolicy = (budgetMs: number, requestTimeoutMs: number): TogglePolicy => ({
  budgetMs,
  requestTimeoutMs,
  maxAttempts: MAX_ATTEMPTS,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

const ACTIVE = new Set(['in-progress', 'paused']);

/**
 * Carries out one toggle with the Recordings API. The happy path is exactly one request.
 * A transient failure (429, 5xx, timeout, lost connection) is retried with backoff while the
 * budget allows, but never blindly: first the call's recordings are read back, because the
 * failed attempt may have been applied. A start is only sent again when the failure proves it
 * was not carried out (429, connection refused); otherwise the read-back decides.
 */
export async function applyToggle(
  api: RecordingsApi,
  request: ToggleRequest,
  policy: TogglePolicy,
): Promise<ToggleOutcome> {
  const deadline = policy.now() + policy.budgetMs;
  let requests = 0;
  const timeLeft = () => deadline - policy.now();

  const send = async <T>(operation: () => Promise<T>): Promise<T> => {
    if (timeLeft() < policy.requestTimeoutMs) throw new OutOfTime();
    requests += 1;
    return withDeadline(operation(), policy.requestTimeoutMs);
  };
  const succeeded = (recording: RecordingSnapshot, attempts: number): ToggleOutcome =>
    ok({ recording, requests, attempts });
  const failed = (failure: RequestFailure, attempts: number): ToggleOutcome =>
    err({ failure, requests, attempts });

  const perform = () =>
    request.action === 'start'
      ? api.create(request.callSid, request.options)
      : api.update(
          request.callSid,
          request.recordingSid ?? CURRENT_RECORDING,
          TARGET_STATUS[request.action],
          request.pauseBehavior,
        );

  let lastFailure: RequestFailure | undefined;
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt += 1) {
    if (attempt > 1) {
      const backoff = Math.min(BACKOFF_FIRST_MS * 2 ** (attempt - 2), BACKOFF_MAX_MS);
      if (timeLeft() - backoff < policy.requestTimeoutMs) break;
      await policy.sleep(backoff);
      try {
        const reconciled = await readBack(api, request, send);
        if (reconciled) return succeeded(reconciled, attempt - 1);
      } catch {
        // The state could not be read back, so a retry might duplicate what already happened.
        break;
      }
    }
    try {
      return succeeded(await send(perform), attempt);
    } catch (error) {
      if (error instanceof OutOfTime) break;
      lastFailure = classifyRequestError(error);
      if (!lastFailure.transient) return failed(lastFailure, attempt);
      if (request.action === 'start' && !certainlyNotApplied(lastFailure)) {
        // The start may have happened (a lost answer, a timeout, a 5xx mid-way): read the call's
        // recordings back once, and never send it again, since a second start would make a
        // second recording if the first one is still on its way.
        try {
          const reconciled =
            timeLeft() >= policy.requestTimeoutMs ? await readBack(api, request, send) : undefined;
          if (reconciled) return succeeded(reconciled, attempt);
        } catch {
          // Reported below as the original failure.
        }
        return failed(lastFailure, attempt);
      }
    }
  }
  return failed(
    lastFailure ?? {
      reason: 'timeout',
      message: 'The recording action did not finish within its time budget',
      transient: true,
    },
    policy.maxAttempts,
  );
}

/** Reads back the state a lost or failed attempt may have reached; returns it when it is the goal. */
async function readBack(
  api: RecordingsApi,
  request: ToggleRequest,
  send: <T>(operation: () => Promise<T>) => Promise<T>,
): Promise<RecordingSnapshot | undefined> {
  if (request.action === 'start') {
    const recordings = await send(() => api.list(request.callSid));
    return newest(recordings.filter((recording) => ACTIVE.has(recording.Status)));
  }
  const goal: UpdateStatus = TARGET_STATUS[request.action];
  const reached = (recording: RecordingSnapshot) =>
    goal === 'stopped' ? !ACTIVE.has(recording.Status) : recording.Status === goal;
  const { recordingSid } = request;
  if (recordingSid) {
    const recording = await send(() => api.fetch(request.callSid, recordingSid));
    return reached(recording) ? recording : undefined;
  }
  const recordings = await send(() => api.list(request.callSid));
  const active = recordings.filter((recording) => ACTIVE.has(recording.Status));
  if (goal === 'stopped') return active.length === 0 ? newest(recordings) : undefined;
  return active.length === 1 && reached(active[0]) ? active[0] : undefined;
}

/** Failures that prove the request was not carried out: it is safe to send it again. */
function certainlyNotApplied(failure: RequestFailure): boolean {
  return failure.reason === 'rate-limited' || failure.code === 'ECONNREFUSED';
}

function newest(recordings: RecordingSnapshot[]): RecordingSnapshot | undefined {
  return [...recordings].sort(
    (a, b) => Date.parse(b.DateCreated || '0') - Date.parse(a.DateCreated || '0'),
  )[0];
}
