/**
 * One step of the capacity benchmark, small: every call runs the Client Feedback flow through
 * the local Functions (the consent step, the toggle's start and stop, the answer, the status
 * events), and everything each call asked of Twilio is counted. With latency, the account's
 * requests overlap in simulated time, which the in-flight figures show.
 */
import { SimulatedClock } from '../../local/clock';
import { InFlightSamples } from '../../scripts/bench/in-flight';
import { runScaleStep } from '../../scripts/bench/scale';

it('counts every request of a call, the Recordings API’s too, with 0 lost', async () => {
  const step = await runScaleStep('sharded', 10, {
    arrivalSeconds: 2,
    redeliverEvery: 10,
    latencyMs: 50,
  });
  expect(step).toMatchObject({ calls: 20, lost: 0, duplicated: 0, failedToggles: 0 });
  // A start and a stop through /recording-toggle per call.
  expect(step.apiRequestsPerCall).toBe(2);
  // The answer and completed (which keeps the notice); the default events leave in-progress
  // out. A write to a Map not made yet adds two (the refused create and the Map's).
  expect(step.happyPathSyncRequests).toBeGreaterThanOrEqual(2);
  expect(step.happyPathSyncRequests).toBeLessThanOrEqual(6);
  // 20 calls' requests of 50 ms overlap on the clock.
  expect(step.inFlightP99).toBeGreaterThan(0);
  expect(step.inFlightP50).toBeLessThanOrEqual(step.inFlightP99);
}, 60000);

it('samples the requests in flight over simulated time, each millisecond one sample', async () => {
  const clock = new SimulatedClock(0);
  let inFlight = 0;
  const samples = new InFlightSamples(clock, () => inFlight);
  // 3 requests held over [0, 10), then 1 over [10, 100), then none over [100, 200).
  await Promise.all([
    ...[10, 10].map((ms) =>
      clock.run(async () => {
        inFlight += 1;
        await clock.hold(ms);
        inFlight -= 1;
      }),
    ),
    clock.run(async () => {
      inFlight += 1;
      await clock.hold(100);
      inFlight -= 1;
    }),
  ]);
  await clock.advance(100);
  samples.close();
  // 5% of the time at 3, 45% at 1, 50% at 0.
  expect(samples.percentile(50)).toBe(0);
  expect(samples.percentile(51)).toBe(1);
  expect(samples.percentile(96)).toBe(3);
  expect(samples.percentile(99)).toBe(3);
});
