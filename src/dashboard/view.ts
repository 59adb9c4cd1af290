/**
 * What the recordings page receives from /dashboard-calls: one page of calls, newest first,
 * each joined with its recordings (Twilio's Recordings API, the source of truth) and with what
 * the recording log holds of it (feedback, consent, pauses). Times are ISO 8601, on Twilio's
 * clock. Shared by the Function that builds it and the page that draws it.
 */
export interface DashboardPage {
  calls: CallView[];
  /** Pass back as `PageToken=` for the next, older page; absent on the last page. */
  nextPageToken?: string;
}

export interface CallView {
  callSid: string;
  from?: string;
  to?: string;
  /** The call's status (queued, ringing, in-progress, completed, busy, failed, no-answer, canceled). */
  status: string;
  startTime?: string;
  endTime?: string;
  durationSeconds?: number;
  recordings: RecordingView[];
  /** What the caller said when no recording was running (a caller who declined, say). */
  feedback?: FeedbackView;
  consent?: ConsentView;
  /** False when the recording log could not be read for this call: shown from Twilio alone. */
  logAvailable: boolean;
  /** The recording log holds the call: this service handled it, so it can be erased. */
  logged: boolean;
  /** Its erasure, once one was made: no audio, no speech and no consent answer are shown then. */
  erasure?: ErasureView;
}

/** An erased call's erasure entry, as /dashboard-calls shows it. */
export interface ErasureView {
  /** When, on Twilio's clock. */
  at: string;
  means: 'page' | 'command' | 'retention';
  reason?: string;
  /** How many recordings it covers, and which. */
  recordings: number;
  recordingSids: string[];
  /** Every recording it set out to delete is gone; false while it still has to be finished. */
  complete: boolean;
}

export interface RecordingView {
  sid: string;
  /** The Recordings API's status: in-progress, paused, stopped, processing, completed, absent, failed. */
  status: string;
  channels: number;
  track?: string;
  durationSeconds?: number;
  startTime?: string;
  errorCode?: number;
  /** What the bar draws, in order: recorded and paused spans; `to` absent while still open. */
  spans: Array<{ kind: 'recorded' | 'paused'; from: string; to?: string }>;
  feedback?: FeedbackView;
  /** Where the page fetches the audio, through this service; absent when there is none. */
  audio?: { path: string; contentType: string };
}

export interface FeedbackView {
  speechResult: string;
  confidence?: number;
  speechTruncated?: boolean;
}

export interface ConsentView {
  mode: 'notice' | 'opt-in' | 'opt-out';
  decision: 'granted' | 'declined' | 'no-answer' | 'notice';
  method: 'dtmf' | 'speech' | 'none';
  digits?: string;
  speech?: string;
  confidence?: number;
  prompt: string;
  attempts: number;
  recordingAllowed: boolean;
  at: string;
  /** The call was erased: the caller's answer (keys, words) is gone, the decision stays. */
  answerErased?: boolean;
}

/** What POST /dashboard-erase answers when the call's erasure is done (200). */
export interface EraseAnswer {
  callSid: string;
  /** The erasure entry in effect: this request's, or an earlier one's. */
  erasure: { at: string; means: ErasureView['means']; reason?: string };
  /** Each recording this request dealt with; none when an earlier erasure had done everything. */
  recordings: Array<{
    sid: string;
    result: 'deleted' | 'already-gone' | 'failed';
    message?: string;
  }>;
  alreadyErased: boolean;
}

/** The recording statuses the page filters on (`Status=`). */
export const STATUS_FILTERS = ['completed', 'absent', 'failed'] as const;

/** The answer of the page's Functions when something is wrong. */
export interface DashboardError {
  error: string;
  message: string;
}

/** The header the page sends, so that a wrong password gets no native login box. */
export const PAGE_HEADER = { name: 'x-requested-with', value: 'recordings-page' } as const;
