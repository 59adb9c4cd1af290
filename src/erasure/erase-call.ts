import type { Failure } from '../failure';
import type { RecordingDeletedEntry } from '../recording-log/entries';
import type { LogStore, StoredEntry } from '../recording-log/sharded-log';
import type { Budget } from '../retry';
import { listCallRecordings, removeRecording } from './call-recordings';
import { planErasure, type ErasurePlan } from './erasure-plan';
import type {
  CallErasure,
  ErasureRequest,
  ErasureServices,
  RecordingOutcome,
} from './erasure-types';

/**
 * Erases one call: every recording deleted through the Recordings API, the caller's personal
 * data removed from the recording log, an erasure entry kept instead. Only a call the log knows
 * is touched. The writes come in this order, so that an interruption anywhere leaves a state a
 * rerun finishes without repeating anything:
 *  1. the erasure entry (when, by which means, why, which recordings, the consent proof without
 *     the answer), before anything is deleted: from then on the log never shows the caller's
 *     words, and the proof survives whatever follows;
 *  2. the feedback and consent entries removed (their proof is in 1);
 *  3. each recording stopped if still being made, deleted, and recorded as gone (one entry
 *     per recording) only once Twilio has confirmed it.
 * A rerun reads the log and Twilio's list again: the entry of 1 is there, the entries of 2 are
 * gone, and each recording of 3 is either recorded as gone or still to do (Twilio lists one it
 * deleted as `deleted`, which needs no request).
 */
export async function eraseCall(
  services: ErasureServices,
  request: ErasureRequest,
): Promise<CallErasure> {
  const within = services.budget();
  const report = (fields: Partial<CallErasure> & Pick<CallErasure, 'state'>): CallErasure => ({
    callSid: request.callSid,
    alreadyErased: false,
    recordings: [],
    personalData: { found: 0, removed: 0 },
    requests: within.requests,
    ...fields,
  });
  const stored = await services.log.readEntries(request.callSid, within);
  if (!stored.ok) return report({ state: 'incomplete', failure: stored.error });
  if (stored.value.length === 0) return report({ state: 'not-logged' });
  const listed = await listCallRecordings(services.client, request.callSid, within);
  if (!listed.ok) return report({ state: 'incomplete', failure: listed.error });

  const plan = planErasure(request, stored.value, listed.value.recordings, listed.value.at);
  const { at, means, reason } = plan.entry;
  const common = {
    erasure: { at, means, ...(reason !== undefined ? { reason } : {}) },
    personalData: { found: plan.personal.length, removed: 0 },
  };
  if (!request.apply) {
    const recordings = plan.recordings.map((recording): RecordingOutcome => ({
      recordingSid: recording.sid,
      statusBefore: recording.status,
      result: 'to-delete',
    }));
    // A dry run names an erasure only when one was made before.
    const { erasure, ...rest } = common;
    return report({
      state: 'planned',
      ...rest,
      ...(plan.entryStored ? { erasure } : {}),
      recordings,
    });
  }
  if (plan.entryStored && plan.recordings.length === 0 && plan.personal.length === 0)
    return report({ state: 'done', alreadyErased: true, ...common });
  if (!plan.entryStored) {
    const written = await services.log.append(plan.entry, within);
    if (!written.ok) return report({ state: 'incomplete', ...common, failure: written.error });
  }
  const removed = await removePersonalData(services.log, plan.personal, within);
  common.personalData.removed = removed.count;
  const recordings = await removeRecordings(services, plan, within);
  const failed = removed.failure ?? recordings.find((outcome) => outcome.failure)?.failure;
  return report({
    state: failed ? 'incomplete' : 'done',
    ...common,
    recordings,
    ...(removed.failure ? { failure: removed.failure } : {}),
  });
}

/** Removes the entries holding the caller's personal data; stops at the first that fails. */
async function removePersonalData(
  log: LogStore,
  personal: readonly StoredEntry[],
  within: Budget,
): Promise<{ count: number; failure?: Failure }> {
  let count = 0;
  for (const stored of personal) {
    const removed = await log.remove(stored, within);
    if (!removed.ok) return { count, failure: removed.error };
    if (removed.value.removed) count += 1;
  }
  return { count };
}

/** Each recording of the plan deleted (or found gone), then recorded as gone in the log. */
async function removeRecordings(
  services: ErasureServices,
  plan: ErasurePlan,
  within: Budget,
): Promise<RecordingOutcome[]> {
  const outcomes: RecordingOutcome[] = [];
  for (const recording of plan.recordings) {
    const statusBefore = recording.status;
    // Twilio lists a recording deleted earlier (by an interrupted run, or by hand) as `deleted`.
    const outcome =
      statusBefore === 'deleted'
        ? {
            recordingSid: recording.sid,
            result: 'already-gone' as const,
            at: plan.listedAt,
          }
        : await removeRecording(services.client, recording, within);
    if (outcome.result !== 'failed' && outcome.at) {
      const entry: RecordingDeletedEntry = {
        kind: 'recording-deleted',
        callSid: plan.entry.callSid,
        recordingSid: recording.sid,
        at: outcome.at,
        how: outcome.result === 'deleted' ? 'deleted' : 'already-gone',
        receivedAt: new Date().toISOString(),
      };
      const kept = await services.log.append(entry, within);
      if (!kept.ok) {
        outcomes.push({ ...outcome, statusBefore, result: 'failed', failure: kept.error });
        continue;
      }
    }
    outcomes.push({ ...outcome, statusBefore });
  }
  return outcomes;
}
