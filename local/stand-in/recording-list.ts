import type { SimulatedRecording } from '../contracts';
import { afterItemToken, apiPage } from './api-page';
import { dateFilter } from './date-filter';
import { firstValue, type Params } from './openapi';

/**
 * The account's Recordings list (ListRecording), newest first, as the API description gives it:
 * filters `CallSid`, `ConferenceSid`, `DateCreated`, `DateCreated<`, `DateCreated>` (see
 * date-filter.ts; in a URL, `DateCreated<=2026-11-27` is the parameter `DateCreated<`), pages of
 * `PageSize` (1-1000, default 50) followed through `next_page_uri`. The page token names the
 * previous page's last recording, so a page stays put while newer recordings arrive.
 */
export function listRecordings<Recording extends SimulatedRecording>(
  recordings: readonly Recording[],
  query: Params,
  listUri: string,
  json: (recording: Recording) => Record<string, unknown>,
): Record<string, unknown> {
  const callSid = firstValue(query, 'CallSid');
  // The stand-in makes no conference recordings, so asking for a conference's finds none.
  const conferenceSid = firstValue(query, 'ConferenceSid');
  const created = dateFilter(query, 'DateCreated');
  const selected = (conferenceSid === undefined ? recordings : [])
    .filter((recording) => callSid === undefined || recording.callSid === callSid)
    .filter((recording) => created(recording.createdAt))
    .sort((a, b) => b.createdAt - a.createdAt || (a.sid < b.sid ? 1 : -1));
  // Assumption [page-token-deleted-recording-400]: the token names the previous page's last
  // recording; once that recording is deleted the token names nothing in the list, and is
  // refused as a token the list never gave (400, 20001). Twilio's tokens are its own and it does
  // not say; the stricter reading, so that a client deleting what it lists reads the list first.
  return apiPage(
    'recordings',
    selected,
    query,
    listUri,
    json,
    afterItemToken((recording) => recording.sid),
  );
}
