/**
 * What the benchmarks and the soak count as stored: the recording log read back from the Sync
 * stand-in. A whole call is logged, then read back (test/bench/single-map.test.ts does the same
 * for the benchmark's baseline layout).
 */
import { placeCall } from '../../local/call-driver';
import { loggedAnswers, loggedStatuses } from '../../scripts/bench/logged-events';
import { EVERY_STATUS_EVENT, useSimulation } from '../support/local-twilio';

const local = useSimulation({ env: { RECORDING_CONSENT: 'opt-in', ...EVERY_STATUS_EVENT } });

it('finds every status, the feedback and the consent a call left in the log', async () => {
  const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
    answers: [{ press: '1' }, { say: 'Counted' }],
  });
  const [recording] = local.sim.twilio.recordings(result.callSid);
  expect(recording.status).toBe('completed');
  // The sharded log keeps no item per recording in a single map.
  const itemInSingleMap = local.sim.twilio.sync
    .snapshot('call-recordings')
    .some((item) => item.key === recording.sid);
  expect(itemInSingleMap).toBe(false);
  expect(loggedStatuses(local.sim.twilio.sync).get(recording.sid)).toEqual([
    'in-progress',
    'completed',
  ]);
  const { answered, consented } = loggedAnswers(local.sim.twilio.sync);
  expect(answered.has(recording.sid)).toBe(true);
  expect(consented.has(result.callSid)).toBe(true);
});
