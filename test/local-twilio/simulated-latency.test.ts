/**
 * A whole call with every REST answer held for its latency on the stand-in's clock: the caller
 * is busy while its webhook reaches a Function and the Function's request reaches the
 * stand-in, yet the held answer lets time move on (no deadlock), and what the request does
 * happens when its latency has passed.
 */
import { placeCall } from '../../local/call-driver';
import { EVERY_STATUS_EVENT, logOfCall, useSimulation } from '../support/local-twilio';

const LATENCY_MS = 150;
const local = useSimulation({
  env: EVERY_STATUS_EVENT,
  standIn: { latencyMs: LATENCY_MS, latencySpread: 0 },
});

it('completes a Client Feedback call, each REST answer taking its latency of simulated time', async () => {
  const { twilio } = local.sim;
  const result = await placeCall(twilio, local.sim.gateway.url, {
    speech: ['It was fine'],
  });
  expect(result.status).toBe('completed');

  const [recording] = twilio.recordings(result.callSid);
  expect(recording.status).toBe('completed');
  const calls = (operation: string) =>
    twilio.exchanges.filter(
      (exchange) => exchange.operation === operation && exchange.path.includes(result.callSid),
    );
  const [create] = calls('CreateCallRecording');
  const [stop] = calls('UpdateCallRecording');
  // The start arrived, waited its latency while time moved on, and only then began recording.
  expect(recording.startedAt - create.at).toBe(LATENCY_MS);
  expect((recording.endedAt as number) - stop.at).toBe(LATENCY_MS);

  // The status callbacks' Sync writes were held too, and the log has both events.
  await twilio.settle(result.callSid);
  const [logged] = (await logOfCall(local.sim, result.callSid)).recordings;
  expect(logged.history.map((event) => event.status)).toEqual(['in-progress', 'completed']);
  expect(twilio.requestsInFlight()).toBe(0);
});
