import { Agent } from 'node:http';
import { SimulatedClock } from '../../local/clock';
import { captureConsole } from '../../local/console-capture';
import { startSimulation, type Simulation } from '../../local/simulation';
import {
  RECORDING_LOG_BUDGET_MS,
  RECORDING_LOG_CALLER_BUDGET_MS,
} from '../../src/config/settings-table';
import { buildSingleMapFunctions } from './single-map/build-functions';
import { InFlightSamples } from './in-flight';
import { poissonArrivals, runCall, type StepRun } from './scale-call';
import { countStep, type StepCounts } from './scale-count';
import { round, summarise } from './stats';

export type Layout = 'single-map' | 'sharded';

export interface ScaleStep extends StepCounts {
  layout: Layout;
  callsPerSecond: number;
  calls: number;
  /** Status-event deliveries sent, redeliveries included. */
  deliveries: number;
  p99StatusMs: number;
  p99FeedbackMs: number;
  /** Length of the run on the stand-in's clock (virtual seconds). */
  simulatedSeconds: number;
  realSeconds: number;
  /** The account's REST requests in flight, over the run's simulated time (p50, p99). */
  inFlightP50: number;
  inFlightP99: number;
  /** Recording starts and stops that took the toggle's Failed transition. */
  failedToggles: number;
}

export interface ScaleOptions {
  /** Simulated seconds over which calls arrive (at a steady rate). */
  arrivalSeconds: number;
  /** One status-event delivery in this many is delivered twice, as Twilio may. */
  redeliverEvery: number;
  /** The median time each REST answer takes, in simulated ms (0: at once). */
  latencyMs: number;
  /** Settings for the Functions beyond the benchmark's own (to try a configuration). */
  env?: Record<string, string>;
}

/**
 * The log's own time budgets in a run, in real time, for a status callback and on the caller's
 * path (the settings' defaults, 4.5 s each). The Functions count their budgets in real time and
 * the simulated clock charges them almost nothing for an answer's latency, so each budget is
 * cut by the latency Twilio would charge the attempts it allows there: with the log's jittered
 * backoff (from 100 ms, doubling to 1.6 s; half that on average), 4.5 s holds at most 9
 * attempts at 50 ms a request, 8 at 100 ms and 7 at 200 ms; so 10 latencies come off, leaving
 * fewer attempts here than there. Without latency the clock stands still while a Function
 * backs off, so a retry could only meet the same Sync window: 600 ms keeps that run short.
 * Twilio's own retries of a failed callback are sent at once. All of it is the strict side: it
 * can only lose more events than Twilio would.
 */
export function logBudgets(latencyMs: number): { status: number; caller: number } {
  if (latencyMs <= 0) return { status: 600, caller: 600 };
  const cut = (setting: { default: string }) =>
    Math.max(600, Number(setting.default) - 10 * latencyMs);
  return { status: cut(RECORDING_LOG_BUDGET_MS), caller: cut(RECORDING_LOG_CALLER_BUDGET_MS) };
}

function newRun(sim: Simulation, callsPerSecond: number, options: ScaleOptions): StepRun {
  return {
    sim,
    // No cap on sockets: a caller queued for one would be busy on the clock and hold no answer.
    agent: new Agent({ keepAlive: true }),
    callsPerSecond,
    arrivals: poissonArrivals(Math.round(callsPerSecond * options.arrivalSeconds), callsPerSecond),
    redelivered: (index, event) => (index * 2 + event) % options.redeliverEvery === 0,
    calls: [],
    deliveries: 0,
    failedToggles: 0,
    statusMs: [],
    feedbackMs: [],
  };
}

/**
 * One call first, not counted, so that no Function starts cold under the load (a deployed
 * service is warm; here a cold start would only lengthen the first calls' real time). Returns
 * how many REST requests it made.
 */
async function warmUp(sim: Simulation, options: ScaleOptions): Promise<number> {
  const capture = captureConsole(() => undefined);
  const run = newRun(sim, 1, options);
  try {
    await runCall(run, 0);
  } finally {
    capture.restore();
    run.agent.destroy();
  }
  return sim.twilio.exchanges.length;
}

/**
 * Simulated calls at a steady rate against the local Functions and the stand-in (Sync's limits
 * and the account's concurrency limit on), on the stand-in's simulated clock, each REST answer
 * taking `latencyMs` (median) of it: each call runs the Client Feedback flow (see runCall), one
 * status delivery in `redeliverEvery` comes twice. Then everything is counted.
 */
export async function runScaleStep(
  layout: Layout,
  callsPerSecond: number,
  options: ScaleOptions,
): Promise<ScaleStep> {
  const budgets = logBudgets(options.latencyMs);
  const sim = await startSimulation({
    // The benchmark sends the recordings' status callbacks itself, to time them and to deliver
    // some twice, as Twilio may.
    standIn: { latencyMs: options.latencyMs, sendCallbacks: false },
    // The baseline runs the same Functions built with the single-map log in place of the shards.
    functionsFolder: layout === 'single-map' ? await buildSingleMapFunctions() : undefined,
    env: {
      RECORDING_LOG_BUDGET_MS: String(budgets.status),
      RECORDING_LOG_CALLER_BUDGET_MS: String(budgets.caller),
      ...options.env,
    },
  });
  const clock = sim.twilio.clock as SimulatedClock;
  const warmUpExchanges = await warmUp(sim, options);
  const lines: string[] = [];
  const capture = captureConsole((line) => lines.push(line));
  const calls = Math.round(callsPerSecond * options.arrivalSeconds);
  const run = newRun(sim, callsPerSecond, options);
  const inFlight = new InFlightSamples(clock, () => sim.twilio.requestsInFlight());
  const started = Date.now();
  const startedAt = clock.now();
  try {
    // A call whose requests fail outright is counted by what it did not leave in the log.
    await Promise.all(
      Array.from({ length: calls }, (_, index) => runCall(run, index).catch(() => undefined)),
    );
  } finally {
    capture.restore();
    inFlight.close();
    run.agent.destroy();
  }
  const step: ScaleStep = {
    layout,
    callsPerSecond,
    calls,
    deliveries: run.deliveries,
    ...countStep(run, calls, lines, warmUpExchanges),
    p99StatusMs: round(summarise(run.statusMs).p99, 1),
    p99FeedbackMs: round(summarise(run.feedbackMs).p99, 1),
    simulatedSeconds: round((clock.now() - startedAt) / 1000, 1),
    realSeconds: round((Date.now() - started) / 1000, 1),
    inFlightP50: inFlight.percentile(50),
    inFlightP99: inFlight.percentile(99),
    failedToggles: run.failedToggles,
  };
  await sim.close();
  return step;
}
