import { rfc2822 } from '../../src/twilio/dates';
import type { Clock } from '../clock';
import type { CallDirection, CallStatus, SimulatedCall } from '../contracts';
import { dateFilter } from './date-filter';
import type { Params } from './openapi';
import { newSid, notFound } from './twilio-error';

/** The account's calls (the Call resource), and how a call's status moves. */
export class Calls {
  readonly all = new Map<string, SimulatedCall>();

  constructor(
    private readonly accountSid: string,
    private readonly clock: Clock,
  ) {}

  create(call: { from: string; to: string; direction: CallDirection }): SimulatedCall {
    const created: SimulatedCall = {
      sid: newSid('CA'),
      accountSid: this.accountSid,
      ...call,
      status: 'ringing',
      createdAt: this.clock.now(),
    };
    this.all.set(created.sid, created);
    return created;
  }

  answer(callSid: string): void {
    const call = this.get(callSid);
    if (call.status === 'ringing' || call.status === 'queued') {
      call.status = 'in-progress';
      call.answeredAt = this.clock.now();
    }
  }

  /**
   * Ends the call: `completed` once it was answered; one that never was ends `no-answer`, or as
   * `unanswered` says (a rejected call ends `busy` or `no-answer`). False when there was no
   * such call, or it had ended already.
   */
  end(callSid: string, unanswered: Extract<CallStatus, 'busy' | 'no-answer'>): boolean {
    const call = this.all.get(callSid);
    if (!call || call.endedAt !== undefined) return false;
    call.status = call.answeredAt === undefined ? unanswered : 'completed';
    call.endedAt = this.clock.now();
    return true;
  }

  get(callSid: string): SimulatedCall {
    const call = this.all.get(callSid);
    if (!call) throw notFound(`Call ${callSid}`);
    return call;
  }
}

/** A call as the Call resource describes it (`api.v2010.account.call`). */
export function callJson(call: SimulatedCall): Record<string, unknown> {
  return {
    sid: call.sid,
    account_sid: call.accountSid,
    api_version: '2010-04-01',
    date_created: rfc2822(call.createdAt) ?? null,
    date_updated: rfc2822(call.endedAt ?? call.answeredAt ?? call.createdAt) ?? null,
    from: call.from,
    to: call.to,
    direction: call.direction,
    status: call.status,
    start_time: rfc2822(call.answeredAt) ?? null,
    end_time: rfc2822(call.endedAt) ?? null,
    // Assumption [call-duration-nearest-second]: a call's duration, "the length of the call in
    // seconds", is rounded to the nearest second, as a recording's is.
    duration:
      call.endedAt !== undefined && call.answeredAt !== undefined
        ? String(Math.round((call.endedAt - call.answeredAt) / 1000))
        : null,
    uri: `/2010-04-01/Accounts/${call.accountSid}/Calls/${call.sid}.json`,
  };
}

/**
 * Whether a call passes ListCall's date filters: `StartTime`, `StartTime<`, `StartTime>` on
 * when it started (was answered: a call never answered has no start_time and passes none) and
 * `EndTime`, `EndTime<`, `EndTime>` on when it ended, read as date-filter.ts reads every list's
 * dates.
 */
export function startsWithin(call: SimulatedCall, query: Params): boolean {
  return (
    dateFilter(query, 'StartTime')(call.answeredAt) && dateFilter(query, 'EndTime')(call.endedAt)
  );
}
