import {
  MAX_ERASURE_REASON_LENGTH,
  holdsPersonalData,
  keptConsent,
  type ErasureEntry,
  type ErasureMeans,
} from '../recording-log/entries';
import type { StoredEntry } from '../recording-log/sharded-log';
import type { CallRecording } from './erasure-types';

/** What is left to do for one call, worked out from its log and Twilio's list. */
export interface ErasurePlan {
  /** The erasure entry in effect: an earlier run's, or the one this run is to write. */
  entry: ErasureEntry;
  /** Whether `entry` is in the log already (an earlier run, interrupted or finished). */
  entryStored: boolean;
  /** When Twilio listed the recordings, on its clock (ISO 8601). */
  listedAt: string;
  /** Each recording not yet confirmed gone in the log, with Twilio's status for it now. */
  recordings: Array<{ sid: string; callSid: string; status: string }>;
  /** The entries holding the caller's personal data that can go (their proof is kept). */
  personal: StoredEntry[];
}

/**
 * Works out an erasure from what the log holds of the call and Twilio's list of its
 * recordings (deleted ones included). The recordings covered are every one either knows of;
 * those the log already records as gone are done. The caller's answers go once the erasure
 * entry keeps the consent proof, so a consent entry written after an earlier erasure entry that
 * kept none stays (the log never shows its answer: see call-history.ts).
 */
export function planErasure(
  request: { callSid: string; means: ErasureMeans; reason?: string },
  stored: readonly StoredEntry[],
  listed: readonly CallRecording[],
  at: number,
): ErasurePlan {
  const entries = stored.map((item) => item.entry);
  const earlier = entries.find((entry) => entry.kind === 'erasure');
  const consent = entries.find((entry) => entry.kind === 'consent');
  const gone = new Set(
    entries.flatMap((entry) => (entry.kind === 'recording-deleted' ? [entry.recordingSid] : [])),
  );
  const status = new Map(listed.map((recording) => [recording.sid, recording.status]));
  const known = new Set([
    ...listed.map((recording) => recording.sid),
    ...entries.flatMap((entry) => (entry.kind === 'status' ? [entry.recordingSid] : [])),
    ...(earlier?.recordingSids ?? []),
  ]);
  const entry: ErasureEntry = earlier ?? {
    kind: 'erasure',
    callSid: request.callSid,
    at: new Date(at).toISOString(),
    means: request.means,
    ...(request.reason !== undefined ? { reason: request.reason } : {}),
    recordingSids: [...known].sort(),
    ...(consent ? { consent: keptConsent(consent) } : {}),
    receivedAt: new Date().toISOString(),
  };
  return {
    entry,
    entryStored: earlier !== undefined,
    listedAt: new Date(at).toISOString(),
    recordings: [...known]
      .filter((sid) => !gone.has(sid))
      .sort()
      .map((sid) => ({ sid, callSid: request.callSid, status: status.get(sid) ?? 'unlisted' })),
    personal: stored.filter(
      (item) =>
        holdsPersonalData(item.entry) && (item.entry.kind !== 'consent' || Boolean(entry.consent)),
    ),
  };
}

/** A reason as an erasure keeps it: trimmed, at most MAX_ERASURE_REASON_LENGTH characters. */
export function checkReason(reason: string | undefined): { reason?: string; error?: string } {
  const trimmed = reason?.trim();
  if (trimmed === undefined || trimmed === '') return {};
  if ([...trimmed].length > MAX_ERASURE_REASON_LENGTH)
    return {
      error: `is ${[...trimmed].length} characters; at most ${MAX_ERASURE_REASON_LENGTH} are kept (say why, not who: the log keeps it)`,
    };
  return { reason: trimmed };
}
