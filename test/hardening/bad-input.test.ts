/**
 * The bad-input contract, at a glance: every row is a malformed or odd request to one route,
 * through Twilio's own local runtime serving the built Functions, and what it must get back.
 * Whatever the row, the answer is never a 500, never a hang, always well-formed TwiML or JSON,
 * and never a redirect outside the service (this account's own Studio return URL aside). A
 * status event is refused (400) only when it cannot be stored at all; one with an odd optional
 * field is stored without that field (200), because Twilio never retries a 4xx and the event
 * would be lost.
 */
import { withOverrides } from '../../local/with-overrides';
import { freshSyncAnswer, isSyncRequest, recordingJson } from '../support/scripted-api';
import { useScriptedFunctions } from '../support/scripted-functions';
import {
  OTHER_ACCOUNT_SID,
  statusCallback,
  studioReturnUrlOf,
  TEST_ACCOUNT_SID,
  TEST_CALL_SID,
  TEST_FLOW_SID,
  TEST_RECORDING_SID,
  voiceWebhook,
} from '../support/fixtures';
import { parseTwiml, splitUrl, type TwimlNode } from '../support/twiml';
import { postForm } from '../support/webhook-client';

type Expectation =
  /** The toggle's Failed transition, with this reason, naming this field. */
  | { failed: string; field: string; path?: string }
  /** An HTTP error naming this field. */
  | { status: 400; field: string }
  /** Stored (200), with this field left out and named in the answer and the log line. */
  | { storedWithout: string }
  /** Valid TwiML whose verbs are these; `speech` must not come out as markup. */
  | { twiml: string[] }
  /** A JSON answer with this status. */
  | { json: number };

interface Row {
  name: string;
  route: string;
  params: Record<string, string | string[]>;
  expect: Expectation;
  method?: 'GET' | 'POST';
  json?: boolean;
  env?: Record<string, string>;
}

const CALL = voiceWebhook();
const HUGE = 'x'.repeat(100 * 1024);
const OTHER_ACCOUNT = OTHER_ACCOUNT_SID;
const EVENT = statusCallback();

const toggle = (
  name: string,
  params: Record<string, string | string[]>,
  expect: Expectation,
  extra: Partial<Row> = {},
): Row => ({
  name,
  route: '/recording-toggle',
  params: { ...CALL, ...params },
  expect,
  ...extra,
});
const status = (
  name: string,
  params: Record<string, string | string[]>,
  field: string,
  extra: Partial<Row> = {},
): Row => ({
  name,
  route: '/recording-status',
  params: { ...EVENT, ...params },
  expect: { status: 400, field },
  ...extra,
});
const oddStatus = (name: string, params: Record<string, string>, field: string): Row => ({
  name,
  route: '/recording-status',
  params: { ...EVENT, ...params },
  expect: { storedWithout: field },
});
const speech = (name: string, SpeechResult: string): Row => ({
  name,
  route: '/feedback-received',
  params: { ...CALL, RecordingSid: TEST_RECORDING_SID, SpeechResult, Confidence: '0.5' },
  expect: { twiml: ['Redirect'] },
});

const ROWS: Row[] = [
  // The toggle: identifiers.
  toggle('CallSid missing', { CallSid: '' }, { failed: 'invalid-input', field: 'CallSid' }),
  toggle('CallSid malformed', { CallSid: 'CA123' }, { failed: 'invalid-input', field: 'CallSid' }),
  toggle(
    'CallSid upper-case hex',
    { CallSid: 'CA' + 'A'.repeat(32) },
    { failed: 'invalid-input', field: 'CallSid' },
  ),
  toggle(
    'CallSid with another prefix',
    { CallSid: TEST_RECORDING_SID },
    { failed: 'invalid-input', field: 'CallSid' },
  ),
  toggle('CallSid of 100 KB', { CallSid: HUGE }, { failed: 'invalid-input', field: 'CallSid' }),
  toggle(
    'CallSid given twice',
    { CallSid: [TEST_CALL_SID, TEST_CALL_SID] },
    { failed: 'invalid-input', field: 'CallSid' },
  ),
  toggle(
    'RecordingSid malformed',
    { Record: 'false', RecordingSid: 'RE1' },
    { failed: 'invalid-input', field: 'RecordingSid' },
  ),
  toggle(
    'RecordingSid of 100 KB',
    { Record: 'false', RecordingSid: HUGE },
    { failed: 'invalid-input', field: 'RecordingSid' },
  ),
  toggle(
    'RecordingSid with another prefix',
    { Record: 'pause', RecordingSid: TEST_CALL_SID },
    { failed: 'invalid-input', field: 'RecordingSid' },
  ),
  toggle(
    'AccountSid of another account',
    { Record: 'true', AccountSid: OTHER_ACCOUNT },
    { failed: 'invalid-input', field: 'AccountSid' },
  ),
  toggle(
    'AccountSid malformed',
    { Record: 'true', AccountSid: 'AC-nope' },
    { failed: 'invalid-input', field: 'AccountSid' },
  ),
  toggle(
    'AccountSid of 100 KB',
    { Record: 'true', AccountSid: HUGE },
    { failed: 'invalid-input', field: 'AccountSid' },
  ),
  // The toggle: the switch itself and the call's state.
  toggle('Record missing', {}, { failed: 'invalid-input', field: 'Record' }),
  toggle('Record=yes', { Record: 'yes' }, { failed: 'invalid-input', field: 'Record' }),
  toggle('Record=1', { Record: '1' }, { failed: 'invalid-input', field: 'Record' }),
  toggle(
    'Record given twice',
    { Record: ['true', 'false'] },
    { failed: 'invalid-input', field: 'Record' },
  ),
  toggle(
    'a ringing call',
    { Record: 'true', CallStatus: 'ringing' },
    { failed: 'call-not-in-progress', field: 'CallStatus' },
  ),
  toggle(
    'a completed call',
    { Record: 'false', CallStatus: 'completed' },
    { failed: 'call-not-in-progress', field: 'CallStatus' },
  ),
  toggle(
    'no CallStatus',
    { Record: 'true', CallStatus: '' },
    { failed: 'call-not-in-progress', field: 'CallStatus' },
  ),
  // The toggle: per-use configuration overrides.
  toggle(
    'RecordingChannels=stereo',
    { Record: 'true', RecordingChannels: 'stereo' },
    { failed: 'invalid-configuration', field: 'RecordingChannels' },
  ),
  toggle(
    'Trim=sometimes',
    { Record: 'true', Trim: 'sometimes' },
    { failed: 'invalid-configuration', field: 'Trim' },
  ),
  toggle(
    'RecordingTrack=left',
    { Record: 'true', RecordingTrack: 'left' },
    { failed: 'invalid-configuration', field: 'RecordingTrack' },
  ),
  toggle(
    'RecordingStatusCallbackMethod=PUT',
    { Record: 'true', RecordingStatusCallbackMethod: 'PUT' },
    { failed: 'invalid-configuration', field: 'RecordingStatusCallbackMethod' },
  ),
  toggle(
    'RecordingStatusCallbackEvent=paused',
    { Record: 'true', RecordingStatusCallbackEvent: 'paused' },
    { failed: 'invalid-configuration', field: 'RecordingStatusCallbackEvent' },
  ),
  toggle(
    'RecordingStatusCallbackEvent of separators only',
    { Record: 'true', RecordingStatusCallbackEvent: ', ,' },
    { failed: 'invalid-configuration', field: 'RecordingStatusCallbackEvent' },
  ),
  toggle(
    'RecordingStatusCallback=ftp://',
    { Record: 'true', RecordingStatusCallback: 'ftp://example.com/x' },
    { failed: 'invalid-configuration', field: 'RecordingStatusCallback' },
  ),
  toggle(
    'RecordingStatusCallback=javascript:',
    { Record: 'true', RecordingStatusCallback: 'javascript:alert(1)' },
    { failed: 'invalid-configuration', field: 'RecordingStatusCallback' },
  ),
  toggle(
    'RecordingStatusCallback with credentials',
    { Record: 'true', RecordingStatusCallback: 'https://hookuser:S3cret-Pw@example.com/x' },
    { failed: 'invalid-configuration', field: 'RecordingStatusCallback' },
  ),
  toggle(
    'PauseBehavior=drop',
    { Record: 'pause', PauseBehavior: 'drop' },
    { failed: 'invalid-configuration', field: 'PauseBehavior' },
  ),
  // The toggle: transitions that would leave the service.
  toggle(
    'Failed URL with credentials',
    { Record: 'true', Failed: 'https://hookuser:S3cret-Pw@webhooks.twilio.com/v1/x' },
    { failed: 'invalid-configuration', field: 'Failed' },
  ),
  toggle(
    'Success absolute URL',
    { Record: 'true', Success: 'https://evil.example/x' },
    { failed: 'invalid-configuration', field: 'Success' },
  ),
  toggle(
    'Success protocol-relative',
    { Record: 'true', Success: '//evil.example/x' },
    { failed: 'invalid-configuration', field: 'Success' },
  ),
  toggle(
    'Success javascript:',
    { Record: 'true', Success: 'javascript:alert(1)' },
    { failed: 'invalid-configuration', field: 'Success' },
  ),
  toggle(
    'Success path traversal',
    { Record: 'true', Success: '/../../etc/passwd' },
    { failed: 'invalid-configuration', field: 'Success' },
  ),
  toggle(
    'Success encoded slashes',
    { Record: 'true', Success: '/%2f%2fevil.example' },
    { failed: 'invalid-configuration', field: 'Success' },
  ),
  toggle(
    'Failed absolute URL',
    { Record: 'true', Failed: 'https://evil.example/x' },
    { failed: 'invalid-configuration', field: 'Failed', path: '/recording-failed' },
  ),
  toggle(
    'Failed protocol-relative',
    { Record: 'true', Failed: '//evil.example' },
    { failed: 'invalid-configuration', field: 'Failed', path: '/recording-failed' },
  ),
  toggle(
    'Failed path traversal',
    { Record: 'true', Failed: '/a/../../b' },
    { failed: 'invalid-configuration', field: 'Failed', path: '/recording-failed' },
  ),
  toggle(
    'Failed backslashes',
    { Record: 'true', Failed: '/\\evil.example' },
    { failed: 'invalid-configuration', field: 'Failed', path: '/recording-failed' },
  ),
  // The toggle: Studio's return URL, only in its exact form and for this account.
  toggle(
    'Success to another account’s Studio flow',
    { Record: 'true', Success: studioReturnUrlOf(TEST_FLOW_SID, OTHER_ACCOUNT) },
    { failed: 'invalid-configuration', field: 'Success' },
  ),
  toggle(
    'Failed to Studio over http',
    { Record: 'true', Failed: studioReturnUrlOf().replace('https:', 'http:') },
    { failed: 'invalid-configuration', field: 'Failed', path: '/recording-failed' },
  ),
  toggle(
    'Failed to Studio with an extra path part',
    { Record: 'true', Failed: studioReturnUrlOf().replace('?', '/Steps?') },
    { failed: 'invalid-configuration', field: 'Failed', path: '/recording-failed' },
  ),
  toggle(
    'Failed to Studio with an extra parameter',
    { Record: 'true', Failed: `${studioReturnUrlOf()}&to=https://evil.example` },
    { failed: 'invalid-configuration', field: 'Failed', path: '/recording-failed' },
  ),
  toggle(
    'Return not a flow SID',
    { Record: 'true', Return: 'https://evil.example' },
    { failed: 'invalid-configuration', field: 'Return', path: '/recording-failed' },
  ),
  toggle(
    'Return given twice',
    { Record: 'true', Return: [TEST_FLOW_SID, TEST_FLOW_SID] },
    { failed: 'invalid-configuration', field: 'Return', path: '/recording-failed' },
  ),
  toggle(
    'Return with Failed',
    { Record: 'true', Return: TEST_FLOW_SID, Failed: '/oops' },
    {
      failed: 'invalid-configuration',
      field: 'Return',
      path: `/v1/Accounts/${TEST_ACCOUNT_SID}/Flows/${TEST_FLOW_SID}`,
    },
  ),
  toggle(
    'bad input by GET',
    { Record: 'maybe' },
    { failed: 'invalid-input', field: 'Record' },
    { method: 'GET' },
  ),
  toggle(
    'bad input as a JSON body',
    { Record: 'maybe' },
    { failed: 'invalid-input', field: 'Record' },
    { json: true },
  ),
  // The toggle: configuration from the environment.
  toggle(
    'RECORDING_CHANNELS=stereo',
    { Record: 'true' },
    { failed: 'invalid-configuration', field: 'RECORDING_CHANNELS' },
    { env: { RECORDING_CHANNELS: 'stereo' } },
  ),
  toggle(
    'RECORDING_TRIM=x',
    { Record: 'true' },
    { failed: 'invalid-configuration', field: 'RECORDING_TRIM' },
    { env: { RECORDING_TRIM: 'x' } },
  ),
  toggle(
    'RECORDING_TRACK=x',
    { Record: 'true' },
    { failed: 'invalid-configuration', field: 'RECORDING_TRACK' },
    { env: { RECORDING_TRACK: 'x' } },
  ),
  toggle(
    'RECORDING_STATUS_CALLBACK_METHOD=PATCH',
    { Record: 'true' },
    { failed: 'invalid-configuration', field: 'RECORDING_STATUS_CALLBACK_METHOD' },
    { env: { RECORDING_STATUS_CALLBACK_METHOD: 'PATCH' } },
  ),
  toggle(
    'RECORDING_STATUS_CALLBACK_EVENT=started',
    { Record: 'true' },
    { failed: 'invalid-configuration', field: 'RECORDING_STATUS_CALLBACK_EVENT' },
    { env: { RECORDING_STATUS_CALLBACK_EVENT: 'started' } },
  ),
  toggle(
    'RECORDING_STATUS_CALLBACK=ftp://',
    { Record: 'true' },
    { failed: 'invalid-configuration', field: 'RECORDING_STATUS_CALLBACK' },
    { env: { RECORDING_STATUS_CALLBACK: 'ftp://x' } },
  ),
  toggle(
    'RECORDING_PAUSE_BEHAVIOR=x',
    { Record: 'pause' },
    { failed: 'invalid-configuration', field: 'RECORDING_PAUSE_BEHAVIOR' },
    { env: { RECORDING_PAUSE_BEHAVIOR: 'x' } },
  ),
  toggle(
    'RECORDING_SUCCESS_PATH absolute',
    { Record: 'true' },
    { failed: 'invalid-configuration', field: 'RECORDING_SUCCESS_PATH' },
    { env: { RECORDING_SUCCESS_PATH: 'https://evil.example' } },
  ),
  toggle(
    'RECORDING_FAILED_PATH protocol-relative',
    { Record: 'true' },
    { failed: 'invalid-configuration', field: 'RECORDING_FAILED_PATH', path: '/recording-failed' },
    { env: { RECORDING_FAILED_PATH: '//evil.example' } },
  ),
  // The status callback.
  status('RecordingStatus unknown', { RecordingStatus: 'paused' }, 'RecordingStatus'),
  status('RecordingStatus missing', { RecordingStatus: '' }, 'RecordingStatus'),
  oddStatus('RecordingDuration negative', { RecordingDuration: '-5' }, 'RecordingDuration'),
  oddStatus(
    'RecordingDuration -1 once completed',
    { RecordingDuration: '-1' },
    'RecordingDuration',
  ),
  oddStatus('RecordingDuration not a number', { RecordingDuration: 'ten' }, 'RecordingDuration'),
  oddStatus('RecordingDuration fractional', { RecordingDuration: '1.5' }, 'RecordingDuration'),
  oddStatus('RecordingUrl not a URL', { RecordingUrl: 'not a url' }, 'RecordingUrl'),
  oddStatus('RecordingUrl javascript:', { RecordingUrl: 'javascript:alert(1)' }, 'RecordingUrl'),
  status('RecordingSid missing', { RecordingSid: '' }, 'RecordingSid'),
  status('RecordingSid of 100 KB', { RecordingSid: HUGE }, 'RecordingSid'),
  status('CallSid malformed', { CallSid: 'CA-1' }, 'CallSid'),
  status('AccountSid of another account', { AccountSid: OTHER_ACCOUNT }, 'AccountSid'),
  status('AccountSid missing', { AccountSid: '' }, 'AccountSid'),
  oddStatus('RecordingChannels=3', { RecordingChannels: '3' }, 'RecordingChannels'),
  oddStatus('RecordingTrack=left', { RecordingTrack: 'left' }, 'RecordingTrack'),
  oddStatus('ErrorCode not numeric', { ErrorCode: 'E1' }, 'ErrorCode'),
  oddStatus('RecordingStartTime not a date', { RecordingStartTime: 'soon' }, 'RecordingStartTime'),
  status('RecordingSid malformed', { RecordingSid: 'RE-1' }, 'RecordingSid'),
  status('a malformed event by GET', { RecordingStatus: 'exploded' }, 'RecordingStatus', {
    method: 'GET',
  }),
  status('a malformed event as a JSON body', { RecordingStatus: 'exploded' }, 'RecordingStatus', {
    json: true,
  }),
  {
    name: 'status callback with nothing at all',
    route: '/recording-status',
    params: {},
    expect: { status: 400, field: 'RecordingSid' },
  },
  {
    name: 'a valid event by GET',
    route: '/recording-status',
    params: EVENT,
    method: 'GET',
    expect: { json: 200 },
  },
  // The recording log route.
  {
    name: '/recordings without CallSid',
    route: '/recordings',
    params: {},
    expect: { status: 400, field: 'CallSid' },
  },
  {
    name: '/recordings with a malformed CallSid',
    route: '/recordings',
    params: { CallSid: '../../etc' },
    expect: { status: 400, field: 'CallSid' },
  },
  // What the caller says never becomes markup.
  speech(
    'speech with XML metacharacters',
    '</Say><Hangup/><Redirect>https://evil.example</Redirect>',
  ),
  speech('speech with quotes and ampersands', `"It's" & <great> 'really'`),
  speech('speech with control characters', 'ok\u0000\u0007\u001b[31m\r\nbye'),
  speech('speech of 10 KB', 'word '.repeat(2048)),
  {
    name: 'feedback with a nonsense Attempt and Confidence',
    route: '/feedback-received',
    params: { ...CALL, Attempt: '-7', Confidence: 'NaN' },
    expect: { twiml: ['Gather', 'Redirect'] },
  },
  // The voice webhook.
  {
    name: 'incoming call without Direction',
    route: '/incoming-call',
    params: { CallSid: TEST_CALL_SID },
    expect: { twiml: ['Say', 'Hangup'] },
  },
  {
    name: 'incoming call with markup in Direction',
    route: '/incoming-call',
    params: { ...CALL, Direction: '<Hangup/>' },
    expect: { twiml: ['Say', 'Hangup'] },
  },
  {
    name: 'incoming call by GET',
    route: '/incoming-call',
    params: CALL,
    method: 'GET',
    expect: { twiml: ['Say', 'Redirect'] },
  },
];

const functions = useScriptedFunctions();
const { api, env, logs } = functions;

const send = (row: Row) =>
  postForm(`${functions.url}${row.route}`, row.params, {
    method: row.method,
    json: row.json,
    timeoutMs: 10000,
  });

// Inside the service, or back to this account's own Studio flow (that flow's return URL, then
// only the toggle's own parameters).
const OWN_STUDIO_RETURN = new RegExp(
  `^${studioReturnUrlOf().replace(/[.?]/g, '\\$&')}(&Rec[A-Za-z]+=[^&]*)*$`,
);

function redirectsInside(verbs: TwimlNode[]): void {
  for (const verb of verbs) {
    const target = verb.name === 'Redirect' ? verb.text : verb.attributes.action;
    if (target !== undefined && !OWN_STUDIO_RETURN.test(target))
      expect(target).toMatch(/^\/(?!\/)/);
    redirectsInside(verb.children);
  }
}

function urlPasswords(params: Row['params']): string[] {
  return Object.values(params)
    .flat()
    .flatMap((value) => /^[a-z]+:\/\/[^/:@]+:([^/@]+)@/i.exec(value)?.[1] ?? []);
}

test('the table has at least 60 rows', () => {
  expect(ROWS.length).toBeGreaterThanOrEqual(60);
});

describe.each(ROWS)('$name → $route', (row) => {
  beforeEach(() => {
    api.reset();
    api.answerSync(freshSyncAnswer).answerAlways({ status: 201, json: recordingJson() });
  });

  it('gets its contract', async () => {
    const logged = logs.length;
    const answer = await withOverrides(env, row.env ?? {}, () => send(row));
    expect(answer.status).toBeLessThan(500);
    // A password given in a URL is never repeated: not in the answer, not in the logs.
    for (const password of urlPasswords(row.params)) {
      expect(answer.body).not.toContain(password);
      expect(JSON.stringify(logs.slice(logged))).not.toContain(password);
    }
    const expectation = row.expect;

    if ('failed' in expectation) {
      expect(answer.status).toBe(200);
      const verbs = parseTwiml(answer.body);
      expect(verbs.map((verb) => verb.name)).toEqual(['Redirect']);
      redirectsInside(verbs);
      const { path, params } = splitUrl(verbs[0].text);
      expect(path).toBe(expectation.path ?? '/recording-failed');
      expect(params.RecFailureReason).toBe(expectation.failed);
      expect(params.RecFailureMessage).toContain(expectation.field);
      // Bad input never reaches the Recordings API.
      expect(api.received.filter((request) => !isSyncRequest(request))).toEqual([]);
    } else if ('status' in expectation) {
      expect(answer.status).toBe(expectation.status);
      const body = JSON.parse(answer.body);
      expect(body.fields.map((field: { field: string }) => field.field)).toContain(
        expectation.field,
      );
      expect(body.message).toContain(expectation.field);
    } else if ('storedWithout' in expectation) {
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.body);
      expect(body).toMatchObject({ stored: true, recordingSid: EVENT.RecordingSid });
      expect(body.oddities.map((odd: { field: string }) => odd.field)).toEqual([
        expectation.storedWithout,
      ]);
      expect(logs.at(-1)).toMatchObject({
        level: 'warn',
        event: 'recording-status',
        oddities: [expect.objectContaining({ field: expectation.storedWithout })],
      });
    } else if ('json' in expectation) {
      expect(answer.status).toBe(expectation.json);
      expect(() => JSON.parse(answer.body)).not.toThrow();
    } else {
      expect(answer.status).toBe(200);
      expect(answer.contentType).toMatch(/xml/);
      const verbs = parseTwiml(answer.body);
      expect(verbs.map((verb) => verb.name)).toEqual(expectation.twiml);
      redirectsInside(verbs);
      // Nothing the caller said may appear in the TwiML, escaped or not.
      const said = row.params.SpeechResult;
      if (typeof said === 'string') expect(answer.body).not.toContain(said.slice(0, 20));
    }
  });
});
