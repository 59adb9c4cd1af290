import { startFunctionsServer, type FunctionsServer } from '../../local/functions-server';
import {
  freshSyncAnswer,
  isSyncRequest,
  recordingJson,
  ScriptedApi,
  twilioError,
} from '../support/scripted-api';
import {
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_CALL_SID,
  TEST_RECORDING_SID,
} from '../support/fixtures';
import { captureConsoleJson } from '../support/console-capture';
import { verbNames, type TwimlNode } from '../support/twiml';
import { postForm, postTwiml } from '../support/webhook-client';

const api = new ScriptedApi();
let server: FunctionsServer;
const captured = captureConsoleJson();
const logs = captured.lines;

const RECORDINGS_PATH = `/api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls/${TEST_CALL_SID}/Recordings`;

function callParams(status: string): Record<string, string> {
  return {
    CallSid: TEST_CALL_SID,
    AccountSid: TEST_ACCOUNT_SID,
    From: '+15005550006',
    To: '+15005550001',
    Direction: 'inbound',
    CallStatus: status,
    ApiVersion: '2010-04-01',
  };
}

/**
 * Follows the flow the way Twilio's voice engine would: Redirects and Gather actions are
 * resolved against the service and posted with the call's parameters (plus the caller's speech
 * for a Gather), until the TwiML hangs up. Returns every step's path and TwiML.
 */
async function runCall(speech: string[]): Promise<Array<{ path: string; verbs: TwimlNode[] }>> {
  const steps: Array<{ path: string; verbs: TwimlNode[] }> = [];
  let path = '/incoming-call';
  let params = callParams('ringing');
  for (let step = 0; step < 20; step += 1) {
    const verbs = await postTwiml(`${server.url}${path}`, params);
    steps.push({ path, verbs });
    params = callParams('in-progress');
    const gather = verbs.find((verb) => verb.name === 'Gather');
    const redirect = verbs.find((verb) => verb.name === 'Redirect');
    if (gather && speech.length > 0) {
      path = gather.attributes.action;
      params = { ...params, SpeechResult: speech.shift() as string, Confidence: '0.87' };
    } else if (redirect) {
      path = redirect.text;
    } else {
      return steps;
    }
  }
  throw new Error('the flow did not end within 20 steps');
}

beforeAll(async () => {
  await api.start();
  server = await startFunctionsServer({
    env: {
      ACCOUNT_SID: TEST_ACCOUNT_SID,
      AUTH_TOKEN: TEST_AUTH_TOKEN,
      TWILIO_API_BASE_URL: api.url,
    },
  });
});
afterAll(async () => {
  captured.restore();
  await server.close();
  await api.close();
});
beforeEach(() => {
  api.reset();
  api.answerSync(freshSyncAnswer);
  logs.length = 0;
});

describe('the Client Feedback flow through the local Functions server', () => {
  it('announces, records, asks, stops after the answer, thanks and hangs up', async () => {
    api
      .answerNext({ status: 201, json: recordingJson() })
      .answerNext({ status: 200, json: recordingJson({ status: 'stopped' }) });
    const steps = await runCall(['The agent was very helpful']);

    expect(steps.map((step) => step.path.split('?')[0])).toEqual([
      '/incoming-call',
      '/recording-toggle',
      '/recording-success',
      '/feedback-received',
      '/recording-toggle',
      '/recording-success',
    ]);
    expect(verbNames(steps[0].verbs)).toEqual(['Say', 'Redirect']);
    expect(verbNames(steps[2].verbs)).toEqual(['Gather', 'Redirect']);
    expect(verbNames(steps[5].verbs)).toEqual(['Say', 'Hangup']);

    const recordingRequests = api.received.filter((request) => !isSyncRequest(request));
    expect(recordingRequests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST ${RECORDINGS_PATH}.json`,
      `POST ${RECORDINGS_PATH}/${TEST_RECORDING_SID}.json`,
    ]);
    expect(api.received[0].form).toMatchObject({
      RecordingChannels: 'dual',
      RecordingStatusCallback: `${server.url}/recording-status`,
      RecordingStatusCallbackEvent: ['in-progress', 'completed', 'absent'],
    });
    expect(recordingRequests[1].form).toEqual({ Status: 'stopped' });
    const feedbackWrite = api.received.find(
      (request) => isSyncRequest(request) && request.method === 'POST',
    );
    expect(JSON.parse(feedbackWrite?.form.Data as string)).toMatchObject({
      recordingSid: TEST_RECORDING_SID,
      feedback: { speechResult: 'The agent was very helpful', confidence: 0.87 },
    });
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'feedback.received',
        speechResult: 'The agent was very helpful',
      }),
    );
  });

  it('keeps asking without recording when the start fails, then ends politely', async () => {
    api.answerNext(twilioError(400, 21220, 'Call is not in-progress'));
    const steps = await runCall(['Fine']);
    expect(steps.map((step) => step.path.split('?')[0])).toEqual([
      '/incoming-call',
      '/recording-toggle',
      '/recording-failed',
      '/feedback-received',
    ]);
    expect(verbNames(steps[2].verbs)).toEqual(['Say', 'Gather', 'Redirect']);
    expect(verbNames(steps[3].verbs)).toEqual(['Say', 'Hangup']);
    expect(api.received).toHaveLength(1);
    expect(logs).toContainEqual(
      expect.objectContaining({ event: 'recording-failed', code: '21220' }),
    );
  });

  it('refuses an outbound call without touching the API', async () => {
    const verbs = await postTwiml(`${server.url}/incoming-call`, {
      ...callParams('in-progress'),
      Direction: 'outbound-api',
    });
    expect(verbNames(verbs)).toEqual(['Say', 'Hangup']);
    expect(api.received).toHaveLength(0);
  });
});

describe('/recording-status through the local Functions server', () => {
  const event = {
    AccountSid: TEST_ACCOUNT_SID,
    CallSid: TEST_CALL_SID,
    RecordingSid: TEST_RECORDING_SID,
    RecordingStatus: 'completed',
    RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${TEST_RECORDING_SID}`,
    RecordingDuration: '7',
    RecordingChannels: '2',
    RecordingSource: 'StartCallRecordingAPI',
  };

  it.each(['POST', 'GET'] as const)(
    'accepts a valid event by %s and logs one structured line',
    async (method) => {
      const answer = await postForm(`${server.url}/recording-status`, event, { method });
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
    await postForm(`${server.url}/recording-status`, event);
    const sync = api.received.filter(isSyncRequest);
    expect(sync.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /sync/v1/Services/default/Maps/call-recordings/Items/${TEST_RECORDING_SID}`,
      'POST /sync/v1/Services/default/Maps/call-recordings/Items',
    ]);
    expect(JSON.parse(sync[1].form.Data as string)).toMatchObject({
      recordingSid: TEST_RECORDING_SID,
      callSid: TEST_CALL_SID,
      status: 'completed',
      history: [expect.objectContaining({ status: 'completed', durationSeconds: 7 })],
    });
  });

  it('answers 503, so that Twilio retries, when the recording log cannot be written', async () => {
    api.answerSync(twilioError(503, 20503, 'Service Unavailable'));
    const answer = await postForm(`${server.url}/recording-status`, event);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'recording-log-unavailable' });
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'recording-status.not-stored',
        recordingSid: TEST_RECORDING_SID,
      }),
    );
  });

  it('answers 400 naming the problem for a malformed event', async () => {
    const answer = await postForm(`${server.url}/recording-status`, {
      ...event,
      RecordingStatus: 'exploded',
      RecordingDuration: '-3',
    });
    expect(answer.status).toBe(400);
    const body = JSON.parse(answer.body);
    expect(body.fields.map((field: { field: string }) => field.field).sort()).toEqual([
      'RecordingDuration',
      'RecordingStatus',
    ]);
    expect(body.message).toContain("'in-progress', 'completed', 'absent', 'failed'");
  });
});
