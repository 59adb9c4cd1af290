/**
 * A simulation that puts the Functions on the stand-in's clock (the capacity benchmark's runs):
 * a Function's budget reads simulated time and its backoffs move it, so a run slower than real
 * time does not spend the budget on the machine's slowness.
 */
import { SimulatedClock } from '../../local/clock';
import { putFunctionsOnClock } from '../../local/functions-clock';
import { budget, send, timeLeft } from '../../src/retry';
import { failure } from '../../src/failure';
import { answeredCall, useSimulation } from '../support/local-twilio';
import { signedPost } from '../support/signed-post';
import { parseTwiml, splitUrl } from '../support/twiml';

const START = Date.UTC(2026, 0, 1);

it('gives budgets made in this process the clock, and real time back after', async () => {
  const clock = new SimulatedClock(START);
  const realTimeAgain = putFunctionsOnClock(clock);
  const within = budget(5000, 1000);
  expect(within.now()).toBe(START);
  const actor = clock.actor();
  const realStart = Date.now();
  await within.sleep(4000);
  actor.done();
  // Four simulated seconds passed while the actor waited, in far less real time.
  expect(clock.now()).toBe(START + 4000);
  expect(Date.now() - realStart).toBeLessThan(1000);
  expect(timeLeft(within)).toBe(1000);
  realTimeAgain();
  expect(Math.abs(budget(5000, 1000).now() - Date.now())).toBeLessThan(50);
});

it('times a request out on the clock: a held answer longer than the timeout, at once in real time', async () => {
  const clock = new SimulatedClock(START);
  const realTimeAgain = putFunctionsOnClock(clock);
  const within = budget(5000, 1000);
  const realStart = Date.now();
  const sent = await clock.run(() =>
    send(
      within,
      () => clock.hold(4000),
      () => failure('timeout', 'timed out', { transient: true }),
    ),
  );
  realTimeAgain();
  expect(sent.ok).toBe(false);
  expect(clock.now()).toBe(START + 1000);
  expect(Date.now() - realStart).toBeLessThan(500);
});

describe('a toggle refused with 20429 on a simulation whose Functions count its clock', () => {
  const local = useSimulation({ functionsOnClock: true });

  it('backs off on simulated time and then succeeds', async () => {
    const { twilio } = local.sim;
    const call = answeredCall(twilio);
    twilio.injectFault({
      operation: 'CreateCallRecording',
      times: 5,
      effect: { kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' },
    });
    const before = twilio.clock.now();
    const answer = await twilio.clock.run(() =>
      signedPost(twilio.authToken, `${local.sim.gateway.url}/recording-toggle?Record=true`, {
        CallSid: call.sid,
        AccountSid: twilio.accountSid,
        CallStatus: 'in-progress',
        Direction: 'inbound',
      }),
    );
    const verbs = parseTwiml(answer.body);
    expect(splitUrl(verbs[0].text).path).toBe('/recording-success');
    expect(twilio.recordings(call.sid)).toHaveLength(1);
    // Five jittered backoffs (ceilings 100, 200, 400, 800 and 1,600 ms) were waited on the
    // clock; left on real time, the clock would not have moved with nothing else to wait for.
    const waited = twilio.clock.now() - before;
    expect(waited).toBeGreaterThan(0);
    expect(waited).toBeLessThanOrEqual(3100);
  });
});
