/**
 * The project against the behaviours of Twilio the stand-in now models, end to end: a stopped
 * recording is processed before it is completed, the account's concurrency limit refuses a
 * request (20429) that must be sent again, and Twilio may send a status event with an odd field.
 */
import { placeCall } from '../../local/call-driver';
import {
  EVERY_STATUS_EVENT,
  answeredCall,
  logOfCall,
  useSimulation,
} from '../support/local-twilio';
import { signedPost } from '../support/signed-post';
import { holdAccountSlot } from '../support/stand-in-request';
import { parseTwiml, splitUrl } from '../support/twiml';
import { withOverrides } from '../../local/with-overrides';

const local = useSimulation({ env: EVERY_STATUS_EVENT });
afterEach(() => local.sim.twilio.clearFaults());

/** The log of the recording's call, read as any client would (GET /recordings). */
const logItem = async (recordingSid: string) => {
  const recording = local.sim.twilio
    .recordings()
    .find((candidate) => candidate.sid === recordingSid);
  const callSid = recording?.callSid ?? `CA${recordingSid.slice(2)}`;
  return (await logOfCall(local.sim, callSid)).recordings.find(
    (item) => item.recordingSid === recordingSid,
  );
};
const callbackOf = (callSid: string, status: string) =>
  local.sim.twilio.callbacks.find(
    (delivery) => delivery.params.CallSid === callSid && delivery.params.RecordingStatus === status,
  );

describe('recording processing', () => {
  it('a stop meets `stopped`, takes Success, and `completed` comes once processing is over', async () => {
    const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
      speech: ['Quick and friendly'],
    });
    expect(result.status).toBe('completed');
    const stop = local.sim.twilio.exchanges.find(
      (exchange) =>
        exchange.operation === 'UpdateCallRecording' && exchange.path.includes(result.callSid),
    );
    expect(stop).toMatchObject({ status: 200, response: { status: 'stopped' } });
    expect(local.logs).toContainEqual(
      expect.objectContaining({
        event: 'recording-success',
        callSid: result.callSid,
        action: 'stop',
      }),
    );
    const completed = callbackOf(result.callSid, 'completed');
    expect(completed?.status).toBe(200);
    expect((completed?.at ?? 0) - (stop?.at ?? 0)).toBeGreaterThanOrEqual(
      local.sim.twilio.settings.processingDelayMs,
    );
    const [recording] = local.sim.twilio.recordings(result.callSid);
    expect(recording.status).toBe('completed');
    expect((await logItem(recording.sid))?.history.map((entry) => entry.status)).toEqual([
      'in-progress',
      'completed',
    ]);
  });

  it('logs `completed` that arrives long after the call has ended', async () => {
    await withOverrides(local.sim.twilio.settings, { processingDelayMs: 60000 }, async () => {
      const result = await placeCall(local.sim.twilio, local.sim.gateway.url, {
        speech: ['Fine'],
      });
      expect(result.status).toBe('completed');
      const endedAt = local.sim.twilio.getCall(result.callSid)?.endedAt ?? Infinity;
      const completed = callbackOf(result.callSid, 'completed');
      expect(completed?.at).toBeGreaterThan(endedAt);
      expect(completed?.status).toBe(200);
      const [recording] = local.sim.twilio.recordings(result.callSid);
      expect(await logItem(recording.sid)).toMatchObject({
        status: 'completed',
        feedback: { speechResult: 'Fine' },
      });
    });
  });
});

describe('the account’s concurrency limit', () => {
  it('a start refused with 20429 is sent again, since Twilio did not process it', async () => {
    const call = answeredCall(local.sim.twilio);
    const creates = () =>
      local.sim.twilio.exchanges.filter(
        (exchange) =>
          exchange.operation === 'CreateCallRecording' && exchange.path.includes(call.sid),
      );
    const answer = await withOverrides(
      local.sim.twilio.settings,
      { concurrencyLimit: 1 },
      async () => {
        const release = await holdAccountSlot(local.sim.twilio);
        const toggle = signedPost(
          local.sim.twilio.authToken,
          `${local.sim.gateway.url}/recording-toggle?Record=true`,
          {
            CallSid: call.sid,
            AccountSid: local.sim.twilio.accountSid,
            CallStatus: 'in-progress',
            Direction: 'inbound',
          },
        );
        // The other request leaves once the start has been refused, before the toggle retries.
        const deadline = Date.now() + 5000;
        while (creates().length === 0 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 5));
        await release();
        return toggle;
      },
    );
    expect(
      creates().map((exchange) => [exchange.status, (exchange.response as { code?: number }).code]),
    ).toEqual([
      [429, 20429],
      [201, undefined],
    ]);
    const verbs = parseTwiml(answer.body);
    expect(splitUrl(verbs[0].text)).toMatchObject({
      path: '/recording-success',
      params: { RecAction: 'start', RecStatus: 'in-progress' },
    });
    expect(local.sim.twilio.recordings(call.sid)).toHaveLength(1);
  });
});

describe('status events as Twilio may send them', () => {
  it('stores a signed event whose duration looks wrong, instead of losing it to a 4xx', async () => {
    const recordingSid = 'RE' + 'e1'.repeat(16);
    const answer = await signedPost(
      local.sim.twilio.authToken,
      `${local.sim.gateway.url}/recording-status`,
      {
        AccountSid: local.sim.twilio.accountSid,
        CallSid: 'CA' + 'e1'.repeat(16),
        RecordingSid: recordingSid,
        RecordingStatus: 'completed',
        RecordingDuration: '-1',
        RecordingChannels: '2',
        RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${local.sim.twilio.accountSid}/Recordings/${recordingSid}`,
        ErrorCode: '0',
      },
    );
    expect(answer.status).toBe(200);
    expect(await logItem(recordingSid)).toMatchObject({ status: 'completed', channels: 2 });
    expect((await logItem(recordingSid))?.durationSeconds).toBeUndefined();
    expect(local.logs).toContainEqual(
      expect.objectContaining({
        event: 'recording-status',
        recordingSid,
        oddities: [expect.objectContaining({ field: 'RecordingDuration' })],
      }),
    );
  });
});
