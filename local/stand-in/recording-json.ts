import { rfc2822 } from '../../src/twilio/dates';
import { durationSeconds } from './media';
import type { StoredRecording } from './recordings';

/**
 * A recording as a call's Recordings list and fetch describe it
 * (`api.v2010.account.call.call_recording`).
 */
export function callRecordingJson(
  accountSid: string,
  recording: StoredRecording,
): Record<string, unknown> {
  // Twilio's examples show duration, price and price_unit null while a recording runs, and a
  // duration (a string) with price_unit once it is completed. Prices are not modelled: the
  // completed example's price is a string where the schema says number, so it stays null.
  const processed = recording.processedAt !== undefined;
  // Assumption [soft-deleted-metadata]: Twilio says a deleted recording's status is `deleted` and
  // its metadata is preserved; the rest of it stays as it was, but for date_updated, which is
  // the time of the deletion (the last change the resource saw).
  const updated =
    recording.deletedAt ?? recording.processedAt ?? recording.endedAt ?? recording.createdAt;
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    call_sid: recording.callSid,
    conference_sid: null,
    date_created: rfc2822(recording.createdAt) ?? null,
    date_updated: rfc2822(updated) ?? null,
    start_time: rfc2822(recording.startedAt) ?? null,
    duration: processed ? String(durationSeconds(recording.recordedMs)) : null,
    sid: recording.sid,
    price: null,
    price_unit: processed ? 'USD' : null,
    status: recording.deletedAt === undefined ? recording.status : 'deleted',
    channels: recording.channels,
    source: recording.source,
    error_code: recording.errorCode ?? null,
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${recording.callSid}/Recordings/${recording.sid}.json`,
    encryption_details: null,
    track: recording.track,
  };
}

/**
 * The same recording as the account's Recordings list and fetch describe it
 * (`api.v2010.account.recording`): no `track`, but its media URL and subresources. A deleted
 * recording is only ever seen here, with the status `deleted` (which only this schema's status
 * enum has) and the rest of its metadata as it was, as Twilio's own example of a fetch with
 * IncludeSoftDeleted shows it (FetchRecording's `fetchIncludeSoftDeleted` example in the
 * pinned description).
 */
export function accountRecordingJson(
  accountSid: string,
  recording: StoredRecording,
): Record<string, unknown> {
  const { track: _callOnly, ...common } = callRecordingJson(accountSid, recording);
  const path = `/2010-04-01/Accounts/${accountSid}/Recordings/${recording.sid}`;
  return {
    ...common,
    uri: `${path}.json`,
    subresource_uris: {
      add_on_results: `${path}/AddOnResults.json`,
      transcriptions: `${path}/Transcriptions.json`,
    },
    // Twilio's example writes http://; the media is served (and RecordingUrl given) as https.
    media_url: `https://api.twilio.com${path}`,
  };
}
