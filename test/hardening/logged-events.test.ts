/**
 * What the benchmarks and the soak count as stored: the recording log read back from the Sync
 * stand-in, whichever layout wrote it. A whole call is logged, then read back by both layouts.
 */
import { placeCall } from '../../local/call-driver';
import { withOverrides } from '../../local/with-overrides';
import { loggedAnswers, loggedStatuses } from '../../scripts/bench/logged-events';
import { useSimulation } from '../support/local-twilio';

const local = useSimulation({ env: { RECORDING_CONSENT: 'opt-in' } });

it.each(['sharded', 'single-map'])(
  'finds every status, the feedback and the consent a call left in the %s layout',
  async (layout) => {
    const result = await withOverrides(local.sim.env, { RECORDING_LOG_LAYOUT: layout }, () =>
      placeCall(local.sim.twilio, local.sim.gateway.url, {
        answers: [{ press: '1' }, { say: 'Counted' }],
      }),
    );
    const [recording] = local.sim.twilio.recordings(result.callSid);
    expect(recording.status).toBe('completed');
    // Each layout wrote where it writes: one item per recording in the single map, or not.
    const itemInSingleMap = local.sim.twilio.sync
      .snapshot('call-recordings')
      .some((item) => item.key === recording.sid);
    expect(itemInSingleMap).toBe(layout === 'single-map');
    expect(loggedStatuses(local.sim.twilio.sync).get(recording.sid)).toEqual([
      'in-progress',
      'completed',
    ]);
    const { answered, consented } = loggedAnswers(local.sim.twilio.sync);
    expect(answered.has(recording.sid)).toBe(true);
    expect(consented.has(result.callSid)).toBe(true);
  },
);
