import type { RecordingStatus } from '../twilio/recording-values';
import type {
  ActionEntry,
  ConsentEntry,
  ErasureEntry,
  ErasureMeans,
  FeedbackEntry,
  LogEntry,
  RecordingDeletedEntry,
  RecordingStatusFacts,
} from './entries';

/** Everything the log holds about one call, as /recordings answers it. */
export interface CallLog {
  callSid: string;
  /** Every recording of the call, oldest first, each with its history and feedback. */
  recordings: RecordingLogItem[];
  /** What the caller said when no recording was running. */
  feedback?: CallerFeedback;
  /** What the caller decided about being recorded (where the consent step ran). */
  consent?: ConsentEvidence;
  /** The call's erasure, once one was made: its personal data is then never shown. */
  erasure?: ErasureRecord;
}

/** The consent evidence; once the call is erased, without the caller's answer (`answerErased`). */
export type ConsentEvidence = Omit<ConsentEntry, 'kind' | 'callSid'> & { answerErased?: true };

/** What an erasure left: when, by which means and why, and each recording confirmed gone. */
export interface ErasureRecord {
  /** On Twilio's clock, ISO 8601. */
  at: string;
  means: ErasureMeans;
  reason?: string;
  /** Every recording the erasure covers (those it set out to delete, and any it found since). */
  recordingSids: string[];
  deleted: Array<Pick<RecordingDeletedEntry, 'recordingSid' | 'at' | 'how'>>;
  /** Every recording it set out to delete is confirmed gone. */
  complete: boolean;
}

/**
 * Folds a call's entries, in any order, into the call's log: each recording's status moves
 * only forward, a late event is kept in the history without moving it back. Once the call has
 * an erasure entry its personal data is left out, even while the erasure is still removing it.
 */
export function foldCallLog(callSid: string, entries: LogEntry[]): CallLog {
  const byArrival = [...entries].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  const recordings = new Map<string, RecordingLogItem>();
  const log: CallLog = { callSid, recordings: [] };
  const deleted: RecordingDeletedEntry[] = [];
  let erasure: ErasureEntry | undefined;
  for (const entry of byArrival) {
    if (entry.kind === 'status') {
      const { kind: _kind, receivedAt, consent, ...facts } = entry;
      if (consent && !log.consent) log.consent = consent;
      const current = recordings.get(entry.recordingSid);
      recordings.set(entry.recordingSid, applyStatusEvent(current, facts, receivedAt).item);
    } else if (entry.kind === 'action') {
      recordings.set(entry.recordingSid, applyAction(recordings.get(entry.recordingSid), entry));
    } else if (entry.kind === 'consent') {
      const { kind: _kind, callSid: _callSid, ...evidence } = entry;
      log.consent = evidence;
    } else if (entry.kind === 'erasure') {
      erasure = entry;
    } else if (entry.kind === 'recording-deleted') {
      deleted.push(entry);
    } else if (entry.recordingSid) {
      const current = recordings.get(entry.recordingSid);
      const recordingSid = entry.recordingSid;
      recordings.set(recordingSid, applyFeedback(current, { ...entry, recordingSid }).item);
    } else {
      log.feedback = callerFeedback(entry);
    }
  }
  log.recordings = [...recordings.values()].sort(byFirstEvent);
  return erasure ? erasedLog(log, erasure, deleted) : log;
}

/** A pause or a resume, kept with its recording in the order they happened. */
function applyAction(current: RecordingLogItem | undefined, entry: ActionEntry): RecordingLogItem {
  const item = current ?? emptyItem(entry.recordingSid, entry.callSid);
  const { action, at, pauseBehavior } = entry;
  const actions = [
    ...(item.actions ?? []),
    { action, at, ...(pauseBehavior ? { pauseBehavior } : {}) },
  ];
  return { ...item, actions: actions.sort((a, b) => a.at.localeCompare(b.at)) };
}

/** The log of an erased call: its erasure instead of the caller's words and answer. */
function erasedLog(log: CallLog, erasure: ErasureEntry, deleted: RecordingDeletedEntry[]): CallLog {
  const gone = new Set(deleted.map((entry) => entry.recordingSid));
  const erased: CallLog = {
    callSid: log.callSid,
    recordings: log.recordings.map(({ feedback: _feedback, ...item }) => item),
    erasure: {
      at: erasure.at,
      means: erasure.means,
      ...(erasure.reason !== undefined ? { reason: erasure.reason } : {}),
      recordingSids: [...new Set([...erasure.recordingSids, ...gone])].sort(),
      deleted: deleted
        .map(({ recordingSid, at, how }) => ({ recordingSid, at, how }))
        .sort((a, b) => a.at.localeCompare(b.at) || a.recordingSid.localeCompare(b.recordingSid)),
      complete: erasure.recordingSids.every((sid) => gone.has(sid)),
    },
  };
  // The proof of consent the erasure keeps; a consent entry not yet removed shows only as much.
  const consent = erasure.consent ?? log.consent;
  if (consent) {
    const {
      digits: _digits,
      speech: _speech,
      speechTruncated: _speechTruncated,
      confidence: _confidence,
      ...kept
    } = consent as ConsentEvidence;
    erased.consent = { ...kept, answerErased: true };
  }
  return erased;
}

/** Orders a call's recordings by the arrival of their first event. */
export function byFirstEvent(a: RecordingLogItem, b: RecordingLogItem): number {
  return (a.history[0]?.receivedAt ?? '').localeCompare(b.history[0]?.receivedAt ?? '');
}

/** One status event as kept in a recording's history. */
export interface HistoryEntry {
  status: RecordingStatus;
  receivedAt: string;
  durationSeconds?: number;
  errorCode?: number;
}

export interface CallerFeedback {
  speechResult: string;
  /** Set when the stored speech was cut to keep the log's entries small. */
  speechTruncated?: true;
  confidence?: number;
  receivedAt: string;
}

/** The durable record of one recording: its current state and every event that led there. */
export interface RecordingLogItem {
  recordingSid: string;
  callSid: string;
  /** `unknown` while only the caller's feedback has arrived. */
  status: RecordingStatus | 'unknown';
  channels?: number;
  source?: string;
  track?: string;
  startTime?: string;
  durationSeconds?: number;
  /** The media URL, once the recording is completed. */
  url?: string;
  errorCode?: number;
  /** Events in the order they arrived, each status at most once. */
  history: HistoryEntry[];
  feedback?: CallerFeedback;
  /** Pauses and resumes, in the order they happened (sharded layout only). */
  actions?: Array<Pick<ActionEntry, 'action' | 'at' | 'pauseBehavior'>>;
}

export interface Applied {
  item: RecordingLogItem;
  /** False when the input was already part of the item (a duplicate delivery). */
  changed: boolean;
}

// A recording only moves forward: in-progress, then one final state.
const RANK: Record<RecordingLogItem['status'], number> = {
  unknown: 0,
  'in-progress': 1,
  completed: 2,
  absent: 2,
  failed: 2,
};

function emptyItem(recordingSid: string, callSid: string): RecordingLogItem {
  return { recordingSid, callSid, status: 'unknown', history: [] };
}

/**
 * Folds one status event into a recording's item. Idempotent on (RecordingSid, RecordingStatus):
 * a status already in the history changes nothing. A late event never moves the status back.
 */
export function applyStatusEvent(
  current: RecordingLogItem | undefined,
  event: RecordingStatusFacts,
  receivedAt: string,
): Applied {
  const base = current ?? emptyItem(event.recordingSid, event.callSid);
  if (base.history.some((entry) => entry.status === event.status)) {
    return { item: base, changed: false };
  }
  const advances = RANK[event.status] > RANK[base.status];
  const entry: HistoryEntry = { status: event.status, receivedAt };
  if (event.durationSeconds !== undefined) entry.durationSeconds = event.durationSeconds;
  if (event.errorCode !== undefined) entry.errorCode = event.errorCode;

  const item: RecordingLogItem = { ...base, history: [...base.history, entry] };
  if (!item.callSid) item.callSid = event.callSid;
  // Descriptive fields: take them from the newest state, and fill any gap from any event.
  const take = <K extends 'channels' | 'source' | 'track' | 'startTime'>(
    key: K,
    value: RecordingLogItem[K],
  ) => {
    if (value !== undefined && (advances || item[key] === undefined)) item[key] = value;
  };
  take('channels', event.channels);
  take('source', event.source);
  take('track', event.track);
  take('startTime', event.startTime);
  if (advances) {
    item.status = event.status;
    if (event.durationSeconds !== undefined) item.durationSeconds = event.durationSeconds;
    if (event.status === 'completed' && event.url) item.url = event.url;
    if (event.errorCode !== undefined) item.errorCode = event.errorCode;
  }
  return { item, changed: true };
}

/** Keeps what the caller said with the recording that was running while they said it. */
export function applyFeedback(
  current: RecordingLogItem | undefined,
  feedback: FeedbackEntry & { recordingSid: string },
): Applied {
  const base = current ?? emptyItem(feedback.recordingSid, feedback.callSid);
  if (
    base.feedback &&
    base.feedback.speechResult === feedback.speechResult &&
    base.feedback.confidence === feedback.confidence
  ) {
    return { item: base, changed: false };
  }
  return { item: { ...base, feedback: callerFeedback(feedback) }, changed: true };
}

/** The caller's answer as the log shows it. */
export function callerFeedback(entry: FeedbackEntry): CallerFeedback {
  const { speechResult, speechTruncated, confidence, receivedAt } = entry;
  const feedback: CallerFeedback = { speechResult, receivedAt };
  if (speechTruncated) feedback.speechTruncated = true;
  if (confidence !== undefined) feedback.confidence = confidence;
  return feedback;
}
