import type { SimulatedRecording } from '../contracts';
import type { Params } from './openapi';
import { TwilioApiError } from './twilio-error';

/**
 * The account's Recordings list (ListRecording), newest first, as the API description gives it:
 * filters `CallSid`, `ConferenceSid`, `DateCreated`, `DateCreated<`, `DateCreated>`, pages of
 * `PageSize` (1-1000, default 50) followed through `next_page_uri`.
 *
 * Dates, in the description's words: "Specify a date as `YYYY-MM-DD` in GMT ... to read
 * recordings that were created on this date. You can also specify an inequality, such as
 * `DateCreated<=YYYY-MM-DD`, to read recordings that were created on or before midnight of this
 * date, and `DateCreated>=YYYY-MM-DD` ... on or after midnight of this date." (In a URL,
 * `DateCreated<=2026-11-27` is the parameter `DateCreated<`.) twilio-node sends an ISO 8601
 * date-time instead, which is taken as that instant; `DateCreated` with one means its GMT day.
 * Creation times compare at whole seconds, the precision `date_created` shows.
 *
 * Not documented, assumed: a date that does not parse, or a PageToken the stand-in did not
 * give, answers 400 (20001). The token is `PA` and the SID of the previous page's last
 * recording, so a page stays put while newer recordings arrive.
 */
const DEFAULT_PAGE_SIZE = 50;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function single(query: Params, name: string): string | undefined {
  const value = query[name];
  return Array.isArray(value) ? value[0] : value;
}

function instant(query: Params, name: string): number | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const parsed = Date.parse(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(parsed))
    throw new TwilioApiError(400, 20001, `${name} '${value}' is not YYYY-MM-DD or ISO 8601`);
  return parsed;
}

function createdFilter(query: Params): (createdAt: number) => boolean {
  const on = instant(query, 'DateCreated');
  const onDay = on === undefined ? undefined : on - (on % DAY_MS);
  const before = instant(query, 'DateCreated<');
  const after = instant(query, 'DateCreated>');
  return (createdAt) => {
    const second = createdAt - (createdAt % 1000);
    if (onDay !== undefined && (second < onDay || second >= onDay + DAY_MS)) return false;
    if (before !== undefined && second > before) return false;
    return after === undefined || second >= after;
  };
}

export function listRecordings<Recording extends SimulatedRecording>(
  recordings: readonly Recording[],
  query: Params,
  listUri: string,
  json: (recording: Recording) => Record<string, unknown>,
): Record<string, unknown> {
  const callSid = single(query, 'CallSid');
  // The stand-in makes no conference recordings, so asking for a conference's finds none.
  const conferenceSid = single(query, 'ConferenceSid');
  const created = createdFilter(query);
  const selected = (conferenceSid === undefined ? recordings : [])
    .filter((recording) => callSid === undefined || recording.callSid === callSid)
    .filter((recording) => created(recording.createdAt))
    .sort((a, b) => b.createdAt - a.createdAt || (a.sid < b.sid ? 1 : -1));

  const pageSize = Number(single(query, 'PageSize') ?? DEFAULT_PAGE_SIZE);
  const page = Number(single(query, 'Page') ?? 0);
  const token = single(query, 'PageToken');
  let start = page * pageSize;
  if (token !== undefined) {
    const after = selected.findIndex((recording) => `PA${recording.sid}` === token);
    if (after < 0) throw new TwilioApiError(400, 20001, `Invalid PageToken ${token}`);
    start = after + 1;
  }
  const items = selected.slice(start, start + pageSize);

  const filters = new URLSearchParams();
  for (const name of ['CallSid', 'ConferenceSid', 'DateCreated', 'DateCreated<', 'DateCreated>']) {
    const value = single(query, name);
    if (value !== undefined) filters.set(name, value);
  }
  filters.set('PageSize', String(pageSize));
  const pageUri = (number: number, from: number) => {
    const params = new URLSearchParams(filters);
    params.set('Page', String(number));
    if (from > 0) params.set('PageToken', `PA${selected[from - 1].sid}`);
    return `${listUri}?${params}`;
  };
  return {
    recordings: items.map(json),
    page,
    page_size: pageSize,
    start,
    end: Math.max(start, start + items.length - 1),
    uri: pageUri(page, start),
    first_page_uri: pageUri(0, 0),
    next_page_uri: start + pageSize < selected.length ? pageUri(page + 1, start + pageSize) : null,
    previous_page_uri: page > 0 ? pageUri(page - 1, Math.max(0, start - pageSize)) : null,
  };
}
