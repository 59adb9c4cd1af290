import { setLogSink } from '../../src/logger';
import { consentToken } from '../../src/recording/consent-token';
import { readSettings } from '../../src/config/settings';
import {
  recordingToggle as toggleStep,
  toggleRecording as toggle,
} from '../../src/recording/recording-toggle';
import { WIDGET_VARIABLE_PARAMS } from '../../src/recording/transitions';
import {
  functionEnv,
  studioReturnUrlOf,
  TEST_ACCOUNT_SID,
  TEST_AUTH_TOKEN,
  TEST_CALL_SID,
  TEST_FLOW_SID,
  TEST_RECORDING_SID,
  voiceWebhook,
} from '../support/fixtures';
import {
  freshSyncAnswer,
  isSyncRequest,
  recordingJson,
  ScriptedApi,
  twilioError,
} from '../support/scripted-api';
import { parseTwiml, splitUrl } from '../support/twiml';

type Env = Record<string, string | undefined>;

/** The step as its Function runs it: the settings read from the environment first. */
const toggleRecording = (env: Env, event: Record<string, unknown>) =>
  toggle(readSettings(env), event);
const recordingToggle = (env: Env, event: Record<string, unknown>) =>
  toggleStep(readSettings(env), event);

const api = new ScriptedApi();
const logLines: string[] = [];
const RECORDINGS_PATH = `/api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls/${TEST_CALL_SID}/Recordings`;

beforeAll(async () => {
  await api.start();
  setLogSink((line) => logLines.push(line));
});
afterAll(async () => {
  setLogSink(undefined);
  await api.close();
});
beforeEach(() => {
  api.reset();
  logLines.length = 0;
});

describe('starting a recording (Record=true)', () => {
  it('sends exactly one create request with the widget defaults and goes to Success with every widget variable', async () => {
    api.answerNext({ status: 201, json: recordingJson() });
    const result = await toggleRecording(functionEnv(api.url), voiceWebhook({ Record: 'true' }));

    expect(api.received).toHaveLength(1);
    const [request] = api.received;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`${RECORDINGS_PATH}.json`);
    expect(request.form).toEqual({
      RecordingStatusCallback:
        'https://call-recording-1234-dev.twil.io/recording-status?Consent=notice#rc=5&rp=all',
      RecordingStatusCallbackMethod: 'POST',
      RecordingStatusCallbackEvent: ['completed', 'absent'],
      RecordingChannels: 'dual',
      Trim: 'do-not-trim',
      RecordingTrack: 'both',
    });
    const expectedAuth = Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString('base64');
    expect(request.authorization).toBe(`Basic ${expectedAuth}`);

    expect(result.succeeded).toBe(true);
    const { path, params } = splitUrl(result.redirectTo);
    expect(path).toBe('/recording-success');
    expect(params).toMatchObject({
      RecAction: 'start',
      RecAccountSid: TEST_ACCOUNT_SID,
      RecApiVersion: '2010-04-01',
      RecCallSid: TEST_CALL_SID,
      RecDateCreated: 'Tue, 24 Nov 2026 15:21:30 +0000',
      RecDateUpdated: 'Tue, 24 Nov 2026 15:21:30 +0000',
      RecSid: TEST_RECORDING_SID,
      RecUri: expect.stringContaining(TEST_RECORDING_SID),
      RecSource: 'StartCallRecordingAPI',
      RecStartTime: 'Tue, 24 Nov 2026 15:21:30 +0000',
      RecStatus: 'in-progress',
      RecChannels: '2',
      RecTrack: 'both',
    });
    // Empty variables (ConferenceSid, PriceUnit, ErrorCode here) are simply left out.
    expect(params.RecConferenceSid).toBeUndefined();
    expect(params.RecPriceUnit).toBeUndefined();
  });

  it('takes a create answered 200 as well as 201: the description declares both', async () => {
    api.answerNext({ status: 200, json: recordingJson() });
    const result = await toggleRecording(functionEnv(api.url), voiceWebhook({ Record: 'true' }));
    expect(api.received).toHaveLength(1);
    expect(splitUrl(result.redirectTo)).toMatchObject({
      path: '/recording-success',
      params: { RecAction: 'start', RecSid: TEST_RECORDING_SID, RecStatus: 'in-progress' },
    });
  });

  it('passes ConferenceSid, ErrorCode and EncryptionDetails through when the API has them', async () => {
    api.answerNext({
      status: 201,
      json: recordingJson({
        conference_sid: 'CF' + 'c3'.repeat(16),
        error_code: 0,
        encryption_details: { type: 'rsa-aes' },
      }),
    });
    const result = await toggleRecording(functionEnv(api.url), voiceWebhook({ Record: 'true' }));
    const { params } = splitUrl(result.redirectTo);
    expect(params[WIDGET_VARIABLE_PARAMS.ConferenceSid]).toBe('CF' + 'c3'.repeat(16));
    expect(params[WIDGET_VARIABLE_PARAMS.ErrorCode]).toBe('0');
    expect(JSON.parse(params[WIDGET_VARIABLE_PARAMS.EncryptionDetails])).toEqual({
      type: 'rsa-aes',
    });
  });

  it('uses environment defaults, and per-use query overrides win over them', async () => {
    api.answerAlways({ status: 201, json: recordingJson() });
    await toggleRecording(
      functionEnv(api.url, {
        RECORDING_CHANNELS: 'mono',
        RECORDING_TRIM: 'trim-silence',
        RECORDING_TRACK: 'inbound',
        RECORDING_STATUS_CALLBACK: 'https://example.com/hooks/recording',
        RECORDING_STATUS_CALLBACK_METHOD: 'GET',
        RECORDING_STATUS_CALLBACK_EVENT: 'completed',
      }),
      voiceWebhook({ Record: 'true' }),
    );
    expect(api.received[0].form).toEqual({
      RecordingStatusCallback: 'https://example.com/hooks/recording',
      RecordingStatusCallbackMethod: 'GET',
      RecordingStatusCallbackEvent: 'completed',
      RecordingChannels: 'mono',
      Trim: 'trim-silence',
      RecordingTrack: 'inbound',
    });

    await toggleRecording(
      functionEnv(api.url, { RECORDING_CHANNELS: 'mono' }),
      voiceWebhook({
        Record: 'true',
        RecordingChannels: 'dual',
        Trim: 'trim-silence',
        RecordingTrack: 'outbound',
        RecordingStatusCallback: '/my-status',
        RecordingStatusCallbackMethod: 'get',
        RecordingStatusCallbackEvent: 'absent completed',
      }),
    );
    expect(api.received[1].form).toEqual({
      RecordingStatusCallback: 'https://call-recording-1234-dev.twil.io/my-status',
      RecordingStatusCallbackMethod: 'GET',
      RecordingStatusCallbackEvent: ['completed', 'absent'],
      RecordingChannels: 'dual',
      Trim: 'trim-silence',
      RecordingTrack: 'outbound',
    });
  });

  it('honours Success and Failed overrides that stay inside the service', async () => {
    api.answerNext({ status: 201, json: recordingJson() });
    const ok = await toggleRecording(
      functionEnv(api.url),
      voiceWebhook({ Record: 'true', Success: '/next-step?x=1' }),
    );
    expect(splitUrl(ok.redirectTo)).toMatchObject({
      path: '/next-step',
      params: { x: '1', RecAction: 'start' },
    });

    api.answerNext(twilioError(400, 21220, 'Call is not in-progress'));
    const failed = await toggleRecording(
      functionEnv(api.url),
      voiceWebhook({ Record: 'true', Failed: '/my-failed' }),
    );
    expect(splitUrl(failed.redirectTo).path).toBe('/my-failed');
  });

  it('hands the call back to Studio with Return=FW…, by POST, the variables after FlowEvent', async () => {
    api.answerNext({ status: 201, json: recordingJson() });
    const twiml = await recordingToggle(
      functionEnv(api.url),
      voiceWebhook({ Record: 'true', Return: TEST_FLOW_SID }),
    );
    const [redirect, ...rest] = parseTwiml(twiml.toString());
    expect(rest).toEqual([]);
    expect(redirect).toMatchObject({ name: 'Redirect', attributes: { method: 'POST' } });
    expect(redirect.text.startsWith(`${studioReturnUrlOf()}&RecAction=start&`)).toBe(true);
    expect(new URL(redirect.text).searchParams.get('RecSid')).toBe(TEST_RECORDING_SID);

    api.answerNext(twilioError(400, 21220, 'Call is not in-progress'));
    const failed = await toggleRecording(
      functionEnv(api.url),
      voiceWebhook({ Record: 'true', Return: TEST_FLOW_SID }),
    );
    expect(Object.fromEntries(new URL(failed.redirectTo).searchParams)).toMatchObject({
      FlowEvent: 'return',
      RecAction: 'start',
      RecFailureReason: 'api-error',
      RecFailureCode: '21220',
    });
  });
});

describe('stopping, pausing and resuming', () => {
  it('stops the recording it is given by SID', async () => {
    api.answerNext({ status: 200, json: recordingJson({ status: 'stopped' }) });
    const result = await toggleRecording(
      functionEnv(api.url),
      voiceWebhook({ Record: 'false', RecordingSid: TEST_RECORDING_SID }),
    );
    expect(api.received).toHaveLength(1);
    expect(api.received[0]).toMatchObject({
      method: 'POST',
      path: `${RECORDINGS_PATH}/${TEST_RECORDING_SID}.json`,
      form: { Status: 'stopped' },
    });
    expect(splitUrl(result.redirectTo)).toMatchObject({
      path: '/recording-success',
      params: { RecAction: 'stop', RecStatus: 'stopped', RecSid: TEST_RECORDING_SID },
    });
  });

  it.each(['processing', 'completed'])(
    'takes a stop answered `%s` as stopped, as the read-back would',
    async (status) => {
      api.answerNext({ status: 200, json: recordingJson({ status }) });
      const result = await toggleRecording(
        functionEnv(api.url),
        voiceWebhook({ Record: 'false', RecordingSid: TEST_RECORDING_SID }),
      );
      expect(splitUrl(result.redirectTo)).toMatchObject({
        path: '/recording-success',
        params: { RecAction: 'stop', RecStatus: status },
      });
    },
  );

  it('stops the current recording (Twilio.CURRENT) when no SID is passed', async () => {
    api.answerNext({ status: 200, json: recordingJson({ status: 'stopped' }) });
    await toggleRecording(functionEnv(api.url), voiceWebhook({ Record: 'false' }));
    expect(api.received[0].path).toBe(`${RECORDINGS_PATH}/Twilio.CURRENT.json`);
    expect(api.received[0].form).toEqual({ Status: 'stopped' });
  });

  it('pauses with the configured pause behaviour, overridable per use', async () => {
    api.answerAlways({ status: 200, json: recordingJson({ status: 'paused' }) });
    await toggleRecording(functionEnv(api.url), voiceWebhook({ Record: 'pause' }));
    await toggleRecording(
      functionEnv(api.url, { RECORDING_PAUSE_BEHAVIOR: 'skip' }),
      voiceWebhook({ Record: 'pause' }),
    );
    await toggleRecording(
      functionEnv(api.url, { RECORDING_PAUSE_BEHAVIOR: 'skip' }),
      voiceWebhook({ Record: 'PAUSE', PauseBehavior: 'silence' }),
    );
    const updates = api.received.filter((request) => !isSyncRequest(request));
    expect(updates.map((request) => request.form)).toEqual([
      { Status: 'paused', PauseBehavior: 'silence' },
      { Status: 'paused', PauseBehavior: 'skip' },
      { Status: 'paused', PauseBehavior: 'silence' },
    ]);
  });

  it('keeps each pause and resume in the recording log, at Twilio’s time for it', async () => {
    api.answerSync(freshSyncAnswer);
    api.answerNext({
      status: 200,
      json: recordingJson({ status: 'paused', date_updated: 'Tue, 24 Nov 2026 15:22:10 +0000' }),
    });
    await toggleRecording(
      functionEnv(api.url, { RECORDING_PAUSE_BEHAVIOR: 'skip' }),
      voiceWebhook({ Record: 'pause' }),
    );
    const [write] = api.received.filter(isSyncRequest);
    expect(write.form.Key).toBe(
      `${TEST_CALL_SID}/${TEST_RECORDING_SID}/pause/${Date.parse('2026-11-24T15:22:10Z')}`,
    );
    expect(JSON.parse(write.form.Data as string)).toMatchObject({
      kind: 'action',
      action: 'pause',
      at: '2026-11-24T15:22:10.000Z',
      pauseBehavior: 'skip',
    });
  });

  it('stores a pause within what the toggle left of its budget, and still goes to Success', async () => {
    // The pause takes most of the toggle's budget; a Sync that never answers gets only the rest.
    api.answerSync({ hang: true });
    api.answerNext({
      delayMs: 700,
      then: { status: 200, json: recordingJson({ status: 'paused' }) },
    });
    const started = Date.now();
    const result = await toggleRecording(
      functionEnv(api.url, {
        REST_TIMEOUT_MS: '800',
        TOGGLE_BUDGET_MS: '1000',
        RECORDING_LOG_CALLER_BUDGET_MS: '5000',
      }),
      voiceWebhook({ Record: 'pause', RecordingSid: TEST_RECORDING_SID }),
    );
    const elapsed = Date.now() - started;
    expect(result.succeeded).toBe(true);
    expect(splitUrl(result.redirectTo).params.RecStatus).toBe('paused');
    expect(logLines.map((line) => JSON.parse(line).event)).toContain(
      'recording-toggle.action.not-stored',
    );
    // With a budget of its own the write would have taken up to 5 s more.
    expect(elapsed).toBeLessThan(1000 + 1500);
  });

  it('passes the consent step’s proof on to Success, for a later resume', async () => {
    const token = consentToken(TEST_AUTH_TOKEN, TEST_CALL_SID);
    api.answerNext({ status: 201, json: recordingJson() });
    const result = await toggleRecording(
      functionEnv(api.url, { RECORDING_CONSENT: 'opt-in' }),
      voiceWebhook({ Record: 'true', Consent: token }),
    );
    expect(result.succeeded).toBe(true);
    expect(splitUrl(result.redirectTo).params.RecConsent).toBe(token);
  });

  it('resumes a paused recording', async () => {
    api.answerNext({ status: 200, json: recordingJson({ status: 'in-progress' }) });
    const result = await toggleRecording(
      functionEnv(api.url),
      voiceWebhook({ Record: 'resume', RecordingSid: TEST_RECORDING_SID }),
    );
    expect(api.received[0].form).toEqual({ Status: 'in-progress' });
    expect(splitUrl(result.redirectTo).params.RecAction).toBe('resume');
  });
});

describe('REST errors go to Failed with Twilio’s code and message', () => {
  it.each([
    [400, 21220, 'Call is not in-progress. Cannot redirect.', 'start', 'not-recording'],
    [404, 20404, 'The requested resource was not found', 'stop', 'not-recording'],
    [400, 16108, 'Call has more than one active recording', 'pause', 'recording'],
  ])('HTTP %i with code %i', async (status, code, message, action, state) => {
    api.answerNext(twilioError(status, code, message));
    const record = { start: 'true', stop: 'false', pause: 'pause' }[action] as string;
    const result = await toggleRecording(functionEnv(api.url), voiceWebhook({ Record: record }));
    expect(result.succeeded).toBe(false);
    expect(api.received).toHaveLength(1);
    expect(splitUrl(result.redirectTo)).toEqual({
      path: '/recording-failed',
      params: {
        RecAction: action,
        RecFailureReason: 'api-error',
        RecFailureCode: String(code),
        RecFailureMessage: message,
        RecRecordingState: state,
      },
    });
  });

  it('a stop that fails leaves the flow knowing the recording is still on', async () => {
    api.answerAlways((request) =>
      request.method === 'GET'
        ? { status: 200, json: recordingJson({ status: 'in-progress' }) }
        : twilioError(503, 20503, 'Service Unavailable'),
    );
    const result = await toggleRecording(
      functionEnv(api.url, { REST_TIMEOUT_MS: '300', TOGGLE_BUDGET_MS: '2500' }),
      voiceWebhook({ Record: 'false', RecordingSid: TEST_RECORDING_SID }),
    );
    expect(splitUrl(result.redirectTo).params).toMatchObject({
      RecAction: 'stop',
      RecFailureReason: 'api-error',
      RecSid: TEST_RECORDING_SID,
      RecRecordingState: 'recording',
    });
    // Between attempts it read the recording back (still in-progress), so it tried again.
    expect(
      api.received.filter((request) => request.method === 'GET').length,
    ).toBeGreaterThanOrEqual(1);
  });

  it('retries a 429 at once, with nothing to read back, then succeeds', async () => {
    api
      .answerNext(twilioError(429, 20429, 'Too Many Requests'))
      .answerNext({ status: 201, json: recordingJson() });
    const result = await toggleRecording(functionEnv(api.url), voiceWebhook({ Record: 'true' }));
    expect(result.succeeded).toBe(true);
    // Twilio: a 429 was never processed, so nothing needs reading back before the retry.
    expect(api.received.map((request) => `${request.method} ${request.path}`)).toEqual([
      `POST ${RECORDINGS_PATH}.json`,
      `POST ${RECORDINGS_PATH}.json`,
    ]);
  });

  it('does not create a second recording when the first start’s answer was lost', async () => {
    api.answerNext({ reset: true }).answerNext({
      status: 200,
      json: {
        recordings: [recordingJson()],
        page: 0,
        page_size: 20,
        uri: '/x',
        next_page_uri: null,
      },
    });
    const result = await toggleRecording(functionEnv(api.url), voiceWebhook({ Record: 'true' }));
    expect(result.succeeded).toBe(true);
    expect(splitUrl(result.redirectTo).params.RecSid).toBe(TEST_RECORDING_SID);
    expect(api.received.filter((request) => request.method === 'POST')).toHaveLength(1);
  });

  it('gives up on a persistent 500 within the budget', async () => {
    api.answerAlways((request) =>
      request.method === 'GET'
        ? {
            status: 200,
            json: { recordings: [], page: 0, page_size: 20, uri: '/x', next_page_uri: null },
          }
        : twilioError(500, 20500, 'Internal Server Error'),
    );
    const result = await toggleRecording(
      functionEnv(api.url, { REST_TIMEOUT_MS: '500', TOGGLE_BUDGET_MS: '4000' }),
      voiceWebhook({ Record: 'true' }),
    );
    expect(result.succeeded).toBe(false);
    expect(splitUrl(result.redirectTo).params).toMatchObject({
      RecFailureReason: 'api-error',
      RecFailureCode: '20500',
    });
    // A start that may have happened is read back once, never sent twice.
    expect(api.received.map((request) => request.method)).toEqual(['POST', 'GET']);
  });

  it('answers within its budget when the API hangs', async () => {
    api.answerAlways({ hang: true });
    const started = Date.now();
    const result = await toggleRecording(
      functionEnv(api.url, { REST_TIMEOUT_MS: '300', TOGGLE_BUDGET_MS: '1000' }),
      voiceWebhook({ Record: 'true' }),
    );
    const elapsed = Date.now() - started;
    expect(result.succeeded).toBe(false);
    expect(splitUrl(result.redirectTo).params.RecFailureReason).toBe('timeout');
    // Generous margin: the point is "bounded by the budget", not a precise timing.
    expect(elapsed).toBeLessThan(1000 + 2000);
  });

  it('reports an unreachable API', async () => {
    const result = await toggleRecording(
      functionEnv(api.url, {
        TWILIO_API_BASE_URL: 'http://127.0.0.1:9',
        REST_TIMEOUT_MS: '300',
        TOGGLE_BUDGET_MS: '800',
      }),
      voiceWebhook({ Record: 'false' }),
    );
    expect(splitUrl(result.redirectTo).params).toMatchObject({
      RecAction: 'stop',
      RecFailureReason: 'unreachable',
      RecFailureCode: 'ECONNREFUSED',
    });
  });
});

describe('checks made before any REST request', () => {
  const cases: Array<[string, Record<string, string>, Record<string, string>, string, string]> = [
    ['a malformed CallSid', { Record: 'true', CallSid: 'CA123' }, {}, 'invalid-input', 'CallSid'],
    ['a missing CallSid', { Record: 'true', CallSid: '' }, {}, 'invalid-input', 'CallSid'],
    [
      'a ringing call',
      { Record: 'true', CallStatus: 'ringing' },
      {},
      'call-not-in-progress',
      'Say, Play or Gather',
    ],
    [
      'an unknown Record value',
      { Record: 'maybe' },
      {},
      'invalid-input',
      "'true', 'false', 'pause', 'resume'",
    ],
    ['a missing Record value', {}, {}, 'invalid-input', 'Record: is required'],
    [
      'an invalid channel override',
      { Record: 'true', RecordingChannels: 'stereo' },
      {},
      'invalid-configuration',
      "RecordingChannels: 'stereo' is not allowed; use one of 'mono', 'dual'",
    ],
    [
      'an invalid channel setting',
      { Record: 'true' },
      { RECORDING_CHANNELS: 'stereo' },
      'invalid-configuration',
      'RECORDING_CHANNELS',
    ],
    [
      'an invalid trim',
      { Record: 'true', Trim: 'sometimes' },
      {},
      'invalid-configuration',
      "'trim-silence', 'do-not-trim'",
    ],
    [
      'an invalid track',
      { Record: 'true', RecordingTrack: 'left' },
      {},
      'invalid-configuration',
      "'inbound', 'outbound', 'both'",
    ],
    [
      'an invalid method',
      { Record: 'true', RecordingStatusCallbackMethod: 'PUT' },
      {},
      'invalid-configuration',
      "'GET', 'POST'",
    ],
    [
      'an invalid event',
      { Record: 'true', RecordingStatusCallbackEvent: 'completed paused' },
      {},
      'invalid-configuration',
      "'in-progress', 'completed', 'absent'",
    ],
    [
      'an invalid callback URL',
      { Record: 'true', RecordingStatusCallback: 'ftp://example.com/x' },
      {},
      'invalid-configuration',
      'RecordingStatusCallback',
    ],
    [
      'an invalid pause behaviour',
      { Record: 'pause', PauseBehavior: 'drop' },
      {},
      'invalid-configuration',
      "'skip', 'silence'",
    ],
    [
      'a malformed RecordingSid',
      { Record: 'false', RecordingSid: 'RE1' },
      {},
      'invalid-input',
      'RecordingSid',
    ],
    [
      'an absolute Success URL',
      { Record: 'true', Success: 'https://evil.example/x' },
      {},
      'invalid-configuration',
      'Success',
    ],
    [
      'a protocol-relative Failed URL',
      { Record: 'true', Failed: '//evil.example/x' },
      {},
      'invalid-configuration',
      'Failed',
    ],
    [
      'a foreign AccountSid',
      { Record: 'true', AccountSid: 'AC' + 'f'.repeat(32) },
      {},
      'invalid-input',
      'AccountSid',
    ],
  ];

  it.each(cases)(
    '%s goes to Failed naming the field, with no REST request',
    async (_name, params, settings, reason, mention) => {
      api.answerAlways({ status: 201, json: recordingJson() });
      const result = await toggleRecording(functionEnv(api.url, settings), voiceWebhook(params));
      expect(api.received).toHaveLength(0);
      expect(result.succeeded).toBe(false);
      const { path, params: out } = splitUrl(result.redirectTo);
      expect(path).toBe('/recording-failed');
      expect(out.RecFailureReason).toBe(reason);
      expect(out.RecFailureMessage).toContain(mention);
      expect(logLines.some((line) => JSON.parse(line).event === 'recording-toggle.failed')).toBe(
        true,
      );
    },
  );

  it('goes to Failed with missing-credentials and never logs the token', async () => {
    const result = await toggleRecording(
      functionEnv(api.url, { ACCOUNT_SID: '' }),
      voiceWebhook({ Record: 'true', AccountSid: '' }),
    );
    expect(splitUrl(result.redirectTo).params.RecFailureReason).toBe('missing-credentials');
    expect(logLines.join('\n')).not.toContain(TEST_AUTH_TOKEN);
  });
});
