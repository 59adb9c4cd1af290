import type { PauseBehavior } from '../config/allowed-values';
import type { StartOptions } from '../config/recording-options';
import { classifyRequestError, type RequestFailure } from './failure';
import type { RecordingSnapshot } from './recording-snapshot';
import { CURRENT_RECORDING, type RecordingsApi, type UpdateStatus } from './recordings-api';
import { TARGET_STATUS, type ToggleAction } from './toggle-action';

export type ToggleRequest =
  | { action: 'start'; callSid: string; options: StartOptions }
  | {
      action: Exclude<ToggleAction, 'start'>;
      callSid: string;
      /** A RE sid, or undefined for the call's current recording. */
      recordingSid?: string;
      pauseBehavior?: PauseBehavior;
    };

export type ToggleOutcome =
  | { ok: true; recording: RecordingSnapshot; requests: number; attempts: number }
  | { ok: false; failure: RequestFailure; requests: number; attempts: number };

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

export const defaultPolicy = (budgetMs: number, requestTimeoutMs: number): TogglePolicy => ({
  budgetMs,
  requestTimeoutMs,
  maxAttempts: 3,
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

const ACTIVE = new Set(['in-progress', 'paused']);

class OutOfTime extends Error {}

/**
 * Carries out one toggle with the Recordings API. The happy path is exactly one request.
 * A transient failure (429, 5xx, timeout, lost connection) is retried with backoff while the
 * budget allows, but never blindly: first the call's recordings are read back, because the
 * failed attempt may have been applied. A start is only sent again when the failure proves it
 * was not carried out (429, connection refused); otherwise the read-back decides.
 */
export async function runToggle(
  api: RecordingsApi,
  request: ToggleRequest,
  policy: TogglePolicy,
): Promise<ToggleOutcome> {
  const deadline = policy.now() + policy.budgetMs;
  let requests = 0;

  const send = async <T>(operation: () => Promise<T>): Promise<T> => {
    const remaining = deadline - policy.now();
    if (remaining < policy.requestTimeoutMs) throw new OutOfTime();
    requests += 1;
    return withTimeout(operation(), policy.requestTimeoutMs);
  };

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
      const backoff = Math.min(200 * 2 ** (attempt - 2), 1000);
      if (deadline - policy.now() - backoff < policy.requestTimeoutMs) break;
      await policy.sleep(backoff);
      try {
        const reconciled = await reconcile(api, request, send);
        if (reconciled) return { ok: true, recording: reconciled, requests, attempts: attempt - 1 };
      } catch {
        // The state could not be read back, so a retry might duplicate what already happened.
        break;
      }
    }
    try {
      const recording = await send(perform);
      return { ok: true, recording, requests, attempts: attempt };
    } catch (error) {
      if (error instanceof OutOfTime) break;
      lastFailure = classifyRequestError(error);
      if (!lastFailure.transient)
        return { ok: false, failure: lastFailure, requests, attempts: attempt };
      if (request.action === 'start' && !certainlyNotApplied(lastFailure)) {
        // The start may have happened (a lost answer, a timeout, a 5xx mid-way): read the call's
        // recordings back once, and never send it again, since a second start would make a
        // second recording if the first one is still on its way.
        try {
          const reconciled =
            deadline - policy.now() >= policy.requestTimeoutMs
              ? await reconcile(api, request, send)
              : undefined;
          if (reconciled) return { ok: true, recording: reconciled, requests, attempts: attempt };
        } catch {
          // Reported below as the original failure.
        }
        return { ok: false, failure: lastFailure, requests, attempts: attempt };
      }
    }
  }
  return {
    ok: false,
    failure: lastFailure ?? {
      reason: 'timeout',
      message: 'The recording action did not finish within its time budget',
      transient: true,
    },
    requests,
    attempts: policy.maxAttempts,
  };
}

/** Reads back the state a lost or failed attempt may have reached; returns it when it is the goal. */
async function reconcile(
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
  if (request.recordingSid) {
    const recording = await send(() => api.fetch(request.callSid, request.recordingSid as string));
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

class RequestTimeout extends Error {
  code = 'ETIMEDOUT';
}

/** A hard deadline for one request, whatever the socket does (a trickling answer included). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RequestTimeout(`no answer within ${ms} ms (timeout)`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
