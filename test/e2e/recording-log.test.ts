/**
 * The recording log under the deliveries Twilio can make: duplicated, reordered, concurrent,
 * and during a Sync outage, through the gateway and the local Functions into the Sync stand-in.
 */
import { placeCall } from '../../local/call-driver';
import type { RecordingLogItem } from '../../src/recording-log/recording-log-item';
import { useSimulation } from '../support/local-twilio';
import { signedPost } from '../support/signed-post';

const local = useSimulation();
const captured = { lines: local.logs };
afterEach(() => local.sim.twilio.clearFaults());

const hex = (n: number, width = 32) => n.toString(16).padStart(width, '0');
const items = () =>
  new Map(
    local.sim.twilio.sync
      .snapshot('call-recordings')
      .map((item) => [item.key, item.data as RecordingLogItem]),
  );

function statusEvent(recording: number, status: 'in-progress' | 'completed') {
  return {
    AccountSid: local.sim.twilio.accountSid,
    CallSid: `CA${hex(900 + recording)}`,
    RecordingSid: `RE${hex(900 + recording)}`,
    RecordingStatus: status,
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${local.sim.twilio.accountSid}/Recordings/RE${hex(900 + recording)}`,
    RecordingDuration: status === 'completed' ? String(10 + recording) : '-1',
    RecordingChannels: '2',
    RecordingSource: 'StartCallRecordingAPI',
    RecordingTrack: 'both',
    RecordingStartTime: 'Tue, 24 Nov 2026 15:21:30 +0000',
    ErrorCode: '0',
  };
}

describe('the recording log', () => {
  it('stores 50 duplicated, reordered and concurrent events for 10 recordings exactly once each', async () => {
    const events: Array<ReturnType<typeof statusEvent>> = [];
    for (let recording = 0; recording < 10; recording += 1) {
      // Half the recordings report completed before in-progress.
      const pair = [statusEvent(recording, 'in-progress'), statusEvent(recording, 'completed')];
      events.push(...(recording % 2 === 0 ? pair : pair.reverse()));
    }
    // 30 duplicates of those 20 events, spread through the batch.
    for (let i = 0; i < 30; i += 1) events.splice((i * 7) % events.length, 0, events[(i * 3) % 20]);
    expect(events).toHaveLength(50);

    const url = `${local.sim.gateway.url}/recording-status`;
    const answers = await Promise.all(
      events.map((event) => signedPost(local.sim.twilio.authToken, url, event)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(events.map(() => 200));
    expect(answers.filter((answer) => JSON.parse(answer.body).duplicate === false)).toHaveLength(
      20,
    );

    const stored = items();
    for (let recording = 0; recording < 10; recording += 1) {
      const item = stored.get(`RE${hex(900 + recording)}`);
      expect(item).toMatchObject({
        status: 'completed',
        durationSeconds: 10 + recording,
        channels: 2,
      });
      expect(item?.history.map((entry) => entry.status).sort()).toEqual([
        'completed',
        'in-progress',
      ]);
    }
  });

  it('answers 503 during a Sync outage, and Twilio’s retries store every event once it ends', async () => {
    local.sim.env.RECORDING_STATUS_CALLBACK = `${local.sim.gateway.url}/recording-status#rc=3&rp=5xx`;
    try {
      local.sim.twilio.injectFault({
        operation: 'FetchSyncMapItem',
        times: 2,
        effect: { kind: 'error', status: 503, code: 20503, message: 'Sync is down' },
      });
      const result = await placeCall(local.sim.twilio, local.sim.gateway.url, { speech: [] });
      const deliveries = local.sim.twilio.callbacks.filter(
        (delivery) => delivery.params.CallSid === result.callSid,
      );
      const inProgress = deliveries.filter(
        (delivery) => delivery.params.RecordingStatus === 'in-progress',
      );
      expect(inProgress.map((delivery) => delivery.status)).toEqual([503, 503, 200]);
      const [recording] = local.sim.twilio.recordings(result.callSid);
      expect(
        items()
          .get(recording.sid)
          ?.history.map((entry) => entry.status),
      ).toEqual(['in-progress', 'completed']);
      expect(captured.lines).toContainEqual(
        expect.objectContaining({
          event: 'recording-status.not-stored',
          recordingSid: recording.sid,
        }),
      );
    } finally {
      delete local.sim.env.RECORDING_STATUS_CALLBACK;
    }
  });

  it('answers /recordings with the log of one call', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, { speech: ['Lovely'] });
    const url = `${local.sim.gateway.url}/recordings`;
    const answer = await signedPost(local.sim.twilio.authToken, url, { CallSid: result.callSid });
    expect(answer.status).toBe(200);
    const body = JSON.parse(answer.body);
    expect(body.callSid).toBe(result.callSid);
    expect(body.recordings).toEqual([
      expect.objectContaining({
        status: 'completed',
        feedback: expect.objectContaining({ speechResult: 'Lovely' }),
      }),
    ]);
  });

  it('keeps items only as long as the configured TTL', async () => {
    local.sim.env.RECORDING_LOG_TTL_SECONDS = '3600';
    try {
      const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
        speech: ['Short lived'],
      });
      const [recording] = local.sim.twilio.recordings(result.callSid);
      expect(items().has(recording.sid)).toBe(true);
      await local.sim.twilio.clock.advance(3601 * 1000);
      expect(items().has(recording.sid)).toBe(false);
    } finally {
      delete local.sim.env.RECORDING_LOG_TTL_SECONDS;
    }
  });
});
