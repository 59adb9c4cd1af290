import type { RecordingStatusFacts } from './status-event';

/**
 * What the recording log keeps, one entry per thing that happened to a call: each status event
 * of each recording, the caller's feedback, and (later steps) other facts about the call. An
 * entry is written once and never changed, so storing it is one Sync request with no read, a
 * duplicate delivery is recognised by its key, and concurrent writers never conflict.
 */
export type LogEntry = StatusEntry | FeedbackEntry;

export interface StatusEntry extends RecordingStatusFacts {
  kind: 'status';
  receivedAt: string;
}

export interface FeedbackEntry {
  kind: 'feedback';
  callSid: string;
  /** The recording running while the caller answered, if any. */
  recordingSid?: string;
  speechResult: string;
  /** Set when the speech was cut to keep the entry small. */
  speechTruncated?: true;
  confidence?: number;
  receivedAt: string;
}

/**
 * Sync limits writes of payloads over 1 KiB harder (down to 2/s from 10 KiB), so every entry
 * is kept under 1 KiB: the only free text, the caller's speech, is cut to this many bytes.
 */
export const MAX_STORED_SPEECH_BYTES = 600;

/**
 * The entry's key: the call first, so that all of a call's entries sort together and one range
 * read from `${callSid}/` finds them; then what makes the entry unique, so that a second
 * delivery of the same event lands on the same key and is refused as a duplicate.
 */
export function entryKey(entry: LogEntry): string {
  switch (entry.kind) {
    case 'status':
      return `${callPrefix(entry.callSid)}${entry.recordingSid}/${entry.status}`;
    case 'feedback':
      return `${callPrefix(entry.callSid)}feedback/${entry.recordingSid ?? 'call'}`;
  }
}

/** Every key of one call's entries starts with this. */
export function callPrefix(callSid: string): string {
  return `${callSid}/`;
}

/** Cuts `text` to at most `maxBytes` of UTF-8, never inside a character. */
export function truncateUtf8(text: string, maxBytes: number): { text: string; truncated: boolean } {
  if (Buffer.byteLength(text) <= maxBytes) return { text, truncated: false };
  let cut = '';
  let bytes = 0;
  for (const character of text) {
    const size = Buffer.byteLength(character);
    if (bytes + size > maxBytes) break;
    cut += character;
    bytes += size;
  }
  return { text: cut, truncated: true };
}

/** What the caller said, to be kept with the call (and the recording running then, if any). */
export interface FeedbackToStore {
  callSid: string;
  recordingSid?: string;
  speechResult: string;
  confidence?: number;
}

export function feedbackEntry(feedback: FeedbackToStore, receivedAt: string): FeedbackEntry {
  const speech = truncateUtf8(feedback.speechResult, MAX_STORED_SPEECH_BYTES);
  return {
    kind: 'feedback',
    callSid: feedback.callSid,
    ...(feedback.recordingSid ? { recordingSid: feedback.recordingSid } : {}),
    speechResult: speech.text,
    ...(speech.truncated ? { speechTruncated: true as const } : {}),
    ...(feedback.confidence !== undefined ? { confidence: feedback.confidence } : {}),
    receivedAt,
  };
}

export function statusEntry(facts: RecordingStatusFacts, receivedAt: string): StatusEntry {
  return { kind: 'status', ...facts, receivedAt };
}
