import type { RestExchange } from '../../local/contracts';
import type { LocalTwilio } from '../../local/stand-in/server';
import { loggedAnswers, loggedStatuses } from './logged-events';
import type { BenchCall, StepRun } from './scale-call';
import { round } from './stats';

/** What a step's calls left behind, counted once they are all over. */
export interface StepCounts {
  /** Distinct status events or answers never stored (a call never recorded misses three). */
  lost: number;
  duplicated: number;
  syncRefused: number;
  concurrencyRefused: number;
  syncRequestsPerCall: number;
  /** Recordings API requests per call (starts, stops, their retries and read-backs). */
  apiRequestsPerCall: number;
  happyPathSyncRequests: number;
  callerPathSyncRequests: number;
}

/** Each REST request, by the call it names in its path or parameters (or its recording does). */
function requestsByCall(
  twilio: LocalTwilio,
  exchanges: readonly RestExchange[],
): Map<string, RestExchange[]> {
  const callOf = new Map(
    twilio.recordings().map((recording) => [recording.sid, recording.callSid]),
  );
  const byCall = new Map<string, RestExchange[]>();
  for (const exchange of exchanges) {
    const sid = /(?:CA|RE)[0-9a-f]{32}/.exec(exchange.path + JSON.stringify(exchange.params))?.[0];
    const callSid = sid?.startsWith('RE') ? callOf.get(sid) : sid;
    if (callSid) byCall.set(callSid, [...(byCall.get(callSid) ?? []), exchange]);
  }
  return byCall;
}

/** The status events a call's recording asked for, of the two every recording has. */
function subscribed(run: StepRun, call: BenchCall): string[] {
  const recording = run.sim.twilio
    .recordings(call.callSid)
    .find((one) => one.sid === call.recordingSid);
  return ['in-progress', 'completed'].filter((event) =>
    recording?.statusCallbackEvents.includes(event as 'in-progress' | 'completed'),
  );
}

/** Events a call should have left in the log and did not. */
function lostAndDuplicated(run: StepRun): { lost: number; duplicated: number } {
  const { sync } = run.sim.twilio;
  const statuses = loggedStatuses(sync);
  const { answered, consented } = loggedAnswers(sync);
  let lost = 0;
  for (const call of run.calls) {
    if (!consented.has(call.callSid)) lost += 1;
    if (!call.recordingSid) {
      // Never recorded: its status events and the answer kept with it never came.
      lost += 3;
      continue;
    }
    const stored = statuses.get(call.recordingSid) ?? [];
    for (const status of subscribed(run, call)) if (!stored.includes(status)) lost += 1;
    if (!answered.has(call.recordingSid)) lost += 1;
  }
  let duplicated = 0;
  for (const stored of statuses.values()) duplicated += stored.length - new Set(stored).size;
  return { lost, duplicated };
}

/** The Sync requests the feedback step made, the most for one caller, from its log lines. */
function callerPathSyncRequests(lines: readonly string[]): number {
  const counts = lines
    .map((line) => {
      try {
        return JSON.parse(line) as { event?: string; syncRequests?: number };
      } catch {
        return {};
      }
    })
    .filter((line) => line.event === 'feedback.stored')
    .map((line) => line.syncRequests ?? 0);
  return Math.max(0, ...counts);
}

/** Counts a step's calls; the first `skipExchanges` REST requests (a warm-up) are left out. */
export function countStep(
  run: StepRun,
  expectedCalls: number,
  lines: readonly string[],
  skipExchanges = 0,
): StepCounts {
  const { twilio } = run.sim;
  const exchanges = twilio.exchanges.slice(skipExchanges);
  const counted = lostAndDuplicated(run);
  // A call that never began (its caller failed before the stand-in knew it) lost all four.
  const lost = counted.lost + 4 * Math.max(0, expectedCalls - run.calls.length);
  const byProduct = (product: string) =>
    exchanges.filter((exchange) => exchange.product === product).length;
  const byCall = requestsByCall(twilio, exchanges);
  const happyPath = run.calls
    .filter((call) => call.recordingSid && !run.redelivered(call.index, 0))
    .filter((call) => !run.redelivered(call.index, 1))
    .map((call) => (byCall.get(call.callSid) ?? []).filter((one) => one.product === 'sync').length)
    .sort((a, b) => a - b);
  return {
    lost,
    duplicated: counted.duplicated,
    syncRefused: twilio.sync.limits.refused,
    concurrencyRefused: exchanges.filter(
      (exchange) => (exchange.response as { code?: number } | undefined)?.code === 20429,
    ).length,
    syncRequestsPerCall: round(byProduct('sync') / expectedCalls, 2),
    apiRequestsPerCall: round(byProduct('api') / expectedCalls, 2),
    happyPathSyncRequests: happyPath[Math.floor(happyPath.length / 2)] ?? 0,
    callerPathSyncRequests: callerPathSyncRequests(lines),
  };
}
