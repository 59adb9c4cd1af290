import type { ConsentMode } from '../config/consent-settings';
import type { PauseBehavior, RecordingStatus, Track } from '../twilio/recording-values';

/** What the log keeps of a recording status event (the account is always this one). */
export interface RecordingStatusFacts {
  callSid: string;
  recordingSid: string;
  status: RecordingStatus;
  url?: string;
  /** Seconds; undefined while in progress (Twilio sends -1 or nothing then), or when odd. */
  durationSeconds?: number;
  channels?: 1 | 2;
  startTime?: string;
  source?: string;
  track?: Track;
  errorCode?: number;
}

/**
 * What the recording log keeps, one entry per thing that happened to a call: each status event
 * of each recording, the caller's feedback, and (later steps) other facts about the call. An
 * entry is written once and never changed, so storing it is one Sync request with no read, a
 * duplicate delivery is recognised by its key, and concurrent writers never conflict.
 */
export type LogEntry =
  StatusEntry | FeedbackEntry | ConsentEntry | ActionEntry | ErasureEntry | RecordingDeletedEntry;

export interface StatusEntry extends RecordingStatusFacts {
  kind: 'status';
  receivedAt: string;
  /**
   * In `notice` mode, the notice the caller heard, kept with the recording it announced: the
   * consent step writes nothing then, so the call costs one Sync write fewer.
   */
  consent?: Omit<ConsentEntry, 'kind' | 'callSid'>;
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

/** What the caller decided about being recorded, and how: the evidence the consent step keeps. */
export interface ConsentEntry {
  kind: 'consent';
  callSid: string;
  /** The RECORDING_CONSENT mode the call was handled in. */
  mode: ConsentMode;
  /** `notice`: told, not asked. `no-answer`: asked twice, no clear answer. */
  decision: 'granted' | 'declined' | 'no-answer' | 'notice';
  /** How the answer was given. */
  method: 'dtmf' | 'speech' | 'none';
  digits?: string;
  speech?: string;
  speechTruncated?: true;
  confidence?: number;
  /** What the caller heard when they answered (or the notice). */
  prompt: string;
  promptTruncated?: true;
  /** How many times the caller was asked. */
  attempts: number;
  /** Whether the decision lets the call be recorded (granted; no answer in opt-out; notice). */
  recordingAllowed: boolean;
  receivedAt: string;
}

/**
 * A pause or a resume the toggle made: Twilio sends no status callback for either, so this is
 * the only record of when a recording was paused. `at` is Twilio's time of the change.
 */
export interface ActionEntry {
  kind: 'action';
  callSid: string;
  recordingSid: string;
  action: 'pause' | 'resume';
  at: string;
  pauseBehavior?: PauseBehavior;
  receivedAt: string;
}

/** Who asked for an erasure: the recordings page, `npm run erase`, or `npm run retention`. */
export const ERASURE_MEANS = ['page', 'command', 'retention'] as const;
export type ErasureMeans = (typeof ERASURE_MEANS)[number];

/** The most characters an erasure's reason keeps (it is free text typed by a person). */
export const MAX_ERASURE_REASON_LENGTH = 200;

/**
 * What the consent evidence keeps once the caller's data is erased: what was asked, how many
 * times, how the answer came (keys, speech or none) and what was decided, but not the answer
 * itself (the keys pressed, the words said, the recogniser's confidence).
 */
export type KeptConsent = Omit<
  ConsentEntry,
  'kind' | 'callSid' | 'digits' | 'speech' | 'speechTruncated' | 'confidence'
>;

/**
 * An erasure of a call: kept instead of the caller's personal data, and written before anything
 * is deleted, so that whatever interrupts the erasure the log still knows the call, why and by
 * whom it is being erased, which recordings go, and what proof of consent stays. One per call:
 * a second erasure (a rerun) finds it and finishes the job.
 */
export interface ErasureEntry {
  kind: 'erasure';
  callSid: string;
  /** When the erasure was made, on Twilio's clock (the Date of its answer), ISO 8601. */
  at: string;
  means: ErasureMeans;
  reason?: string;
  /** The call's recordings when the erasure was made: every one of them is deleted. */
  recordingSids: string[];
  /** The consent evidence without the caller's answer, when the call had any. */
  consent?: KeptConsent;
  receivedAt: string;
}

/** One recording of an erased call confirmed gone, written once Twilio said so. */
export interface RecordingDeletedEntry {
  kind: 'recording-deleted';
  callSid: string;
  recordingSid: string;
  /** When Twilio confirmed it (the Date of its answer), ISO 8601. */
  at: string;
  /** `deleted` by this erasure; `already-gone` when Twilio no longer had it to delete. */
  how: 'deleted' | 'already-gone';
  receivedAt: string;
}

/**
 * Sync limits writes of payloads over 1 KiB harder (down to 2/s from 10 KiB), so every entry
 * is kept under 1 KiB: the only free text, the caller's speech, is cut to this many bytes.
 */
export const MAX_STORED_SPEECH_BYTES = 600;
/** The consent entry keeps its prompt and the answer, both cut to stay under 1 KiB together. */
const MAX_CONSENT_PROMPT_BYTES = 300;
const MAX_CONSENT_SPEECH_BYTES = 200;

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
    case 'consent':
      // One per call: a second write (a replayed webhook) cannot replace the evidence.
      return `${callPrefix(entry.callSid)}consent`;
    case 'action':
      return `${callPrefix(entry.callSid)}${entry.recordingSid}/${entry.action}/${Date.parse(entry.at)}`;
    case 'erasure':
      return `${callPrefix(entry.callSid)}erasure`;
    case 'recording-deleted':
      return `${callPrefix(entry.callSid)}erasure/${entry.recordingSid}`;
  }
}

/**
 * Whether the entry holds the caller's personal data, which an erasure removes: what they said
 * (feedback) and their answer to the consent question (the consent entry, whose proof the
 * erasure entry keeps without the answer).
 */
export function holdsPersonalData(entry: LogEntry): boolean {
  return entry.kind === 'feedback' || entry.kind === 'consent';
}

/** The consent evidence an erasure keeps: everything but the caller's answer. */
export function keptConsent(consent: ConsentEntry): KeptConsent {
  const {
    kind: _kind,
    callSid: _callSid,
    digits: _digits,
    speech: _speech,
    speechTruncated: _speechTruncated,
    confidence: _confidence,
    ...kept
  } = consent;
  return kept;
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

export function statusEntry(
  facts: RecordingStatusFacts,
  receivedAt: string,
  notice?: { prompt: string },
): StatusEntry {
  if (!notice) return { kind: 'status', ...facts, receivedAt };
  const {
    kind: _kind,
    callSid: _callSid,
    ...consent
  } = consentEntry(
    {
      callSid: facts.callSid,
      mode: 'notice',
      decision: 'notice',
      method: 'none',
      prompt: notice.prompt,
      attempts: 0,
      recordingAllowed: true,
    },
    facts.startTime ? new Date(facts.startTime).toISOString() : receivedAt,
  );
  return { kind: 'status', ...facts, receivedAt, consent };
}

/** The evidence as given by the consent step, with its free text bounded. */
export function consentEntry(
  evidence: Omit<ConsentEntry, 'kind' | 'receivedAt' | 'speechTruncated' | 'promptTruncated'>,
  receivedAt: string,
): ConsentEntry {
  const prompt = truncateUtf8(evidence.prompt, MAX_CONSENT_PROMPT_BYTES);
  const speech =
    evidence.speech === undefined
      ? undefined
      : truncateUtf8(evidence.speech, MAX_CONSENT_SPEECH_BYTES);
  return {
    kind: 'consent',
    ...evidence,
    prompt: prompt.text,
    ...(prompt.truncated ? { promptTruncated: true as const } : {}),
    ...(speech ? { speech: speech.text } : {}),
    ...(speech?.truncated ? { speechTruncated: true as const } : {}),
    receivedAt,
  };
}
