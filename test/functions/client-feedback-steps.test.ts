import { shardMapName } from '../../src/recording-log/sharded-log';
import {
  freshSyncAnswer,
  isSyncRequest,
  recordingJson,
  twilioError,
} from '../support/scripted-api';
import { useScriptedFunctions } from '../support/scripted-functions';
import {
  TEST_ACCOUNT_SID,
  TEST_CALL_SID,
  TEST_RECORDING_SID,
  statusCallback,
  voiceWebhook,
} from '../support/fixtures';
import { verbNames } from '../support/twiml';
import { postForm, postTwiml } from '../support/webhook-client';

const functions = useScriptedFunctions();
const { api, logs } = functions;

const RECORDINGS_PATH = `/api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls/${TEST_CALL_SID}/Recordings`;

const callParams = (status: string) =>
  voiceWebhook({ CallStatus: status, From: '+15005550006', To: '+15005550001' });

beforeEach(() => {
  api.reset();
  api.answerSync(freshSyncAnswer);
  logs.length = 0;
});

/**
 * Each step of the flow as Twilio's own local runtime serves the built files, one request at a
 * time against a scripted API, so that every REST and Sync request can be checked exactly. Whole
 * calls through the call driver are in test/e2e.
 */
describe('the Client Feedback steps through the local Functions server', () => {
  it('starts the recording with exactly one create request and moves on to Success', async () => {
    api.answerNext({ status: 201, json: recordingJson() });
    const verbs = await postTwiml(
      `${functions.url}/recording-toggle?Record=true`,
      callParams('in-progress'),
    );
    expect(verbNames(verbs)).toEqual(['Redirect']);
    expect(verbs[0].text).toMatch(/^\/recording-success\?RecAction=start&/);
    expect(api.received.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST ${RECORDINGS_PATH}.json`,
    ]);
    expect(api.received[0].form).toEqual({
      RecordingStatusCallback: `${functions.url}/recording-status?Consent=notice#rc=5&rp=all`,
      RecordingStatusCallbackMethod: 'POST',
      RecordingStatusCallbackEvent: ['completed', 'absent'],
      RecordingChannels: 'dual',
      Trim: 'do-not-trim',
      RecordingTrack: 'both',
    });
  });

  it('stores the answer with its recording, then stops that recording', async () => {
    const verbs = await postTwiml(
      `${functions.url}/feedback-received?RecordingSid=${TEST_RECORDING_SID}&Attempt=1`,
      {
        ...callParams('in-progress'),
        SpeechResult: 'The agent was very helpful',
        Confidence: '0.87',
      },
    );
    expect(verbNames(verbs)).toEqual(['Redirect']);
    expect(verbs[0].text).toBe(`/recording-toggle?Record=false&RecordingSid=${TEST_RECORDING_SID}`);
    const writes = api.received.filter(isSyncRequest);
    expect(writes.map((request) => request.method)).toEqual(['POST']);
    expect(writes[0].form.Key).toBe(`${TEST_CALL_SID}/feedback/${TEST_RECORDING_SID}`);
    expect(JSON.parse(writes[0].form.Data as string)).toEqual({
      kind: 'feedback',
      callSid: TEST_CALL_SID,
      recordingSid: TEST_RECORDING_SID,
      speechResult: 'The agent was very helpful',
      confidence: 0.87,
      receivedAt: expect.any(String),
    });
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'feedback.received',
        speechResult: 'The agent was very helpful',
      }),
    );
  });

  it('keeps asking without recording when the start fails', async () => {
    api.answerNext(twilioError(400, 21220, 'Call is not in-progress'));
    const toggle = await postTwiml(
      `${functions.url}/recording-toggle?Record=true`,
      callParams('in-progress'),
    );
    const failed = await postTwiml(`${functions.url}${toggle[0].text}`, callParams('in-progress'));
    expect(verbNames(failed)).toEqual(['Say', 'Gather', 'Redirect']);
    expect(logs).toContainEqual(
      expect.objectContaining({ event: 'recording-failed', code: '21220' }),
    );
  });

  it('refuses an outbound call without touching the API', async () => {
    const verbs = await postTwiml(`${functions.url}/incoming-call`, {
      ...callParams('in-progress'),
      Direction: 'outbound-api',
    });
    expect(verbNames(verbs)).toEqual(['Say', 'Hangup']);
    expect(api.received).toHaveLength(0);
  });
});

describe('/recording-status through the local Functions server', () => {
  const event = statusCallback({
    RecordingDuration: '7',
    RecordingSource: 'StartCallRecordingAPI',
  });

  it.each(['POST', 'GET'] as const)(
    'accepts a valid event by %s and logs one structured line',
    async (method) => {
      const answer = await postForm(`${functions.url}/recording-status`, event, { method });
      expect(answer.status).toBe(200);
      expect(JSON.parse(answer.body)).toMatchObject({
        recordingSid: TEST_RECORDING_SID,
        status: 'completed',
      });
      expect(logs.filter((line) => line.event === 'recording-status')).toEqual([
        expect.objectContaining({
          recordingSid: TEST_RECORDING_SID,
          status: 'completed',
          durationSeconds: 7,
          channels: 2,
        }),
      ]);
    },
  );

  it('stores the event in the recording log before answering 2xx', async () => {
    await postForm(`${functions.url}/recording-status`, event);
    // One write, no read: the event becomes an entry of the call's shard.
    const sync = api.received.filter(isSyncRequest);
    const shard = shardMapName('call-recordings', 128, TEST_CALL_SID);
    expect(sync.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST /sync/v1/Services/default/Maps/${shard}/Items`,
    ]);
    expect(sync[0].form.Key).toBe(`${TEST_CALL_SID}/${TEST_RECORDING_SID}/completed`);
    expect(JSON.parse(sync[0].form.Data as string)).toMatchObject({
      kind: 'status',
      recordingSid: TEST_RECORDING_SID,
      callSid: TEST_CALL_SID,
      status: 'completed',
      durationSeconds: 7,
    });
    expect(Buffer.byteLength(sync[0].form.Data as string)).toBeLessThan(1024);
  });

  it.each([
    [54300, 'Unique name not found'],
    [54200, 'Map not found'],
    [54100, 'Document not found'],
    [20404, 'The requested resource was not found'],
  ])(
    'creates the missing map when Sync answers %d, then stores the event',
    async (code, message) => {
      let attempts = 0;
      api.answerSync((request) => {
        if (request.path.endsWith('/Items') && (attempts += 1) === 1)
          return twilioError(404, code, message);
        if (request.path.endsWith('/Maps')) {
          return {
            status: 201,
            json: { sid: 'MP' + '1'.repeat(32), unique_name: request.form.UniqueName },
          };
        }
        return freshSyncAnswer(request);
      });
      const answer = await postForm(`${functions.url}/recording-status`, event);
      expect(answer.status).toBe(200);
      const sync = api.received.filter(isSyncRequest);
      const shard = shardMapName('call-recordings', 128, TEST_CALL_SID);
      expect(sync.map((request) => `${request.method} ${request.path}`)).toEqual([
        `POST /sync/v1/Services/default/Maps/${shard}/Items`,
        'POST /sync/v1/Services/default/Maps',
        `POST /sync/v1/Services/default/Maps/${shard}/Items`,
      ]);
      expect(sync[1].form.UniqueName).toBe(shard);
    },
  );

  it('answers 503, so that Twilio retries, when the recording log cannot be written', async () => {
    api.answerSync(twilioError(503, 20503, 'Service Unavailable'));
    const answer = await postForm(`${functions.url}/recording-status`, event);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'recording-log-unavailable' });
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'recording-status.not-stored',
        recordingSid: TEST_RECORDING_SID,
      }),
    );
  });

  it('answers 503 from /recordings, saying the log could not be read, when Sync is down', async () => {
    api.answerSync(twilioError(503, 20503, 'Service Unavailable'));
    const answer = await postForm(`${functions.url}/recordings`, { CallSid: TEST_CALL_SID });
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: 'recording-log-unavailable',
      message: expect.stringContaining('could not be read'),
    });
    expect(logs).toContainEqual(expect.objectContaining({ event: 'recordings.unavailable' }));
  });

  it('answers 400, naming what is missing, only for an event it cannot store', async () => {
    const answer = await postForm(`${functions.url}/recording-status`, {
      ...event,
      RecordingStatus: 'exploded',
      RecordingDuration: '-3',
    });
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.body);
    expect(body.fields.map((field: { field: string }) => field.field)).toEqual(['RecordingStatus']);
    expect(body.message).toContain("'in-progress', 'completed', 'absent', 'failed'");
    expect(api.received.filter(isSyncRequest)).toEqual([]);
  });

  it('stores an event with an odd duration without the duration, and logs the oddity', async () => {
    const answer = await postForm(`${functions.url}/recording-status`, {
      ...event,
      RecordingDuration: '-1',
    });
    expect(answer.status).toBe(200);
    const [created] = api.received.filter(isSyncRequest);
    const stored = JSON.parse(created.form.Data as string);
    expect(stored).toMatchObject({ status: 'completed', channels: 2 });
    expect(stored.durationSeconds).toBeUndefined();
    expect(logs.filter((line) => line.event === 'recording-status')).toEqual([
      expect.objectContaining({
        level: 'warn',
        oddities: [{ field: 'RecordingDuration', message: expect.stringContaining('-1') }],
      }),
    ]);
  });
});
