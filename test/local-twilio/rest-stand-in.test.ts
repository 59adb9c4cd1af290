import { validateRequest } from 'twilio';
import { durationSeconds } from '../../local/stand-in/media';
import type { LocalTwilio } from '../../local/stand-in/server';
import { startCallbackReceiver } from '../support/callback-receiver';
import { captureConsoleJson } from '../support/console-capture';
import { standInClient, startTestStandIn, answeredCall } from '../support/local-twilio';
import { accountPath, standInRequest } from '../support/stand-in-request';

let twilio: LocalTwilio;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;

const client = () => standInClient(twilio);

const rawPost = (path: string, form: Record<string, string>, auth = true) =>
  standInRequest(twilio, 'POST', accountPath(twilio, path), form, { auth });

beforeAll(async () => {
  twilio = await startTestStandIn({ callbackRetryDelayMs: 5 });
  receiver = await startCallbackReceiver();
});
afterAll(async () => {
  await twilio.close();
  await receiver.close();
});

describe('Calls Recordings through the real twilio library', () => {
  it('creates, lists, fetches, pauses, resumes, stops and processes a recording', async () => {
    const call = answeredCall(twilio);
    const recordings = client().calls(call.sid).recordings;
    const created = await recordings.create({
      recordingChannels: 'dual',
      recordingTrack: 'inbound',
    });
    // One track makes a one-channel file, whatever RecordingChannels asked for; `channels` is
    // the file's ("The number of channels in the final recording file").
    expect(created).toMatchObject({
      callSid: call.sid,
      status: 'in-progress',
      channels: 1,
      track: 'inbound',
      source: 'StartCallRecordingAPI',
      apiVersion: '2010-04-01',
    });
    expect(created.sid).toMatch(/^RE[0-9a-f]{32}$/);
    expect(created.startTime).toBeInstanceOf(Date);

    expect((await recordings.list()).map((recording) => recording.sid)).toEqual([created.sid]);
    expect((await recordings(created.sid).fetch()).status).toBe('in-progress');
    expect(
      (await recordings('Twilio.CURRENT').update({ status: 'paused', pauseBehavior: 'skip' }))
        .status,
    ).toBe('paused');
    expect((await recordings(created.sid).update({ status: 'in-progress' })).status).toBe(
      'in-progress',
    );
    await twilio.clock.advance(5000);
    const stopped = await recordings(created.sid).update({ status: 'stopped' });
    expect(stopped).toMatchObject({ status: 'stopped', duration: null, priceUnit: null });
    await twilio.clock.advance(100);
    expect((await recordings(created.sid).fetch()).status).toBe('processing');
    await twilio.settle(call.sid);
    expect(await recordings(created.sid).fetch()).toMatchObject({
      status: 'completed',
      duration: '5',
      priceUnit: 'USD',
    });
  });

  it('shows a running recording as Twilio’s examples do: no duration, no price unit yet', async () => {
    const call = answeredCall(twilio);
    const created = await client().calls(call.sid).recordings.create({});
    expect(created).toMatchObject({
      duration: null,
      price: null,
      priceUnit: null,
      errorCode: null,
    });
  });

  it('counts paused time with silence, not with skip', async () => {
    const call = answeredCall(twilio);
    const recordings = client().calls(call.sid).recordings;
    const a = await recordings.create({});
    await recordings(a.sid).update({ status: 'paused', pauseBehavior: 'skip' });
    await twilio.clock.advance(4000);
    await recordings(a.sid).update({ status: 'in-progress' });
    await twilio.clock.advance(2000);
    await recordings(a.sid).update({ status: 'stopped' });

    const b = await recordings.create({});
    await recordings(b.sid).update({ status: 'paused', pauseBehavior: 'silence' });
    await twilio.clock.advance(4000);
    await recordings(b.sid).update({ status: 'in-progress' });
    await twilio.clock.advance(2000);
    await recordings(b.sid).update({ status: 'stopped' });
    await twilio.settle(call.sid);
    expect((await recordings(a.sid).fetch()).duration).toBe('2');
    expect((await recordings(b.sid).fetch()).duration).toBe('6');
  });

  it('answers with Twilio’s error codes', async () => {
    const ringing = twilio.createCall({ from: '+1', to: '+2', direction: 'inbound' });
    await expect(client().calls(ringing.sid).recordings.create({})).rejects.toMatchObject({
      status: 400,
      code: 21220,
    });
    await expect(
      client()
        .calls('CA' + '0'.repeat(32))
        .recordings.create({}),
    ).rejects.toMatchObject({ status: 404, code: 20404 });

    const call = answeredCall(twilio);
    const recordings = client().calls(call.sid).recordings;
    await expect(recordings('Twilio.CURRENT').update({ status: 'stopped' })).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
    await recordings.create({});
    await recordings.create({}); // a second start succeeds and makes a second recording
    await expect(recordings('Twilio.CURRENT').update({ status: 'stopped' })).rejects.toMatchObject({
      status: 400,
      code: 16108,
    });
    await expect(recordings('RE' + '0'.repeat(32)).fetch()).rejects.toMatchObject({ code: 20404 });
  });

  it('rejects wrong credentials, misspelled parameters and values outside the documented sets', async () => {
    const call = answeredCall(twilio);
    expect(await rawPost(`/Calls/${call.sid}/Recordings.json`, {}, false)).toMatchObject({
      status: 401,
      body: { code: 20003 },
    });
    const misspelled = await rawPost(`/Calls/${call.sid}/Recordings.json`, {
      RecordingChanels: 'dual',
    });
    expect(misspelled).toMatchObject({
      status: 400,
      body: { code: 20001, more_info: 'https://www.twilio.com/docs/errors/20001' },
    });
    expect(misspelled.body.message).toContain('RecordingChanels');
    expect(
      await rawPost(`/Calls/${call.sid}/Recordings.json`, { RecordingChannels: 'stereo' }),
    ).toMatchObject({ status: 400 });
    expect(
      await rawPost(`/Calls/${call.sid}/Recordings.json`, { Trim: 'sometimes' }),
    ).toMatchObject({ status: 400 });
    expect(
      await rawPost(`/Calls/${call.sid}/Recordings.json`, {
        RecordingStatusCallbackEvent: 'paused',
      }),
    ).toMatchObject({ status: 400, body: { code: 13621 } });
    expect(twilio.recordings(call.sid)).toEqual([]);
  });

  it('ignores an unknown parameter as Twilio does, with a warning, unless strict', async () => {
    const call = answeredCall(twilio);
    const captured = captureConsoleJson();
    twilio.settings.strict = false;
    let lenient;
    try {
      lenient = await rawPost(`/Calls/${call.sid}/Recordings.json`, {
        RecordingChanels: 'dual',
        PlayBeep: 'true',
      });
    } finally {
      twilio.settings.strict = true;
      captured.restore();
    }
    expect(lenient.status).toBe(201);
    expect(twilio.recordings(call.sid)).toHaveLength(1);
    expect(twilio.exchanges.at(-1)?.warnings).toEqual([
      expect.stringMatching(/^20001 Unknown parameters RecordingChanels, PlayBeep .*ignored/),
    ]);
    expect(captured.lines).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        event: 'stand-in.unknown-parameters',
        parameters: ['RecordingChanels', 'PlayBeep'],
      }),
    );
  });

  it('processes active recordings at hang-up: absent when shorter than a second', async () => {
    const call = answeredCall(twilio);
    await client().calls(call.sid).recordings.create({});
    await twilio.clock.advance(400);
    twilio.endCall(call.sid);
    expect(twilio.getCall(call.sid)?.status).toBe('completed');
    expect(twilio.recordings(call.sid).map((recording) => recording.status)).toEqual(['stopped']);
    await twilio.settle(call.sid);
    expect(twilio.recordings(call.sid).map((recording) => recording.status)).toEqual(['absent']);
    expect((await client().calls(call.sid).recordings.list())[0]).toMatchObject({
      errorCode: 16101,
      duration: '0',
    });
  });

  it('measures the file: trim-silence keeps only what was heard, and nothing heard is absent', async () => {
    const call = answeredCall(twilio);
    const recordings = client().calls(call.sid).recordings;
    const heard = await recordings.create({ trim: 'trim-silence' });
    // The flow says nothing: its track alone is silence from end to end.
    const silent = await recordings.create({ trim: 'trim-silence', recordingTrack: 'outbound' });
    const untrimmed = await recordings.create({});
    await twilio.clock.advance(1000);
    twilio.media.heard(call.sid, {
      track: 'inbound',
      kind: 'speech',
      text: 'it was fine',
      startMs: twilio.clock.now(),
      durationMs: 2400,
    });
    await twilio.clock.advance(4000);
    twilio.endCall(call.sid);
    await twilio.settle(call.sid);
    expect(await recordings(heard.sid).fetch()).toMatchObject({
      status: 'completed',
      duration: '2',
    });
    expect(await recordings(silent.sid).fetch()).toMatchObject({
      status: 'absent',
      errorCode: 16101,
    });
    expect(await recordings(untrimmed.sid).fetch()).toMatchObject({ duration: '5' });
  });
});

describe('duration', () => {
  it.each([
    [1499, '1'],
    [1500, '2'],
    [2499, '2'],
  ])(
    'of a %i ms file is %s s in the resource and the callback, as the media helper reports it',
    async (ms, seconds) => {
      const call = answeredCall(twilio);
      const recordings = client().calls(call.sid).recordings;
      const created = await recordings.create({
        recordingStatusCallback: `${receiver.url}/duration`,
      });
      await twilio.clock.advance(ms);
      await recordings(created.sid).update({ status: 'stopped' });
      await twilio.settle(call.sid);
      const recorded = twilio.recordings(call.sid)[0];
      expect(recorded.recordedMs).toBe(ms);
      expect(String(durationSeconds(recorded.recordedMs))).toBe(seconds);
      expect(await recordings(created.sid).fetch()).toMatchObject({ duration: seconds });
      const delivered = receiver.received.find(
        (entry) => entry.params.RecordingSid === created.sid,
      );
      expect(delivered?.params.RecordingDuration).toBe(seconds);
    },
  );
});

describe('status callbacks', () => {
  it('fires only the subscribed events, signed, with the documented parameters', async () => {
    const call = answeredCall(twilio);
    const callbackUrl = `${receiver.url}/status?x=1`;
    const recordings = client().calls(call.sid).recordings;
    const created = await recordings.create({
      recordingStatusCallback: callbackUrl,
      recordingStatusCallbackEvent: ['in-progress', 'completed'],
    });
    await twilio.clock.advance(3000);
    await recordings(created.sid).update({ status: 'stopped' });
    await twilio.settle();
    const mine = receiver.received.filter((entry) => entry.params.RecordingSid === created.sid);
    expect(mine.map((entry) => entry.params.RecordingStatus)).toEqual(['in-progress', 'completed']);
    for (const entry of mine) {
      expect(Object.keys(entry.params).sort()).toEqual(
        [
          'AccountSid',
          'CallSid',
          'ErrorCode',
          'RecordingChannels',
          'RecordingDuration',
          'RecordingSid',
          'RecordingSource',
          'RecordingStartTime',
          'RecordingStatus',
          'RecordingTrack',
          'RecordingUrl',
        ].sort(),
      );
      expect(
        validateRequest(
          twilio.authToken,
          entry.headers['x-twilio-signature'] as string,
          callbackUrl,
          entry.params,
        ),
      ).toBe(true);
      expect(
        validateRequest(
          'another-token',
          entry.headers['x-twilio-signature'] as string,
          callbackUrl,
          entry.params,
        ),
      ).toBe(false);
    }
    expect(mine[1].params).toMatchObject({ RecordingDuration: '3', ErrorCode: '0' });
  });

  it('sends none when told to leave the callbacks to its caller (sendCallbacks: false)', async () => {
    const quiet = await startTestStandIn({ sendCallbacks: false });
    try {
      const call = answeredCall(quiet);
      const created = await standInClient(quiet)
        .calls(call.sid)
        .recordings.create({
          recordingStatusCallback: `${receiver.url}/quiet`,
          recordingStatusCallbackEvent: ['in-progress', 'completed'],
        });
      await quiet.clock.advance(2000);
      quiet.endCall(call.sid);
      await quiet.settle();
      expect(quiet.recordings(call.sid)[0].status).toBe('completed');
      expect(quiet.callbacks).toEqual([]);
      expect(
        receiver.received.filter((entry) => entry.params.RecordingSid === created.sid),
      ).toEqual([]);
    } finally {
      await quiet.close();
    }
  });

  it('uses GET when asked, with a signature over the full URL', async () => {
    const call = answeredCall(twilio);
    const callbackUrl = `${receiver.url}/get-status`;
    const created = await client().calls(call.sid).recordings.create({
      recordingStatusCallback: callbackUrl,
      recordingStatusCallbackMethod: 'GET',
    });
    await twilio.clock.advance(2000);
    twilio.endCall(call.sid);
    await twilio.settle();
    const [entry] = receiver.received.filter(
      (candidate) => candidate.params.RecordingSid === created.sid,
    );
    expect(entry.method).toBe('GET');
    expect(entry.params.RecordingStatus).toBe('completed');
    expect(
      validateRequest(
        twilio.authToken,
        entry.headers['x-twilio-signature'] as string,
        `${receiver.url}${entry.url}`,
        {},
      ),
    ).toBe(true);
  });

  it('retries as the URL fragment asks, and never calls a non-loopback address', async () => {
    let failures = 2;
    const flaky = await startCallbackReceiver(() => (failures-- > 0 ? 503 : 200));
    try {
      const call = answeredCall(twilio);
      const created = await client()
        .calls(call.sid)
        .recordings.create({ recordingStatusCallback: `${flaky.url}/s#rc=3&rp=5xx` });
      await twilio.clock.advance(2000);
      twilio.endCall(call.sid);
      await twilio.settle();
      const attempts = twilio.callbacks.filter(
        (delivery) => delivery.params.RecordingSid === created.sid,
      );
      expect(attempts.map((delivery) => delivery.status)).toEqual([503, 503, 200]);

      const other = answeredCall(twilio);
      const remote = await client()
        .calls(other.sid)
        .recordings.create({ recordingStatusCallback: 'https://example.com/status' });
      await twilio.clock.advance(2000);
      twilio.endCall(other.sid);
      await twilio.settle();
      expect(
        twilio.callbacks.filter((delivery) => delivery.params.RecordingSid === remote.sid),
      ).toEqual([
        expect.objectContaining({ status: 0, responseBody: expect.stringContaining('loopback') }),
      ]);
    } finally {
      await flaky.close();
    }
  });
});

describe('fault injection', () => {
  it('answers an injected error once, then normally', async () => {
    const call = answeredCall(twilio);
    twilio.injectFault({
      operation: 'CreateCallRecording',
      effect: { kind: 'error', status: 429, code: 20429, message: 'Too Many Requests' },
    });
    await expect(client().calls(call.sid).recordings.create({})).rejects.toMatchObject({
      status: 429,
      code: 20429,
    });
    await expect(client().calls(call.sid).recordings.create({})).resolves.toMatchObject({
      status: 'in-progress',
    });
    expect(twilio.exchanges.filter((exchange) => exchange.fault).at(-1)).toMatchObject({
      operation: 'CreateCallRecording',
      fault: 'error',
      status: 429,
    });
  });

  it('can apply a request and lose its answer', async () => {
    const call = answeredCall(twilio);
    twilio.injectFault({ operation: 'CreateCallRecording', effect: { kind: 'apply-then-reset' } });
    await expect(client().calls(call.sid).recordings.create({})).rejects.toBeTruthy();
    expect(twilio.recordings(call.sid)).toHaveLength(1);
  });

  it('can reset, delay and hang', async () => {
    const call = answeredCall(twilio);
    twilio.injectFault({ operation: 'FetchCall', effect: { kind: 'reset' } });
    await expect(client().calls(call.sid).fetch()).rejects.toBeTruthy();
    twilio.injectFault({ operation: 'FetchCall', effect: { kind: 'delay', ms: 300 } });
    const started = Date.now();
    await expect(client().calls(call.sid).fetch()).resolves.toMatchObject({
      status: 'in-progress',
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    twilio.injectFault({ operation: 'FetchCall', effect: { kind: 'hang' } });
    const hung = standInClient(twilio, 300);
    await expect(hung.calls(call.sid).fetch()).rejects.toBeTruthy();
  });
});
