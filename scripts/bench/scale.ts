import { Agent } from 'node:http';
import { captureConsole } from '../../local/console-capture';
import { startSimulation } from '../../local/simulation';
import { timedPost } from './http-post';
import { loggedAnswers, loggedStatuses } from './logged-events';
import { round, summarise } from './stats';

export type Layout = 'single-map' | 'sharded';

export interface ScaleStep {
  layout: Layout;
  callsPerSecond: number;
  calls: number;
  /** Status-event deliveries sent, redeliveries included. */
  deliveries: number;
  /** Distinct status events or feedback answers never stored. */
  lost: number;
  /** Statuses stored more than once. */
  duplicated: number;
  /** Requests Sync's rate limits refused (429 / 54009). */
  syncRefused: number;
  /** Requests the account's REST concurrency limit refused (429 / 20429). */
  concurrencyRefused: number;
  /** Sync requests per call, all included (map creations, redeliveries, retries). */
  syncRequestsPerCall: number;
  /** Sync requests for one call on the happy path (the median call with no redelivery). */
  happyPathSyncRequests: number;
  /** Sync requests the feedback step made, the most for one caller. */
  callerPathSyncRequests: number;
  p99StatusMs: number;
  p99FeedbackMs: number;
  /** Length of the run on the stand-in's clock (virtual seconds). */
  simulatedSeconds: number;
  realSeconds: number;
}

export interface ScaleOptions {
  /** Simulated seconds over which calls arrive (at a steady rate). */
  arrivalSeconds: number;
  /** One status-event delivery in this many is delivered twice, as Twilio may. */
  redeliverEvery: number;
}

/** Seconds between the recording's start and the caller's answer, and then its completion. */
const ANSWER_AFTER_MS = 8000;
const COMPLETED_AFTER_MS = 3000;
/** Calls that arrive in the same tenth of a second are sent together. */
const TICK_MS = 100;
/** Twilio's retries of a failed status callback (the default callback asks for 5). */
const TWILIO_RETRIES = 5;
/**
 * The log's own time budget in this run. The simulated clock stands still while a request is
 * in flight, so the Function's in-request backoff after a 429 can never see Sync's window
 * move: it only costs real time. A short budget keeps the run short; Twilio's own retries
 * (above) are sent at once, on the same simulated instant. Both are the strict side: they can
 * only lose more events than real time would.
 */
const LOG_BUDGET_MS = '600';

/**
 * Simulated calls at a steady rate against the local Functions and the Sync stand-in with its
 * limits on, on the stand-in's simulated clock: each call passes the consent step (its notice
 * is kept), its recording reports in-progress, the caller answers the feedback question 8 s
 * later, and the recording reports completed 3 s after that; one status delivery in
 * `redeliverEvery` comes twice. Then everything is counted.
 */
export async function runScaleStep(
  layout: Layout,
  callsPerSecond: number,
  options: ScaleOptions,
): Promise<ScaleStep> {
  const sim = await startSimulation({
    env: {
      RECORDING_LOG_LAYOUT: layout,
      RECORDING_LOG_BUDGET_MS: LOG_BUDGET_MS,
      RECORDING_LOG_CALLER_BUDGET_MS: LOG_BUDGET_MS,
    },
  });
  const lines: string[] = [];
  const capture = captureConsole((line) => lines.push(line));
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const clock = sim.twilio.clock;
  const calls = Math.round(callsPerSecond * options.arrivalSeconds);
  const statusLatencies: number[] = [];
  const feedbackLatencies: number[] = [];
  const hex = (n: number) => n.toString(16).padStart(32, '0');
  let deliveries = 0;
  const redelivered = (index: number, event: number) =>
    (index * 2 + event) % options.redeliverEvery === 0;
  const started = Date.now();
  const startedAt = clock.now();

  const post = (path: string, params: Record<string, string>) =>
    timedPost(agent, `${sim.functions.url}${path}`, new URLSearchParams(params).toString());
  /** A status callback as Twilio delivers it: retried at once on a failure, as asked. */
  const deliver = async (params: Record<string, string>) => {
    for (let attempt = 0; attempt <= TWILIO_RETRIES; attempt += 1) {
      deliveries += 1;
      const answer = await post('/recording-status', params);
      statusLatencies.push(answer.ms);
      if (answer.status >= 200 && answer.status < 300) return;
    }
  };

  try {
    await Promise.all(
      Array.from({ length: calls }, async (_, index) => {
        const caller = clock.actor();
        try {
          await caller.sleep(Math.floor((index * 1000) / callsPerSecond / TICK_MS) * TICK_MS);
          const event = (status: string) => ({
            AccountSid: sim.twilio.accountSid,
            CallSid: `CA${hex(index + 1)}`,
            RecordingSid: `RE${hex(index + 1)}`,
            RecordingStatus: status,
            RecordingDuration: status === 'completed' ? '11' : '-1',
            RecordingChannels: '2',
            RecordingSource: 'StartCallRecordingAPI',
          });
          const twice = (event: number) => redelivered(index, event);
          // The consent step (notice, the default) keeps its evidence as the call starts.
          await post('/recording-consent', {
            CallSid: `CA${hex(index + 1)}`,
            AccountSid: sim.twilio.accountSid,
            CallStatus: 'in-progress',
            Direction: 'inbound',
          });
          await deliver(event('in-progress'));
          if (twice(0)) await deliver(event('in-progress'));
          await caller.sleep(ANSWER_AFTER_MS);
          const answer = await post(
            `/feedback-received?RecordingSid=RE${hex(index + 1)}&Attempt=1`,
            {
              CallSid: `CA${hex(index + 1)}`,
              AccountSid: sim.twilio.accountSid,
              CallStatus: 'in-progress',
              SpeechResult: `Caller ${index} was happy`,
              Confidence: '0.9',
            },
          );
          feedbackLatencies.push(answer.ms);
          await caller.sleep(COMPLETED_AFTER_MS);
          await deliver(event('completed'));
          if (twice(1)) await deliver(event('completed'));
        } finally {
          caller.done();
        }
      }),
    );
  } finally {
    capture.restore();
    agent.destroy();
  }
  const realSeconds = (Date.now() - started) / 1000;
  const simulatedSeconds = (clock.now() - startedAt) / 1000;

  const statuses = loggedStatuses(sim.twilio.sync);
  const { answered, consented } = loggedAnswers(sim.twilio.sync);
  let lost = 0;
  let duplicated = 0;
  for (let index = 0; index < calls; index += 1) {
    const stored = statuses.get(`RE${hex(index + 1)}`) ?? [];
    for (const status of ['in-progress', 'completed']) if (!stored.includes(status)) lost += 1;
    if (!answered.has(`RE${hex(index + 1)}`)) lost += 1;
    if (!consented.has(`CA${hex(index + 1)}`)) lost += 1;
  }
  for (const stored of statuses.values()) duplicated += stored.length - new Set(stored).size;
  const callerPath = lines
    .map((line) => {
      try {
        return JSON.parse(line) as { event?: string; syncRequests?: number };
      } catch {
        return {};
      }
    })
    .filter((line) => line.event === 'feedback.stored')
    .map((line) => line.syncRequests ?? 0);
  const syncExchanges = sim.twilio.exchanges.filter((exchange) => exchange.product === 'sync');
  // Each request names its call or recording (same number here) in its path or parameters.
  const perCall = new Map<string, number>();
  for (const exchange of syncExchanges) {
    const id = /(?:CA|RE)([0-9a-f]{32})/.exec(exchange.path + JSON.stringify(exchange.params));
    if (id) perCall.set(id[1], (perCall.get(id[1]) ?? 0) + 1);
  }
  const happyPath = Array.from({ length: calls }, (_, index) => index)
    .filter((index) => !redelivered(index, 0) && !redelivered(index, 1))
    .map((index) => perCall.get(hex(index + 1)) ?? 0)
    .sort((a, b) => a - b);
  const step: ScaleStep = {
    layout,
    callsPerSecond,
    calls,
    deliveries,
    lost,
    duplicated,
    syncRefused: sim.twilio.sync.limits.refused,
    concurrencyRefused: sim.twilio.exchanges.filter(
      (exchange) => (exchange.response as { code?: number } | undefined)?.code === 20429,
    ).length,
    syncRequestsPerCall: round(syncExchanges.length / calls, 2),
    happyPathSyncRequests: happyPath[Math.floor(happyPath.length / 2)] ?? 0,
    callerPathSyncRequests: Math.max(0, ...callerPath),
    p99StatusMs: round(summarise(statusLatencies).p99, 1),
    p99FeedbackMs: round(summarise(feedbackLatencies).p99, 1),
    simulatedSeconds: round(simulatedSeconds, 1),
    realSeconds: round(realSeconds, 1),
  };
  await sim.close();
  return step;
}
