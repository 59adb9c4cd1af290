import type { Twilio } from 'twilio';
import type { Failure } from '../failure';
import { ok, type Result } from '../result';
import type { Budget } from '../retry';
import type { AnswerHeaders } from '../twilio/answer-headers';
import { ACTIVE_STATUSES, type CallRecording, type RecordingOutcome } from './erasure-types';
import { readAllPages, restRequest, twilioTime, type ListPage } from './twilio-requests';

/** A recording as twilio-node lists it (the fields an erasure reads). */
export interface RecordingResource {
  sid: string;
  callSid: string;
  status: string;
  dateCreated: Date;
}

export function callRecording(resource: RecordingResource): CallRecording {
  return {
    sid: resource.sid,
    callSid: resource.callSid,
    status: resource.status,
    createdAt: resource.dateCreated.getTime(),
  };
}

/** Recordings per page when listing one call's (it has one or two). */
const CALL_PAGE_SIZE = 100;

/**
 * A call's recordings from the account's Recordings list, deleted ones included
 * (`IncludeSoftDeleted`: Twilio keeps their metadata, status `deleted`, for 40 days), and
 * Twilio's clock when it answered.
 */
export async function listCallRecordings(
  client: Twilio,
  callSid: string,
  within: Budget,
): Promise<Result<{ recordings: CallRecording[]; at: number }, Failure>> {
  const noted: AnswerHeaders = {};
  const listed = await readAllPages(
    within,
    () =>
      client.recordings.page({
        callSid,
        includeSoftDeleted: true,
        pageSize: CALL_PAGE_SIZE,
      }) as unknown as Promise<ListPage<RecordingResource>>,
    noted,
  );
  if (!listed.ok) return listed;
  return ok({ recordings: listed.value.map(callRecording), at: twilioTime(noted, within) });
}

/** Twilio's answers that mean a recording cannot be acted on any more. */
const GONE = '20404';
/** "Invalid state": a stop of a recording that is no longer active (it stopped meanwhile). */
const NOT_ACTIVE = '21220';

/**
 * Deletes one recording of the call (DeleteRecording). One still being made is stopped first.
 * Assumption [stop-before-delete]: Twilio's docs say nothing about deleting a recording that
 * is in progress or paused, so it is stopped first (Status=stopped), as the widget stops one,
 * and deleted once stopped; while Twilio still processes it (21501, HTTP 503) the delete is sent
 * again after its Retry-After, inside the budget. A delete answered 404 (20404) means the
 * recording is gone already, which is what was wanted.
 */
export async function removeRecording(
  client: Twilio,
  recording: { sid: string; callSid: string; status: string },
  within: Budget,
): Promise<Omit<RecordingOutcome, 'statusBefore'>> {
  const recordingSid = recording.sid;
  let stoppedFirst = false;
  if (ACTIVE_STATUSES.includes(recording.status)) {
    const stopped = await restRequest(within, () =>
      client.calls(recording.callSid).recordings(recordingSid).update({ status: 'stopped' }),
    );
    if (!stopped.ok && stopped.error.detail !== NOT_ACTIVE && stopped.error.detail !== GONE)
      return { recordingSid, result: 'failed', failure: stopped.error };
    stoppedFirst = stopped.ok;
  }
  const noted: AnswerHeaders = {};
  const deleted = await restRequest(within, () => client.recordings(recordingSid).remove(), noted);
  const at = new Date(twilioTime(noted, within)).toISOString();
  const stopped = stoppedFirst ? { stoppedFirst: true as const } : {};
  if (deleted.ok) return { recordingSid, result: 'deleted', at, ...stopped };
  if (deleted.error.detail === GONE)
    return { recordingSid, result: 'already-gone', at, ...stopped };
  return { recordingSid, result: 'failed', failure: deleted.error, ...stopped };
}
