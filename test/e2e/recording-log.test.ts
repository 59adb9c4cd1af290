/**
 * The recording log under the deliveries Twilio can make: duplicated, reordered, concurrent,
 * during a Sync outage, under Sync's rate limit and with a slow Sync, through the gateway and
 * the local Functions into the Sync stand-in (limits on). Lookups go through /recordings.
 */
import { RECORDING_LOG_CALLER_BUDGET_MS } from '../../src/config/settings-table';
import { placeCall } from '../../local/call-driver';
import { shardMapName } from '../../src/recording-log/sharded-log';
import { EVERY_STATUS_EVENT, logOfCall, useSimulation } from '../support/local-twilio';
import { signedPost } from '../support/signed-post';
import { withOverrides } from '../../local/with-overrides';

const local = useSimulation({ env: EVERY_STATUS_EVENT });
const captured = { lines: local.logs };
afterEach(() => local.sim.twilio.clearFaults());

const hex = (n: number, width = 32) => n.toString(16).padStart(width, '0');
const syncExchanges = (operation: string) =>
  local.sim.twilio.exchanges.filter((exchange) => exchange.operation === operation);

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

/** Runs `work` with some settings changed, and puts them back. */
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

    const creates = syncExchanges('CreateSyncMapItem').length;
    const mapsBefore = syncExchanges('CreateSyncMap').length;
    const url = `${local.sim.gateway.url}/recording-status`;
    const answers = await Promise.all(
      events.map((event) => signedPost(local.sim.twilio.authToken, url, event)),
    );
    expect(answers.map((answer) => answer.status)).toEqual(events.map(() => 200));
    expect(answers.filter((answer) => JSON.parse(answer.body).duplicate === false)).toHaveLength(
      20,
    );
    // One write per delivery and not one read: the entry's key refuses a second copy. (A shard
    // written for the first time costs two more requests: the map is created, the write sent
    // again.)
    const mapsCreated = syncExchanges('CreateSyncMap').length - mapsBefore;
    expect(syncExchanges('CreateSyncMapItem').length - creates).toBe(50 + mapsCreated);
    expect(syncExchanges('FetchSyncMapItem')).toHaveLength(0);

    for (let recording = 0; recording < 10; recording += 1) {
      const log = await logOfCall(local.sim, `CA${hex(900 + recording)}`);
      expect(log.recordings).toEqual([
        expect.objectContaining({
          recordingSid: `RE${hex(900 + recording)}`,
          status: 'completed',
          durationSeconds: 10 + recording,
          channels: 2,
        }),
      ]);
      expect(log.recordings[0].history.map((entry) => entry.status).sort()).toEqual([
        'completed',
        'in-progress',
      ]);
    }
  });

  it('answers 503 during a Sync outage, and Twilio’s retries (the default callback asks for them) store every event', async () => {
    // Sync fails long enough for two deliveries (each retries inside its short budget).
    const outage = local.sim.twilio.injectFault({
      operation: 'CreateSyncMapItem',
      times: Infinity,
      effect: { kind: 'error', status: 503, code: 20503, message: 'Sync is down' },
    });
    let failedDeliveries = 0;
    const watch = setInterval(() => {
      failedDeliveries = local.sim.twilio.callbacks.filter(
        (delivery) => delivery.status === 503,
      ).length;
      if (failedDeliveries >= 2) outage();
    }, 5);
    const result = await withOverrides(local.sim.env, { RECORDING_LOG_BUDGET_MS: '600' }, () =>
      placeCall(local.sim.twilio, local.sim.gateway.url, { speech: [] }),
    ).finally(() => clearInterval(watch));
    const deliveries = local.sim.twilio.callbacks.filter(
      (delivery) => delivery.params.CallSid === result.callSid,
    );
    const inProgress = deliveries.filter(
      (delivery) => delivery.params.RecordingStatus === 'in-progress',
    );
    expect(inProgress.map((delivery) => delivery.status)).toEqual([503, 503, 200]);
    // Twilio never sends the fragment, so the signed URL has none, and the gateway accepts it.
    expect(inProgress[0].url).not.toContain('#');
    const [recording] = local.sim.twilio.recordings(result.callSid);
    const log = await logOfCall(local.sim, result.callSid);
    expect(log.recordings[0].history.map((entry) => entry.status)).toEqual([
      'in-progress',
      'completed',
    ]);
    expect(captured.lines).toContainEqual(
      expect.objectContaining({
        event: 'recording-status.not-stored',
        recordingSid: recording.sid,
      }),
    );
  });

  it('rides out Sync’s rate limit (429 / 54009) with backoff inside the Function', async () => {
    local.sim.twilio.injectFault({
      operation: 'CreateSyncMapItem',
      times: 2,
      effect: { kind: 'error', status: 429, code: 54009, message: 'Rate limit exceeded' },
    });
    const answer = await signedPost(
      local.sim.twilio.authToken,
      `${local.sim.gateway.url}/recording-status`,
      statusEvent(40, 'completed'),
    );
    expect(answer.status).toBe(200);
    expect((await logOfCall(local.sim, `CA${hex(940)}`)).recordings[0].status).toBe('completed');
  });

  it('answers /recordings with the log of one call', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, { speech: ['Lovely'] });
    const log = await logOfCall(local.sim, result.callSid);
    expect(log.callSid).toBe(result.callSid);
    expect(log.recordings).toEqual([
      expect.objectContaining({
        status: 'completed',
        feedback: expect.objectContaining({ speechResult: 'Lovely' }),
      }),
    ]);
  });

  it('keeps entries only as long as the configured TTL', async () => {
    await withOverrides(local.sim.env, { RECORDING_LOG_TTL_SECONDS: '3600' }, async () => {
      const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
        speech: ['Short lived'],
      });
      expect((await logOfCall(local.sim, result.callSid)).recordings).toHaveLength(1);
      await local.sim.twilio.clock.advance(3601 * 1000);
      expect((await logOfCall(local.sim, result.callSid)).recordings).toHaveLength(0);
    });
  });

  it('answers within its budget, never past 9 s, when Sync is slow', async () => {
    local.sim.twilio.injectFault({
      product: 'sync',
      times: Infinity,
      effect: { kind: 'delay', ms: 9500 },
    });
    // A status callback and a caller's answer at once, each against its own budget.
    const timed = async (send: () => Promise<{ status: number; body: string }>) => {
      const started = Date.now();
      const answer = await send();
      return { ...answer, ms: Date.now() - started };
    };
    const [status, feedback] = await Promise.all([
      timed(() =>
        signedPost(
          local.sim.twilio.authToken,
          `${local.sim.gateway.url}/recording-status`,
          statusEvent(41, 'completed'),
        ),
      ),
      timed(() =>
        signedPost(
          local.sim.twilio.authToken,
          `${local.sim.gateway.url}/feedback-received?RecordingSid=RE${hex(941)}&Attempt=1`,
          {
            CallSid: `CA${hex(941)}`,
            AccountSid: local.sim.twilio.accountSid,
            CallStatus: 'in-progress',
            SpeechResult: 'Still here',
          },
        ),
      ),
    ]);
    expect(status.status).toBe(503);
    expect(status.ms).toBeLessThan(9000);
    // The caller's path keeps to its own budget, and the call goes on without the write.
    expect(feedback.status).toBe(200);
    expect(feedback.body).toContain('<Redirect');
    expect(feedback.ms).toBeLessThan(Number(RECORDING_LOG_CALLER_BUDGET_MS.default) + 1500);
    expect(captured.lines).toContainEqual(
      expect.objectContaining({ event: 'feedback.not-stored', callSid: `CA${hex(941)}` }),
    );
  }, 30000);
});

describe('finding one call in a large log', () => {
  it('takes one Sync read per lookup in a log of 5,000 recordings', async () => {
    const { accountSid } = local.sim.twilio;
    // 5,000 recordings of 2,500 calls, each with its in-progress and completed entries, put in
    // the Sync stand-in directly: where each call's entries go is the layout's own rule.
    const calls = Array.from({ length: 2500 }, (_, i) => `CA${hex(0x50000 + i)}`);
    const url = `${local.sim.gateway.url}/recording-status`;
    // Two calls through the real route first: this is how the layout stores them.
    for (const callSid of calls.slice(0, 2)) {
      for (const status of ['in-progress', 'completed'] as const) {
        await signedPost(local.sim.twilio.authToken, url, {
          ...statusEvent(0, status),
          AccountSid: accountSid,
          CallSid: callSid,
          RecordingSid: `RE${callSid.slice(2)}`,
        });
      }
    }
    const stored = local.sim.twilio.sync.snapshotOfMaps('call-recordings-');
    const template = stored.filter((item) => item.key.startsWith(`${calls[0]}/`));
    expect(template).toHaveLength(2);
    const mapOf = (callSid: string) =>
      stored.find((item) => item.key.startsWith(`${callSid}/`))?.map as string;
    // The rest, seeded like the first, in the map the layout's rule gives each call.
    expect(mapOf(calls[0])).toBe(shardMapName('call-recordings', 128, calls[0]));
    for (const callSid of calls.slice(1)) {
      const recordingSid = `RE${callSid.slice(2)}`;
      for (const item of template) {
        const data = { ...(item.data as object), callSid, recordingSid };
        const key = item.key
          .replace(calls[0], callSid)
          .replace(`RE${calls[0].slice(2)}`, recordingSid);
        local.sim.twilio.sync.seedItem(shardMapName('call-recordings', 128, callSid), key, data);
      }
    }
    expect(local.sim.twilio.sync.snapshotOfMaps('call-recordings-').length).toBeGreaterThanOrEqual(
      5000,
    );

    const lists = () => syncExchanges('ListSyncMapItem').length;
    for (const callSid of [calls[0], calls[1234], calls[2499]]) {
      const before = lists();
      const log = await logOfCall(local.sim, callSid);
      expect(lists() - before).toBe(1);
      expect(log.recordings).toEqual([
        expect.objectContaining({ recordingSid: `RE${callSid.slice(2)}`, status: 'completed' }),
      ]);
    }
    // A call that is not there: still one read, and an empty log.
    const before = lists();
    expect((await logOfCall(local.sim, `CA${hex(0xfffff)}`)).recordings).toEqual([]);
    expect(lists() - before).toBe(1);
  });

  it('still finds entries written under a former shard count', async () => {
    const url = `${local.sim.gateway.url}/recording-status`;
    const event = { ...statusEvent(60, 'completed') };
    await withOverrides(local.sim.env, { RECORDING_LOG_SHARDS: '16' }, async () => {
      expect((await signedPost(local.sim.twilio.authToken, url, event)).status).toBe(200);
    });
    await withOverrides(local.sim.env, { RECORDING_LOG_SHARDS: '32' }, async () => {
      // Without the former count, the new layout does not look there.
      expect((await logOfCall(local.sim, event.CallSid)).recordings).toEqual([]);
    });
    await withOverrides(
      local.sim.env,
      { RECORDING_LOG_SHARDS: '32', RECORDING_LOG_FORMER_SHARDS: '16' },
      async () => {
        expect((await logOfCall(local.sim, event.CallSid)).recordings).toEqual([
          expect.objectContaining({ status: 'completed' }),
        ]);
      },
    );
  });
});
