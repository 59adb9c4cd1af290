import type { Twilio } from 'twilio';
import type { Failure } from '../failure';
import { ok, type Result } from '../result';
import type { Budget } from '../retry';
import { readAllPages, type ListPage } from './twilio-requests';

/** A call as an erasure by number lists it. */
export interface CallFromNumber {
  callSid: string;
  /** When it started, on Twilio's clock, when it did. */
  startTime?: string;
}

/** Calls per page of the Calls list (its PageSize maximum). */
const CALLS_PAGE_SIZE = 1000;

/** Every call of the account from `from` (the Calls list's From filter), newest first. */
export async function callsFromNumber(
  client: Twilio,
  from: string,
  within: Budget,
): Promise<Result<CallFromNumber[], Failure>> {
  const listed = await readAllPages(
    within,
    () =>
      client.calls.page({ from, pageSize: CALLS_PAGE_SIZE }) as unknown as Promise<
        ListPage<{ sid: string; startTime?: Date | null }>
      >,
  );
  if (!listed.ok) return listed;
  return ok(
    listed.value.map((call) => ({
      callSid: call.sid,
      ...(call.startTime ? { startTime: call.startTime.toISOString() } : {}),
    })),
  );
}
