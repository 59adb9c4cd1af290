import { placeCall, type CallResult, type GatherAnswer } from '../../local/call-driver';
import type { FaultRule } from '../../local/contracts';
import { captureConsole } from '../../local/console-capture';
import { injectedError } from '../../local/fault-spec';
import { startSimulation, type Simulation } from '../../local/simulation';
import { loggedStatuses } from '../bench/logged-events';

export interface SoakFigures {
  calls: number;
  faultsInjected: number;
  recordings: number;
  statusEvents: number;
  callbackAttempts: number;
  /** Calls whose caller declined or did not answer the consent question. */
  declined: number;
  syncRefused: number;
  /** Requests the account's concurrency limit refused (429 / 20429). */
  concurrencyRefused: number;
  seconds: number;
  anomalies: string[];
}

/** The faults a soak injects: a few percent of recording requests and Sync writes fail. */
export function soakFaults(rate: number): FaultRule[] {
  const fault = (operation: string, effect: FaultRule['effect']): FaultRule => ({
    operation,
    probability: rate,
    times: Infinity,
    effect,
  });
  // Twilio's own codes, at the statuses Twilio gives them: 20500, 20429, 20503, and Sync's 54009.
  const error = (code: number) => injectedError(code, 'Injected');
  return [
    fault('CreateCallRecording', error(20500)),
    fault('CreateCallRecording', error(20429)),
    fault('CreateCallRecording', { kind: 'apply-then-reset' }),
    fault('UpdateCallRecording', error(20503)),
    fault('UpdateCallRecording', { kind: 'apply-then-reset' }),
    fault('CreateSyncMapItem', error(20503)),
    fault('CreateSyncMapItem', error(54009)),
  ];
}

/** One caller in five declines (by key or by voice), one in eleven says nothing. */
function consentAnswer(index: number): GatherAnswer[] {
  if (index % 11 === 0) return [{ silent: true }, { silent: true }];
  if (index % 5 === 1) return [index % 2 === 0 ? { press: '2' } : { say: 'No' }];
  return [index % 2 === 0 ? { press: '1' } : { say: 'Yes' }];
}

const mayRecord = (index: number) => index % 11 !== 0 && index % 5 !== 1;

/** What must hold of each call whatever happened: ended, one recording at most, consent kept. */
function callAnomalies(
  sim: Simulation,
  results: CallResult[],
): { declined: number; anomalies: string[] } {
  const anomalies: string[] = [];
  let declined = 0;
  for (const [index, result] of results.entries()) {
    if (result.status !== 'completed')
      anomalies.push(`call ${result.callSid} ended as ${result.status}`);
    const recordings = sim.twilio.recordings(result.callSid);
    if (!mayRecord(index)) {
      declined += 1;
      if (recordings.length > 0)
        anomalies.push(`call ${result.callSid} did not consent, yet has a recording`);
    }
    if (recordings.length > 1)
      anomalies.push(`call ${result.callSid} has ${recordings.length} recordings`);
    for (const recording of recordings) {
      if (recording.status !== 'completed' && recording.status !== 'absent')
        anomalies.push(`recording ${recording.sid} is still ${recording.status}`);
    }
  }
  return { declined, anomalies };
}

/** Every status callback sent, by recording and status: answered 2xx at last, stored once. */
function eventAnomalies(sim: Simulation, byEvent: Map<string, number[]>): string[] {
  const anomalies: string[] = [];
  const log = loggedStatuses(sim.twilio.sync);
  for (const [key, statuses] of byEvent) {
    const [recordingSid, status] = key.split(' ');
    if (!statuses.some((code) => code >= 200 && code < 300))
      anomalies.push(`event ${key} never answered 2xx (${statuses.join(', ')})`);
    else if (!log.get(recordingSid)?.includes(status))
      anomalies.push(`event ${key} answered 2xx but not stored`);
  }
  for (const [recordingSid, statuses] of log) {
    if (new Set(statuses).size !== statuses.length)
      anomalies.push(
        `recording ${recordingSid} has a status stored twice (${statuses.join(', ')})`,
      );
  }
  return anomalies;
}

/** The delivery statuses of each status event (`RE… status`), in the order they were sent. */
function deliveriesByEvent(sim: Simulation): Map<string, number[]> {
  const byEvent = new Map<string, number[]>();
  for (const delivery of sim.twilio.callbacks) {
    const key = `${delivery.params.RecordingSid} ${delivery.params.RecordingStatus}`;
    byEvent.set(key, [...(byEvent.get(key) ?? []), delivery.status]);
  }
  return byEvent;
}

/** The soak's calls, all at once, each with its consent answer and feedback. */
function placeSoakCalls(sim: Simulation, calls: number): Promise<CallResult[]> {
  return Promise.all(
    Array.from({ length: calls }, (_, index) =>
      placeCall(sim.twilio, sim.gateway.url, {
        answers: [
          ...consentAnswer(index),
          ...(index % 5 === 0 ? [] : [{ say: `Caller ${index} was happy` }]),
        ],
        // The first Gather is the consent question: hang up at the feedback question.
        hangUpDuringGather: index % 7 === 0 ? 2 : undefined,
      }),
    ),
  );
}

/**
 * Many simulated Client Feedback calls at once through the gateway, the local Functions and the
 * stand-in, with faults injected; then checks what must hold whatever happened, and lists every
 * violation as an anomaly.
 */
export async function runSoak(options: {
  calls: number;
  faultRate: number;
  /** The median time each REST answer takes, in simulated ms, so that requests overlap (0: at once). */
  latencyMs?: number;
}): Promise<SoakFigures> {
  // The default configuration (its status callback asks Twilio to retry failures), but with
  // consent asked first, so that some callers decline.
  const sim = await startSimulation({
    standIn: { callbackRetryDelayMs: 20, latencyMs: options.latencyMs ?? 0 },
    env: { RECORDING_CONSENT: 'opt-in' },
  });
  const capture = captureConsole();
  const started = Date.now();
  let results: CallResult[];
  try {
    for (const fault of soakFaults(options.faultRate)) sim.twilio.injectFault(fault);
    results = await placeSoakCalls(sim, options.calls);
    await sim.twilio.settle();
  } finally {
    capture.restore();
  }
  const seconds = (Date.now() - started) / 1000;
  const { declined, anomalies } = callAnomalies(sim, results);
  const byEvent = deliveriesByEvent(sim);
  anomalies.push(...eventAnomalies(sim, byEvent));
  const figures = {
    calls: results.length,
    faultsInjected: sim.twilio.exchanges.filter((exchange) => exchange.fault).length,
    recordings: sim.twilio.recordings().length,
    statusEvents: byEvent.size,
    callbackAttempts: sim.twilio.callbacks.length,
    declined,
    /** Requests Sync's rate limits refused (429 / 54009), injected faults not counted. */
    syncRefused: sim.twilio.sync.limits.refused,
    // The limit's own refusals only: an injected 20429 is counted with the faults.
    concurrencyRefused: sim.twilio.exchanges.filter(
      (exchange) =>
        !exchange.fault && (exchange.response as { code?: number } | undefined)?.code === 20429,
    ).length,
    seconds,
    anomalies,
  };
  await sim.close();
  return figures;
}
