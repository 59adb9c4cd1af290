import type { ConsentEntry, LogEntry } from './log-entries';
import {
  applyFeedback,
  applyStatusEvent,
  callerFeedback,
  type CallerFeedback,
  type RecordingLogItem,
} from './recording-log-item';

/** Everything the log holds about one call, as /recordings answers it. */
export interface CallLog {
  callSid: string;
  /** Every recording of the call, oldest first, each with its history and feedback. */
  recordings: RecordingLogItem[];
  /** What the caller said when no recording was running. */
  feedback?: CallerFeedback;
  /** What the caller decided about being recorded (where the consent step ran). */
  consent?: ConsentEvidence;
}

export type ConsentEvidence = Omit<ConsentEntry, 'kind' | 'callSid'>;

/**
 * Folds a call's entries, in any order, into the call's log: each recording's status moves
 * only forward, a late event is kept in the history without moving it back.
 */
export function foldCallLog(callSid: string, entries: LogEntry[]): CallLog {
  const byArrival = [...entries].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const recordings = new Map<string, RecordingLogItem>();
  const log: CallLog = { callSid, recordings: [] };
  for (const entry of byArrival) {
    if (entry.kind === 'status') {
      const { kind: _kind, receivedAt, ...facts } = entry;
      const current = recordings.get(entry.recordingSid);
      recordings.set(entry.recordingSid, applyStatusEvent(current, facts, receivedAt).item);
    } else if (entry.kind === 'action') {
      const item =
        recordings.get(entry.recordingSid) ??
        ({
          recordingSid: entry.recordingSid,
          callSid,
          status: 'unknown',
          history: [],
        } as RecordingLogItem);
      const { action, at, pauseBehavior } = entry;
      const actions = [
        ...(item.actions ?? []),
        { action, at, ...(pauseBehavior ? { pauseBehavior } : {}) },
      ];
      recordings.set(entry.recordingSid, {
        ...item,
        actions: actions.sort((a, b) => a.at.localeCompare(b.at)),
      });
    } else if (entry.kind === 'consent') {
      const { kind: _kind, callSid: _callSid, ...evidence } = entry;
      log.consent = evidence;
    } else if (entry.recordingSid) {
      const current = recordings.get(entry.recordingSid);
      const recordingSid = entry.recordingSid;
      recordings.set(recordingSid, applyFeedback(current, { ...entry, recordingSid }).item);
    } else {
      log.feedback = callerFeedback(entry);
    }
  }
  log.recordings = [...recordings.values()].sort(byFirstEvent);
  return log;
}

/** Orders a call's recordings by the arrival of their first event. */
export function byFirstEvent(a: RecordingLogItem, b: RecordingLogItem): number {
  return (a.history[0]?.receivedAt ?? '').localeCompare(b.history[0]?.receivedAt ?? '');
}
