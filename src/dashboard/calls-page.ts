import type { Twilio } from 'twilio';
import { errorMessage } from '../errors';
import { failure, fieldFailure, type Failure } from '../failure';
import type { CallLog } from '../recording-log/call-history';
import { err, ok, type Result } from '../result';
import {
  allowedList,
  oneOf,
  readField,
  readSid,
  type FieldError,
  type Fields,
} from '../request/fields';
import { send, type Budget } from '../retry';
import { callView, type CallResource } from './call-view';
import { STATUS_FILTERS, type CallView, type DashboardPage } from './view';

/** Calls per page: each costs one Recordings request and one Sync read. */
export const CALLS_PER_PAGE = 10;

/** What /dashboard-calls was asked for. */
export interface CallsQuery {
  callSid?: string;
  status?: (typeof STATUS_FILTERS)[number];
  /** YYYY-MM-DD: calls started that UTC day. */
  date?: string;
  /** Where the page starts (from the previous answer's nextPageToken). */
  page?: { number: number; token: string };
}

/** Reads the page's query once; each bad field is named with what is allowed. */
export function parseCallsQuery(event: Fields): Result<CallsQuery, Failure> {
  const errors: FieldError[] = [];
  const query: CallsQuery = {};
  const callSid = readSid(event, 'CallSid', { required: false });
  if (callSid.error) errors.push(callSid.error);
  else query.callSid = callSid.value;
  const status = readField(event, 'Status');
  if (status.error) errors.push(status.error);
  else if (status.value !== undefined) {
    if (oneOf(STATUS_FILTERS, status.value)) query.status = status.value;
    else
      errors.push({
        field: 'Status',
        message: `'${status.value}' is not allowed; use one of ${allowedList(STATUS_FILTERS)}`,
      });
  }
  const date = readField(event, 'Date');
  if (date.error) errors.push(date.error);
  else if (date.value !== undefined) {
    const valid =
      /^\d{4}-\d{2}-\d{2}$/.test(date.value) &&
      new Date(`${date.value}T00:00:00Z`).toISOString().startsWith(date.value);
    if (valid) query.date = date.value;
    else errors.push({ field: 'Date', message: `'${date.value}' must be a date, YYYY-MM-DD` });
  }
  const token = readField(event, 'PageToken');
  if (token.error) errors.push(token.error);
  else if (token.value !== undefined) {
    const match = /^(\d{1,6})\.([A-Za-z0-9_-]{1,200})$/.exec(token.value);
    if (match) query.page = { number: Number(match[1]), token: match[2] };
    else errors.push({ field: 'PageToken', message: 'is not one this page handed out' });
  }
  return errors.length > 0 ? err(fieldFailure('invalid-input', errors)) : ok(query);
}

/**
 * One page of calls, newest first, from Twilio's Calls list; each joined with its recordings
 * from the Recordings list (the source of truth for what was recorded) and with what the
 * recording log holds of it (one Sync read per call, spread over the log's shards, never a
 * scan). A call whose log cannot be read is still shown, from Twilio alone.
 */
export async function callsPage(
  client: Twilio,
  readLog: (callSid: string) => Promise<Result<CallLog, Failure>>,
  query: CallsQuery,
  within: Budget,
): Promise<Result<DashboardPage, Failure>> {
  const listed = await listCalls(client, query, within);
  if (!listed.ok) return listed;
  const views = await Promise.all(
    listed.value.calls.map((call) => callView(client, readLog, call, within, twilioRequest)),
  );
  const calls: CallView[] = [];
  for (const view of views) {
    if (!view.ok) return view;
    calls.push(view.value);
  }
  const { nextPageToken } = listed.value;
  return ok({
    calls: query.status
      ? calls.filter((view) =>
          view.recordings.some((recording) => recording.status === query.status),
        )
      : calls,
    ...(nextPageToken ? { nextPageToken } : {}),
  });
}

/** A REST request of the page's, bounded by the budget; a failure means Twilio could not be read. */
function twilioRequest<T>(within: Budget, request: () => Promise<T>) {
  return send(within, request, (error) =>
    failure('twilio-unavailable', `Twilio could not be read: ${errorMessage(error)}`, {
      detail: String(
        (error as { code?: unknown }).code ?? (error as { status?: unknown }).status ?? '',
      ),
    }),
  );
}

async function listCalls(
  client: Twilio,
  query: CallsQuery,
  within: Budget,
): Promise<Result<{ calls: CallResource[]; nextPageToken?: string }, Failure>> {
  if (query.callSid) {
    const callSid = query.callSid;
    const fetched = await twilioRequest(within, () => client.calls(callSid).fetch());
    if (fetched.ok) return ok({ calls: [fetched.value] });
    return fetched.error.detail === '20404' ? ok({ calls: [] }) : fetched;
  }
  const page = await twilioRequest(within, () =>
    client.calls.page({
      pageSize: CALLS_PER_PAGE,
      ...(query.date ? { startTime: new Date(`${query.date}T00:00:00Z`) } : {}),
      ...(query.page ? { pageNumber: query.page.number, pageToken: query.page.token } : {}),
    }),
  );
  if (!page.ok) return page;
  return ok({ calls: page.value.instances, nextPageToken: nextToken(page.value.nextPageUrl) });
}

/** `Page` and `PageToken` of Twilio's next page, as one token the page passes back. */
function nextToken(nextPageUrl: string | undefined): string | undefined {
  if (!nextPageUrl) return undefined;
  const params = new URL(nextPageUrl, 'https://api.twilio.com').searchParams;
  const page = params.get('Page');
  const token = params.get('PageToken');
  return page && token && /^[A-Za-z0-9_-]+$/.test(token) ? `${page}.${token}` : undefined;
}
