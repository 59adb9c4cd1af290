import { Agent } from 'node:http';
import { SimulatedClock } from '../../local/clock';
import { captureConsole } from '../../local/console-capture';
import { startSimulation, type Simulation } from '../../local/simulation';
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
  const sim = await startSimulation({
    // The benchmark sends the recordings' status callbacks itself, to time them and to deliver
    // some twice, as Twilio may.
    standIn: { latencyMs: options.latencyMs, sendCallbacks: false },
    // The baseline runs the same Functions built with the single-map log in place of the shards.
    functionsFolder: layout === 'single-map' ? await buildSingleMapFunctions() : undefined,
    // Their budgets, backoffs and request timeouts count simulated time, the time the latency
    // and the limits are counted in: 2 cores run these rates slower than real time.
    functionsOnClock: true,
    env: options.env,
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
