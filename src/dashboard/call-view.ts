import type { Twilio } from 'twilio';
import type { Failure } from '../failure';
import { logEvent } from '../logger';
import type { CallLog, ErasureRecord, RecordingLogItem } from '../recording-log/call-history';
import { ok, type Result } from '../result';
import type { Budget } from '../retry';
import { ROUTE_PATHS } from '../route-paths';
import { withQuery } from '../service-url';
import { recordingSpans } from './recording-spans';
import type { CallView, ErasureView, RecordingView } from './view';

/** More recordings than this on one call are not shown (a flow makes one or two). */
const RECORDINGS_PER_CALL = 20;

/** A call as twilio-node gives it (the fields the page shows). */
export interface CallResource {
  sid: string;
  from?: string | null;
  to?: string | null;
  status?: string | null;
  startTime?: Date | null;
  endTime?: Date | null;
  duration?: string | null;
}

/** A REST request of the page's, bounded by the budget (see calls-page.ts). */
export type TwilioRequest = <T>(
  within: Budget,
  request: () => Promise<T>,
) => Promise<Result<T, Failure>>;

/**
 * One call as the page shows it: Twilio's facts, its recordings from the Recordings list, and
 * what the recording log holds. An erased call shows its erasure instead of the caller's words,
 * consent answer and audio, even while the erasure is still being finished.
 */
export async function callView(
  client: Twilio,
  readLog: (callSid: string) => Promise<Result<CallLog, Failure>>,
  call: CallResource,
  within: Budget,
  twilioRequest: TwilioRequest,
): Promise<Result<CallView, Failure>> {
  const [listed, read] = await Promise.all([
    twilioRequest(within, () =>
      client.recordings.list({ callSid: call.sid, limit: RECORDINGS_PER_CALL }),
    ),
    readLog(call.sid),
  ]);
  if (!listed.ok) return listed;
  if (!read.ok) {
    logEvent('warn', 'dashboard.log-unavailable', {
      callSid: call.sid,
      message: read.error.message,
    });
  }
  const log = read.ok ? read.value : undefined;
  const logged = new Map(log?.recordings.map((item) => [item.recordingSid, item]));
  const erased = log?.erasure !== undefined;
  const view: CallView = {
    callSid: call.sid,
    status: call.status ?? 'unknown',
    recordings: listed.value
      .map((recording) => recordingView(recording, logged.get(recording.sid), erased))
      .sort((a, b) => (a.startTime ?? '').localeCompare(b.startTime ?? '')),
    logAvailable: log !== undefined,
    logged: log !== undefined && holdsAnything(log),
  };
  if (call.from) view.from = call.from;
  if (call.to) view.to = call.to;
  if (call.startTime) view.startTime = call.startTime.toISOString();
  if (call.endTime) view.endTime = call.endTime.toISOString();
  const duration = wholeSeconds(call.duration);
  if (duration !== undefined) view.durationSeconds = duration;
  if (log) addLog(view, log);
  return ok(view);
}

/** What the log adds to the view: feedback, consent, the erasure. */
function addLog(view: CallView, log: CallLog): void {
  if (log.feedback) view.feedback = feedbackView(log.feedback);
  if (log.consent) {
    const {
      receivedAt,
      speechTruncated: _speechTruncated,
      promptTruncated: _promptTruncated,
      ...consent
    } = log.consent;
    view.consent = { ...consent, at: receivedAt };
  }
  if (log.erasure) view.erasure = erasureView(log.erasure);
}

function holdsAnything(log: CallLog): boolean {
  return Boolean(log.recordings.length > 0 || log.feedback || log.consent || log.erasure);
}

function erasureView(erasure: ErasureRecord): ErasureView {
  const { at, means, reason, recordingSids, complete } = erasure;
  return {
    at,
    means,
    ...(reason !== undefined ? { reason } : {}),
    recordings: recordingSids.length,
    recordingSids,
    complete,
  };
}

/** A recording as twilio-node gives it from the account's Recordings list. */
interface RecordingResource {
  sid: string;
  status?: string | null;
  channels?: number | null;
  duration?: string | null;
  startTime?: Date | null;
  errorCode?: number | null;
}

function recordingView(
  recording: RecordingResource,
  logged: RecordingLogItem | undefined,
  erased: boolean,
): RecordingView {
  const status = recording.status ?? 'unknown';
  const durationSeconds = wholeSeconds(recording.duration);
  const startTime = recording.startTime?.toISOString();
  const view: RecordingView = {
    sid: recording.sid,
    status,
    channels: recording.channels ?? 1,
    spans: recordingSpans({ startTime, durationSeconds, status }, logged?.actions),
  };
  if (logged?.track) view.track = logged.track;
  if (durationSeconds !== undefined) view.durationSeconds = durationSeconds;
  if (startTime) view.startTime = startTime;
  if (recording.errorCode) view.errorCode = recording.errorCode;
  if (logged?.feedback) view.feedback = feedbackView(logged.feedback);
  // An erased call's recordings are being deleted: none is offered for listening.
  if (status === 'completed' && !erased) {
    view.audio = {
      path: withQuery(ROUTE_PATHS.dashboardAudio, { RecordingSid: recording.sid }),
      contentType: 'audio/mpeg',
    };
  }
  return view;
}

function feedbackView(feedback: {
  speechResult: string;
  confidence?: number;
  speechTruncated?: true;
}) {
  return {
    speechResult: feedback.speechResult,
    ...(feedback.confidence !== undefined ? { confidence: feedback.confidence } : {}),
    ...(feedback.speechTruncated ? { speechTruncated: true } : {}),
  };
}

function wholeSeconds(value: string | null | undefined): number | undefined {
  const seconds = Number(value);
  return value !== null && value !== undefined && Number.isInteger(seconds) && seconds >= 0
    ? seconds
    : undefined;
}
