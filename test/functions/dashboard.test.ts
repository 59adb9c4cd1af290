/**
 * The recordings page's Functions through Twilio's own local runtime, against a scripted API:
 * who gets in, what each page asks Twilio and Sync, and what it answers.
 */
import { withOverrides } from '../../local/with-overrides';
import type { DashboardPage } from '../../src/dashboard/view';
import { shardMapName } from '../../src/recording-log/sharded-log';
import { TEST_ACCOUNT_SID, TEST_CALL_SID, TEST_RECORDING_SID } from '../support/fixtures';
import {
  isSyncRequest,
  recordingJson,
  twilioError,
  type ReceivedRequest,
  type ScriptedAnswer,
} from '../support/scripted-api';
import { useScriptedFunctions } from '../support/scripted-functions';
import { postForm } from '../support/webhook-client';

const PASSWORD = 'correct horse battery staple';
const functions = useScriptedFunctions({ DASHBOARD_PASSWORD: PASSWORD });
const { api, env, logs } = functions;

beforeEach(() => {
  api.reset();
  logs.length = 0;
});

const auth = (password: string, user = 'anyone') =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

const get = (path: string, headers: Record<string, string> = {}) =>
  postForm(`${functions.url}${path}`, {}, { method: 'GET', headers });

const callJson = (sid: string, minute: number) => ({
  sid,
  account_sid: TEST_ACCOUNT_SID,
  api_version: '2010-04-01',
  date_created: `Tue, 24 Nov 2026 15:${minute}:00 +0000`,
  date_updated: `Tue, 24 Nov 2026 15:${minute}:40 +0000`,
  from: '+15005550006',
  to: '+15005550001',
  direction: 'inbound',
  status: 'completed',
  start_time: `Tue, 24 Nov 2026 15:${minute}:00 +0000`,
  end_time: `Tue, 24 Nov 2026 15:${minute}:40 +0000`,
  duration: '40',
  uri: `/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls/${sid}.json`,
});

const OTHER_CALL = 'CA' + 'c3'.repeat(16);

/** Twilio and Sync as the page sees them: two calls, the first recorded and logged. */
function scriptTwilio(request: ReceivedRequest): ScriptedAnswer {
  if (request.path.endsWith('/Calls.json')) {
    return {
      status: 200,
      json: {
        calls: [callJson(TEST_CALL_SID, 30), callJson(OTHER_CALL, 10)],
        page: 0,
        page_size: 10,
        start: 0,
        end: 1,
        uri: `/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls.json?PageSize=10&Page=0`,
        first_page_uri: `/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls.json?PageSize=10&Page=0`,
        next_page_uri: `/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Calls.json?PageSize=10&Page=1&PageToken=PAabc`,
        previous_page_uri: null,
      },
    };
  }
  if (request.path.endsWith('/Recordings.json')) {
    const mine = request.query.CallSid === TEST_CALL_SID;
    return {
      status: 200,
      json: {
        recordings: mine
          ? [
              recordingJson({
                status: 'completed',
                duration: '25',
                start_time: 'Tue, 24 Nov 2026 15:30:05 +0000',
              }),
            ]
          : [],
        page: 0,
        page_size: 20,
        start: 0,
        end: 0,
        uri: '/x',
        first_page_uri: '/x',
        next_page_uri: null,
        previous_page_uri: null,
      },
    };
  }
  if (isSyncRequest(request)) {
    const mine = request.path.includes(shardMapName('call-recordings', 128, TEST_CALL_SID));
    const entry = (key: string, data: object) => ({
      key,
      account_sid: TEST_ACCOUNT_SID,
      service_sid: 'IS' + '0'.repeat(32),
      map_sid: 'MP' + '0'.repeat(32),
      url: 'https://sync.twilio.com/x',
      revision: '0',
      data,
      date_expires: null,
      date_created: '2026-11-24T15:30:00Z',
      date_updated: '2026-11-24T15:30:00Z',
      created_by: 'system',
    });
    const prefix = `${TEST_CALL_SID}/${TEST_RECORDING_SID}`;
    const received = '2026-11-24T15:30:06.000Z';
    return {
      status: 200,
      json: {
        items:
          mine && request.query.From === `${TEST_CALL_SID}/`
            ? [
                entry(`${prefix}/completed`, {
                  kind: 'status',
                  callSid: TEST_CALL_SID,
                  recordingSid: TEST_RECORDING_SID,
                  status: 'completed',
                  track: 'both',
                  receivedAt: received,
                }),
                entry(`${prefix}/pause/1`, {
                  kind: 'action',
                  callSid: TEST_CALL_SID,
                  recordingSid: TEST_RECORDING_SID,
                  action: 'pause',
                  at: '2026-11-24T15:30:10.000Z',
                  pauseBehavior: 'silence',
                  receivedAt: received,
                }),
                entry(`${prefix}/resume/2`, {
                  kind: 'action',
                  callSid: TEST_CALL_SID,
                  recordingSid: TEST_RECORDING_SID,
                  action: 'resume',
                  at: '2026-11-24T15:30:15.000Z',
                  receivedAt: received,
                }),
                entry(`${TEST_CALL_SID}/feedback/${TEST_RECORDING_SID}`, {
                  kind: 'feedback',
                  callSid: TEST_CALL_SID,
                  recordingSid: TEST_RECORDING_SID,
                  speechResult: 'Helpful and quick',
                  confidence: 0.9,
                  receivedAt: received,
                }),
              ]
            : [],
        meta: {
          page: 0,
          page_size: 100,
          first_page_url: 'https://sync.twilio.com/x',
          previous_page_url: null,
          url: 'https://sync.twilio.com/x',
          next_page_url: null,
          key: 'items',
        },
      },
    };
  }
  return twilioError(404, 20404, 'not scripted');
}

describe('who gets in', () => {
  it('answers 404, and nothing else, when DASHBOARD_PASSWORD is not set', async () => {
    const answer = await withOverrides(env, { DASHBOARD_PASSWORD: undefined }, () =>
      get('/dashboard-calls', { Authorization: auth('') }),
    );
    expect(answer.status).toBe(404);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(api.received).toEqual([]);
  });

  it('treats a password under 16 characters as a configuration error, and stays off', async () => {
    const answer = await withOverrides(env, { DASHBOARD_PASSWORD: 'too-short' }, () =>
      get('/dashboard-calls', { Authorization: auth('too-short') }),
    );
    expect(answer.status).toBe(404);
    expect(logs).toContainEqual(
      expect.objectContaining({
        event: 'dashboard-calls.configuration-error',
        errors: [expect.objectContaining({ field: 'DASHBOARD_PASSWORD' })],
      }),
    );
    expect(JSON.stringify(logs)).not.toContain('too-short');
  });

  it.each([
    ['no password', {}],
    ['a wrong one', { Authorization: auth('correct horse battery stapler') }],
    [
      'the right one as the user name',
      { Authorization: `Basic ${Buffer.from(`${PASSWORD}:`).toString('base64')}` },
    ],
    ['another scheme', { Authorization: `Bearer ${PASSWORD}` }],
  ])('refuses %s with 401, asking the browser for a password', async (_name, headers) => {
    const answer = await get('/dashboard-calls', headers as Record<string, string>);
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(api.received).toEqual([]);
  });

  it('leaves out the browser’s own login box for the page’s requests', async () => {
    const answer = await get('/dashboard-audio?RecordingSid=' + TEST_RECORDING_SID, {
      Authorization: auth('nope'),
      'X-Requested-With': 'recordings-page',
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBeNull();
  });
});

describe('a page of calls', () => {
  it('joins each call with its recordings and its log, newest first, and hands out the next page', async () => {
    api.answerAlways(scriptTwilio);
    const answer = await get('/dashboard-calls', { Authorization: auth(PASSWORD) });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const page = JSON.parse(answer.body) as DashboardPage;
    expect(page.nextPageToken).toBe('1.PAabc');
    expect(page.calls.map((call) => call.callSid)).toEqual([TEST_CALL_SID, OTHER_CALL]);
    const [first, second] = page.calls;
    expect(first).toMatchObject({
      status: 'completed',
      durationSeconds: 40,
      logAvailable: true,
      recordings: [
        {
          sid: TEST_RECORDING_SID,
          status: 'completed',
          durationSeconds: 25,
          channels: 2,
          track: 'both',
          feedback: { speechResult: 'Helpful and quick', confidence: 0.9 },
          audio: {
            path: `/dashboard-audio?RecordingSid=${TEST_RECORDING_SID}`,
            contentType: 'audio/mpeg',
          },
          spans: [
            { kind: 'recorded', from: '2026-11-24T15:30:05.000Z', to: '2026-11-24T15:30:10.000Z' },
            { kind: 'paused', from: '2026-11-24T15:30:10.000Z', to: '2026-11-24T15:30:15.000Z' },
            { kind: 'recorded', from: '2026-11-24T15:30:15.000Z', to: '2026-11-24T15:30:30.000Z' },
          ],
        },
      ],
    });
    expect(second.recordings).toEqual([]);
    // One Calls request, and for each call one Recordings request and one Sync read: no scan.
    const sync = api.received.filter(isSyncRequest);
    expect(sync).toHaveLength(2);
    expect(sync.every((request) => request.method === 'GET' && request.query.From)).toBe(true);
    expect(api.received.filter((request) => request.path.endsWith('/Calls.json'))).toHaveLength(1);
  });

  it('passes the page token and the filters on to Twilio', async () => {
    api.answerAlways(scriptTwilio);
    await get('/dashboard-calls?PageToken=1.PAabc&Date=2026-11-24', {
      Authorization: auth(PASSWORD),
    });
    const [calls] = api.received.filter((request) => request.path.endsWith('/Calls.json'));
    expect(calls.query).toMatchObject({ Page: '1', PageToken: 'PAabc', PageSize: '10' });
    expect(String(calls.query.StartTime)).toMatch(/^2026-11-24/);
  });

  it('keeps only calls with a recording in the status asked for', async () => {
    api.answerAlways(scriptTwilio);
    const answer = await get('/dashboard-calls?Status=absent', { Authorization: auth(PASSWORD) });
    expect((JSON.parse(answer.body) as DashboardPage).calls).toEqual([]);
  });

  it.each([
    ['Status=deleted', 'Status'],
    ['Date=2026-02-30', 'Date'],
    ['CallSid=CA12', 'CallSid'],
    ['PageToken=<script>', 'PageToken'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const answer = await get(`/dashboard-calls?${query}`, { Authorization: auth(PASSWORD) });
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).fields).toEqual([expect.objectContaining({ field })]);
    expect(api.received).toEqual([]);
  });

  it('still shows a call whose log cannot be read', async () => {
    api.answerAlways((request) =>
      isSyncRequest(request) ? twilioError(503, 20503, 'Sync is down') : scriptTwilio(request),
    );
    const answer = await withOverrides(env, { RECORDING_LOG_BUDGET_MS: '500' }, () =>
      get('/dashboard-calls', { Authorization: auth(PASSWORD) }),
    );
    const page = JSON.parse(answer.body) as DashboardPage;
    expect(answer.status).toBe(200);
    expect(page.calls[0]).toMatchObject({
      logAvailable: false,
      recordings: [{ status: 'completed' }],
    });
  });
});

describe('a recording’s audio', () => {
  it('refuses a recording too long for a Function’s 4 MB answer, before downloading it', async () => {
    api.answerAlways(() => ({
      status: 200,
      json: recordingJson({ status: 'completed', duration: '3600' }),
    }));
    const answer = await get(`/dashboard-audio?RecordingSid=${TEST_RECORDING_SID}`, {
      Authorization: auth(PASSWORD),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({
      error: 'too-large',
      message: expect.stringContaining('4 MB'),
    });
    expect(api.received.map((request) => request.path)).toEqual([
      `/api/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Recordings/${TEST_RECORDING_SID}.json`,
    ]);
  });

  it('has none for a recording that is not completed', async () => {
    api.answerAlways(() => ({
      status: 200,
      json: recordingJson({ status: 'absent', duration: '0' }),
    }));
    const answer = await get(`/dashboard-audio?RecordingSid=${TEST_RECORDING_SID}`, {
      Authorization: auth(PASSWORD),
    });
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'no-audio' });
  });
});

describe('when Twilio fails the page', () => {
  it('answers 502 when the calls cannot be listed, and says so in the log', async () => {
    api.answerAlways(() => twilioError(500, 20500, 'Internal Server Error'));
    const answer = await get('/dashboard-calls', { Authorization: auth(PASSWORD) });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'twilio-unavailable' });
    expect(logs).toContainEqual(expect.objectContaining({ event: 'dashboard.twilio-unavailable' }));
  });

  it.each([
    ['the recording’s lookup fails', () => twilioError(500, 20500, 'Internal Server Error')],
    [
      'the media answers 500',
      (request: ReceivedRequest) =>
        request.path.endsWith('.json')
          ? { status: 200, json: recordingJson({ status: 'completed', duration: '10' }) }
          : twilioError(500, 20500, 'Internal Server Error'),
    ],
  ])('answers 502 for the audio when %s', async (_name, script) => {
    api.answerAlways(script);
    const answer = await get(`/dashboard-audio?RecordingSid=${TEST_RECORDING_SID}`, {
      Authorization: auth(PASSWORD),
    });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(answer.body)).toMatchObject({ error: 'media-unavailable' });
  });
});
