import type { Failure } from '../failure';
import { err, ok, type Result } from '../result';
import { retry, send, timeLeft, type Budget } from '../retry';
import { CURRENT_RECORDING } from '../twilio/recording-values';
import type { RecordingSnapshot } from './recording-snapshot';
import type { RecordingsApi } from './recordings-api';
import { classifyRequestError } from './request-failure';
import type { ToggleRequest } from './toggle-request';
import { TARGET_STATUS } from './toggle-types';

/** What a toggle did, and how much work it took, whether it succeeded or not. */
export interface ToggleOutcome {
  result: Result<RecordingSnapshot, Failure>;
  /** REST requests sent, read-backs included. */
  requests: number;
  /** Times the action itself was sent. */
  attempts: number;
}

/** Times the action itself may be sent (the first try and two retries). */
export const MAX_TOGGLE_ATTEMPTS = 3;

const ACTIVE = new Set(['in-progress', 'paused']);

/**
 * Carries out one toggle with the Recordings API, inside `within`. The happy path is exactly
 * one request. A refusal that proves nothing was done (a 429: "never processed and always safe
 * to retry", or a refused connection) is sent again after the project's jittered backoff for as
 * long as the budget lasts, and does not use up an attempt. Any other transient failure (5xx,
 * timeout, lost connection) may have been applied: the call's recordings are read back before
 * anything is sent again, a start is never sent again, and at most `maxAttempts` such sends are
 * made.
 */
export async function applyToggle(
  api: RecordingsApi,
  request: ToggleRequest,
  within: Budget,
  maxAttempts = MAX_TOGGLE_ATTEMPTS,
): Promise<ToggleOutcome> {
  const requestsBefore = within.requests;
  let attempts = 0;
  let mayHaveApplied = 0;
  let settled = false;
  let lastFailure: Failure | undefined;
  const sendOne = <T>(operation: () => Promise<T>) => send(within, operation, classifyRequestError);
  const perform = () =>
    request.action === 'start'
      ? api.create(request.callSid, request.options)
      : api.update(
          request.callSid,
          request.recordingSid ?? CURRENT_RECORDING,
          TARGET_STATUS[request.action],
          request.pauseBehavior,
        );
  /** Ends the retries with `result`: what happened is known, or can no longer be found out. */
  const settle = <T>(result: Result<T, Failure>) => {
    settled = true;
    return result;
  };

  const attempt = async (count: number): Promise<Result<RecordingSnapshot, Failure>> => {
    if (count > 1 && lastFailure && !certainlyNotApplied(lastFailure)) {
      const back = await readBack(api, request, sendOne);
      // The state could not be read back, so a retry might duplicate what already happened.
      if (!back.ok) return settle(err(lastFailure));
      if (back.value) return settle(ok(back.value));
    }
    // Out of time for another try: what is known is what the last one said.
    if (lastFailure && timeLeft(within) < within.minRequestMs) return settle(err(lastFailure));
    attempts = count;
    const sent = await sendOne(perform);
    if (sent.ok || !sent.error.transient) return sent;
    lastFailure = sent.error;
    if (certainlyNotApplied(sent.error)) return sent;
    mayHaveApplied += 1;
    if (mayHaveApplied >= maxAttempts) return settle(sent);
    if (request.action !== 'start') return sent;
    // The start may have happened (a lost answer, a timeout, a 5xx mid-way): read the call's
    // recordings back once, and never send it again, since a second start would make a second
    // recording if the first one is still on its way.
    const back =
      timeLeft(within) >= within.minRequestMs ? await readBack(api, request, sendOne) : undefined;
    return settle(back?.ok && back.value ? ok(back.value) : sent);
  };

  const result = await retry(within, attempt, Infinity, () => !settled);
  return { result, requests: within.requests - requestsBefore, attempts };
}

type Send = <T>(operation: () => Promise<T>) => Promise<Result<T, Failure>>;

/** The state a lost or failed attempt may have reached: the recording when it is the goal. */
async function readBack(
  api: RecordingsApi,
  request: ToggleRequest,
  sendOne: Send,
): Promise<Result<RecordingSnapshot | undefined, Failure>> {
  if (request.action === 'start') {
    const listed = await sendOne(() => api.list(request.callSid));
    if (!listed.ok) return listed;
    return ok(newest(listed.value.filter((recording) => ACTIVE.has(recording.Status))));
  }
  const goal = TARGET_STATUS[request.action];
  const reached = (recording: RecordingSnapshot) =>
    goal === 'stopped' ? !ACTIVE.has(recording.Status) : recording.Status === goal;
  const { recordingSid } = request;
  if (recordingSid) {
    const fetched = await sendOne(() => api.fetch(request.callSid, recordingSid));
    if (!fetched.ok) return fetched;
    return ok(reached(fetched.value) ? fetched.value : undefined);
  }
  const listed = await sendOne(() => api.list(request.callSid));
  if (!listed.ok) return listed;
  const active = listed.value.filter((recording) => ACTIVE.has(recording.Status));
  if (goal === 'stopped') return ok(active.length === 0 ? newest(listed.value) : undefined);
  return ok(active.length === 1 && reached(active[0]) ? active[0] : undefined);
}

/** Failures that prove the request was not carried out: it is safe to send it again. */
function certainlyNotApplied(failed: Failure): boolean {
  return failed.code === 'rate-limited' || failed.detail === 'ECONNREFUSED';
}

function newest(recordings: RecordingSnapshot[]): RecordingSnapshot | undefined {
  return [...recordings].sort(
    (a, b) => Date.parse(b.DateCreated || '0') - Date.parse(a.DateCreated || '0'),
  )[0];
}
