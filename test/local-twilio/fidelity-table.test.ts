/**
 * The fidelity table: requests to the Call Recordings API, valid and invalid, each with the
 * answer Twilio documents and where it says so. The stand-in runs as Twilio does (lenient, its
 * defaults) and must give every documented answer: no false accept, no false reject. Where a
 * page documents a code but no HTTP status, 400 is taken for a refused request (Twilio's
 * status for a client error), and the row says so.
 *
 * Sources, abbreviated in the rows:
 *   spec        twilio_api_v2010.json (pinned in local/stand-in/twilio-oai/), the operation named
 *   recording   twilio.com/docs/voice/api/recording (the Recording resource page)
 *   errors/N    twilio.com/docs/api/errors/N
 *   changelog   twilio.com/en-us/changelog/fetch-deleted-call-recording-metadata- (deleted
 *               recordings: not found by default, IncludeSoftDeleted, metadata kept 40 days)
 */
import { operationsOf } from '../../local/stand-in/openapi';
import { responseProblems } from '../../local/stand-in/response-check';
import { startTwilioStandIn, type LocalTwilio } from '../../local/stand-in/server';
import { captureConsoleJson } from '../support/console-capture';
import { accountPath, standInRequest } from '../support/stand-in-request';

/** The state the call is in before the row's request. */
type Setup =
  | 'answered'
  | 'ringing'
  | 'ended'
  | 'recording'
  | 'paused'
  | 'two-recordings'
  | 'completed'
  | 'deleted';

interface Row {
  name: string;
  setup: Setup;
  method: 'GET' | 'POST' | 'DELETE';
  /** Path under the account, from the call and (when there is one) its recording. */
  path: (sids: { call: string; recording: string }) => string;
  params?: Record<string, string | string[]>;
  credentials?: 'none' | 'wrong';
  /** What Twilio answers: the status (any of them, when it documents several) and the code. */
  twilio: { status: number | number[]; code?: number };
  source: string;
}

const MISSING_CALL = 'CA' + '0'.repeat(32);
const MISSING_RECORDING = 'RE' + '0'.repeat(32);
const recordings = ({ call }: { call: string }) => `/Calls/${call}/Recordings.json`;
const recording = ({ call, recording }: { call: string; recording: string }) =>
  `/Calls/${call}/Recordings/${recording}.json`;
const current = ({ call }: { call: string }) => `/Calls/${call}/Recordings/Twilio.CURRENT.json`;
const accountRecording = ({ recording }: { recording: string }) => `/Recordings/${recording}.json`;
const CREATED = [200, 201];

const create = (name: string, params: Row['params'], twilio: Row['twilio'], source: string) =>
  ({ name, setup: 'answered', method: 'POST', path: recordings, params, twilio, source }) as Row;
const update = (
  name: string,
  setup: Setup,
  params: Row['params'],
  twilio: Row['twilio'],
  source: string,
  path: Row['path'] = recording,
) => ({ name, setup, method: 'POST', path, params, twilio, source }) as Row;

const ROWS: Row[] = [
  // CreateCallRecording: what is accepted.
  create(
    'start with no parameters',
    {},
    { status: CREATED },
    'spec CreateCallRecording: every field optional; answers 200 and 201',
  ),
  create(
    'RecordingChannels=dual',
    { RecordingChannels: 'dual' },
    { status: CREATED },
    'spec CreateCallRecording RecordingChannels: "mono or dual"',
  ),
  create(
    'RecordingChannels=mono',
    { RecordingChannels: 'mono' },
    { status: CREATED },
    'spec CreateCallRecording RecordingChannels: "mono or dual"',
  ),
  create(
    'Trim=trim-silence',
    { Trim: 'trim-silence' },
    { status: CREATED },
    'spec CreateCallRecording Trim: trim-silence or do-not-trim',
  ),
  create(
    'Trim=do-not-trim',
    { Trim: 'do-not-trim' },
    { status: CREATED },
    'spec CreateCallRecording Trim: trim-silence or do-not-trim',
  ),
  create(
    'RecordingTrack=inbound',
    { RecordingTrack: 'inbound' },
    { status: CREATED },
    'spec CreateCallRecording RecordingTrack: inbound, outbound or both',
  ),
  create(
    'RecordingTrack=outbound',
    { RecordingTrack: 'outbound' },
    { status: CREATED },
    'spec CreateCallRecording RecordingTrack: inbound, outbound or both',
  ),
  create(
    'RecordingTrack=both',
    { RecordingTrack: 'both' },
    { status: CREATED },
    'spec CreateCallRecording RecordingTrack: inbound, outbound or both',
  ),
  create(
    'RecordingStatusCallbackMethod=GET',
    { RecordingStatusCallbackMethod: 'GET' },
    { status: CREATED },
    'spec CreateCallRecording RecordingStatusCallbackMethod: enum GET, POST',
  ),
  create(
    'a status callback URL',
    { RecordingStatusCallback: 'https://example.com/status' },
    { status: CREATED },
    'spec CreateCallRecording RecordingStatusCallback: format uri',
  ),
  create(
    'events as repeated fields',
    { RecordingStatusCallbackEvent: ['in-progress', 'completed', 'absent'] },
    { status: CREATED },
    'spec CreateCallRecording RecordingStatusCallbackEvent: array of in-progress, completed, absent',
  ),
  create(
    'events as one space-separated value',
    { RecordingStatusCallbackEvent: 'in-progress completed' },
    { status: CREATED },
    'spec CreateCallRecording RecordingStatusCallbackEvent: "Separate multiple event values with a space"',
  ),
  create(
    'a misspelt parameter (RecordingChanels)',
    { RecordingChanels: 'dual' },
    { status: CREATED },
    'errors/20001: unknown parameters "were not recognized and were ignored"',
  ),
  // CreateCallRecording: what is refused.
  {
    name: 'start on a ringing call',
    setup: 'ringing',
    method: 'POST',
    path: recordings,
    twilio: { status: 400, code: 21220 },
    source:
      'errors/21220: a realtime operation on a Call that was not in-progress (status: 400 taken)',
  },
  {
    name: 'start on a completed call',
    setup: 'ended',
    method: 'POST',
    path: recordings,
    twilio: { status: 400, code: 21220 },
    source: 'errors/21220: "Calls that have completed cannot be recorded" (status: 400 taken)',
  },
  {
    name: 'start on a call that does not exist',
    setup: 'answered',
    method: 'POST',
    path: () => `/Calls/${MISSING_CALL}/Recordings.json`,
    twilio: { status: 404, code: 20404 },
    source: 'errors/20404: the requested resource was not found',
  },
  {
    name: 'a CallSid without the CA… shape',
    setup: 'answered',
    method: 'POST',
    path: () => '/Calls/CA123/Recordings.json',
    twilio: { status: 404, code: 20404 },
    source: 'spec CreateCallRecording CallSid: pattern ^CA[0-9a-fA-F]{32}$; errors/20404',
  },
  create(
    'RecordingChannels=stereo',
    { RecordingChannels: 'stereo' },
    { status: 400 },
    'spec CreateCallRecording RecordingChannels: "mono or dual" (no code documented)',
  ),
  create(
    'Trim=sometimes',
    { Trim: 'sometimes' },
    { status: 400 },
    'spec CreateCallRecording Trim: trim-silence or do-not-trim (no code documented)',
  ),
  create(
    'RecordingTrack=left',
    { RecordingTrack: 'left' },
    { status: 400 },
    'spec CreateCallRecording RecordingTrack: inbound, outbound or both (no code documented)',
  ),
  create(
    'RecordingStatusCallbackMethod=PUT',
    { RecordingStatusCallbackMethod: 'PUT' },
    { status: 400 },
    'spec CreateCallRecording RecordingStatusCallbackMethod: enum GET, POST (no code documented)',
  ),
  create(
    'RecordingStatusCallbackEvent=paused',
    { RecordingStatusCallbackEvent: 'paused' },
    { status: 400 },
    'spec CreateCallRecording RecordingStatusCallbackEvent: in-progress, completed, absent; errors/13621 names the mistake',
  ),
  {
    name: 'no credentials',
    setup: 'answered',
    method: 'POST',
    path: recordings,
    credentials: 'none',
    twilio: { status: 401, code: 20003 },
    source: 'errors/20003: authentication failed (HTTP 401)',
  },
  {
    name: 'wrong credentials',
    setup: 'answered',
    method: 'POST',
    path: recordings,
    credentials: 'wrong',
    twilio: { status: 401, code: 20003 },
    source: 'errors/20003: authentication failed (HTTP 401)',
  },
  // UpdateCallRecording: what is accepted.
  update(
    'stop',
    'recording',
    { Status: 'stopped' },
    { status: 200 },
    'recording: update Status to stopped; spec UpdateCallRecording answers 200',
  ),
  update(
    'pause',
    'recording',
    { Status: 'paused' },
    { status: 200 },
    'recording: update Status to paused',
  ),
  update(
    'pause, skipping the pause',
    'recording',
    { Status: 'paused', PauseBehavior: 'skip' },
    { status: 200 },
    'spec UpdateCallRecording PauseBehavior: "skip or silence"',
  ),
  update(
    'pause, recording silence',
    'recording',
    { Status: 'paused', PauseBehavior: 'silence' },
    { status: 200 },
    'spec UpdateCallRecording PauseBehavior: "skip or silence"',
  ),
  update(
    'resume a paused recording',
    'paused',
    { Status: 'in-progress' },
    { status: 200 },
    'recording: update Status to in-progress to resume',
  ),
  update(
    'stop by Twilio.CURRENT',
    'recording',
    { Status: 'stopped' },
    { status: 200 },
    'spec UpdateCallRecording: "Pass Twilio.CURRENT instead of recording sid"',
    current,
  ),
  update(
    'the spec’s own example, PlayBeep included',
    'recording',
    { Status: 'paused', PauseBehavior: 'skip', PlayBeep: 'true' },
    { status: 200 },
    'spec UpdateCallRecording example "update" sends PlayBeep, which the schema lacks',
  ),
  // UpdateCallRecording: what is refused.
  update(
    'Status=processing',
    'recording',
    { Status: 'processing' },
    { status: 400 },
    'recording: an update changes the status "to paused, stopped, or in-progress" only (no code documented)',
  ),
  update(
    'Status=completed',
    'recording',
    { Status: 'completed' },
    { status: 400 },
    'recording: an update changes the status "to paused, stopped, or in-progress" only (no code documented)',
  ),
  update(
    'Status=absent',
    'recording',
    { Status: 'absent' },
    { status: 400 },
    'recording: an update changes the status "to paused, stopped, or in-progress" only (no code documented)',
  ),
  update(
    'Status=bogus',
    'recording',
    { Status: 'bogus' },
    { status: 400 },
    'spec UpdateCallRecording Status: call_recording_enum_status (no code documented)',
  ),
  update(
    'no Status',
    'recording',
    {},
    { status: 400 },
    'spec UpdateCallRecording: Status is required (no code documented)',
  ),
  update(
    'PauseBehavior=drop',
    'recording',
    { Status: 'paused', PauseBehavior: 'drop' },
    { status: 400 },
    'spec UpdateCallRecording PauseBehavior: "skip or silence" (no code documented)',
  ),
  update(
    'Twilio.CURRENT with nothing recording',
    'answered',
    { Status: 'stopped' },
    { status: 404, code: 20404 },
    'spec UpdateCallRecording: Twilio.CURRENT is the "current active recording"; errors/20404',
    current,
  ),
  update(
    'Twilio.CURRENT with two recordings running',
    'two-recordings',
    { Status: 'stopped' },
    { status: 400, code: 16108 },
    'errors/16108: the call has more than one active recording (status: 400 taken)',
    current,
  ),
  update(
    'a recording that does not exist',
    'recording',
    { Status: 'stopped' },
    { status: 404, code: 20404 },
    'errors/20404: the requested resource was not found',
    ({ call }) => `/Calls/${call}/Recordings/${MISSING_RECORDING}.json`,
  ),
  // FetchCallRecording and ListCallRecording.
  {
    name: 'fetch a recording',
    setup: 'recording',
    method: 'GET',
    path: recording,
    twilio: { status: 200 },
    source: 'spec FetchCallRecording answers 200',
  },
  {
    name: 'fetch by Twilio.CURRENT',
    setup: 'recording',
    method: 'GET',
    path: current,
    twilio: { status: 404, code: 20404 },
    source:
      'spec FetchCallRecording Sid: pattern ^RE[0-9a-fA-F]{32}$ (Twilio.CURRENT is documented for update only); errors/20404',
  },
  {
    name: 'fetch a recording that does not exist',
    setup: 'recording',
    method: 'GET',
    path: ({ call }) => `/Calls/${call}/Recordings/${MISSING_RECORDING}.json`,
    twilio: { status: 404, code: 20404 },
    source: 'errors/20404',
  },
  {
    name: 'list recordings',
    setup: 'recording',
    method: 'GET',
    path: recordings,
    twilio: { status: 200 },
    source: 'spec ListCallRecording answers 200',
  },
  {
    name: 'list with PageSize=20',
    setup: 'recording',
    method: 'GET',
    path: recordings,
    params: { PageSize: '20' },
    twilio: { status: 200 },
    source: 'spec ListCallRecording PageSize: integer 1..1000',
  },
  {
    name: 'list with PageSize=0',
    setup: 'recording',
    method: 'GET',
    path: recordings,
    params: { PageSize: '0' },
    twilio: { status: 400 },
    source: 'spec ListCallRecording PageSize: minimum 1 (no code documented)',
  },
  {
    name: 'list with PageSize=1001',
    setup: 'recording',
    method: 'GET',
    path: recordings,
    params: { PageSize: '1001' },
    twilio: { status: 400 },
    source: 'spec ListCallRecording PageSize: maximum 1000 (no code documented)',
  },
  {
    name: 'list with PageSize=many',
    setup: 'recording',
    method: 'GET',
    path: recordings,
    params: { PageSize: 'many' },
    twilio: { status: 400 },
    source: 'spec ListCallRecording PageSize: integer (no code documented)',
  },
  // DeleteCallRecording, DeleteRecording, and what is left of a deleted recording.
  {
    name: 'delete a completed recording of the call',
    setup: 'completed',
    method: 'DELETE',
    path: recording,
    twilio: { status: 204 },
    source: 'spec DeleteCallRecording answers 204; recording: "delete voice recordings"',
  },
  {
    name: 'delete a completed recording of the account',
    setup: 'completed',
    method: 'DELETE',
    path: accountRecording,
    twilio: { status: 204 },
    source: 'spec DeleteRecording answers 204',
  },
  {
    name: 'delete a call’s recording that does not exist',
    setup: 'completed',
    method: 'DELETE',
    path: ({ call }) => `/Calls/${call}/Recordings/${MISSING_RECORDING}.json`,
    twilio: { status: 404, code: 20404 },
    source: 'errors/20404',
  },
  {
    name: 'delete an account’s recording that does not exist',
    setup: 'completed',
    method: 'DELETE',
    path: () => `/Recordings/${MISSING_RECORDING}.json`,
    twilio: { status: 404, code: 20404 },
    source: 'errors/20404',
  },
  {
    name: 'delete a recording already deleted',
    setup: 'deleted',
    method: 'DELETE',
    path: accountRecording,
    twilio: { status: 404, code: 20404 },
    source: 'changelog: "fetching a deleted recording returns not found"; errors/20404',
  },
  {
    name: 'fetch a deleted recording',
    setup: 'deleted',
    method: 'GET',
    path: accountRecording,
    twilio: { status: 404, code: 20404 },
    source: 'changelog: "By default, fetching a deleted recording returns not found"',
  },
  {
    name: 'fetch a deleted recording with IncludeSoftDeleted=true',
    setup: 'deleted',
    method: 'GET',
    path: accountRecording,
    params: { IncludeSoftDeleted: 'true' },
    twilio: { status: 200 },
    source: 'spec FetchRecording IncludeSoftDeleted; changelog: status "deleted", metadata kept',
  },
  {
    name: 'fetch a deleted recording through its call',
    setup: 'deleted',
    method: 'GET',
    path: recording,
    twilio: { status: 404, code: 20404 },
    source: 'spec FetchCallRecording has no IncludeSoftDeleted; changelog; errors/20404',
  },
  {
    name: 'list recordings with IncludeSoftDeleted=true',
    setup: 'deleted',
    method: 'GET',
    path: () => '/Recordings.json',
    params: { IncludeSoftDeleted: 'true' },
    twilio: { status: 200 },
    source: 'spec ListRecording IncludeSoftDeleted: boolean',
  },
  {
    name: 'list recordings with IncludeSoftDeleted=maybe',
    setup: 'deleted',
    method: 'GET',
    path: () => '/Recordings.json',
    params: { IncludeSoftDeleted: 'maybe' },
    twilio: { status: 400 },
    source: 'spec ListRecording IncludeSoftDeleted: boolean (no code documented)',
  },
  // FetchCall, and a path that names nothing.
  {
    name: 'fetch the call',
    setup: 'answered',
    method: 'GET',
    path: ({ call }) => `/Calls/${call}.json`,
    twilio: { status: 200 },
    source: 'spec FetchCall answers 200',
  },
  {
    name: 'fetch a call that does not exist',
    setup: 'answered',
    method: 'GET',
    path: () => `/Calls/${MISSING_CALL}.json`,
    twilio: { status: 404, code: 20404 },
    source: 'errors/20404',
  },
  {
    name: 'a path that names no resource',
    setup: 'answered',
    method: 'GET',
    path: () => '/Nothing.json',
    twilio: { status: 404, code: 20404 },
    source: 'errors/20404',
  },
];

let twilio: LocalTwilio;
const captured = captureConsoleJson();

beforeAll(async () => {
  twilio = await startTwilioStandIn();
});
afterAll(async () => {
  captured.restore();
  await twilio.close();
});

async function prepare(setup: Setup): Promise<{ call: string; recording: string }> {
  const call = twilio.createCall({
    from: '+15005550006',
    to: '+15005550001',
    direction: 'inbound',
  });
  if (setup !== 'ringing') twilio.answerCall(call.sid);
  if (setup === 'ended') twilio.endCall(call.sid);
  let sid = MISSING_RECORDING;
  const start = () =>
    standInRequest(twilio, 'POST', accountPath(twilio, recordings({ call: call.sid })));
  if (setup === 'recording' || setup === 'paused' || setup === 'two-recordings') {
    sid = String((await start()).body.sid);
  }
  if (setup === 'two-recordings') await start();
  if (setup === 'completed' || setup === 'deleted') {
    sid = String((await start()).body.sid);
    await twilio.clock.advance(3000);
    await standInRequest(
      twilio,
      'POST',
      accountPath(twilio, recording({ call: call.sid, recording: sid })),
      { Status: 'stopped' },
    );
    await twilio.settle(call.sid);
  }
  if (setup === 'deleted')
    await standInRequest(
      twilio,
      'DELETE',
      accountPath(twilio, accountRecording({ recording: sid })),
    );
  if (setup === 'paused')
    await standInRequest(
      twilio,
      'POST',
      accountPath(twilio, recording({ call: call.sid, recording: sid })),
      { Status: 'paused' },
    );
  return { call: call.sid, recording: sid };
}

const operations = [...operationsOf('twilio_api_v2010')];

describe.each(ROWS)('$name', (row) => {
  it(`gets Twilio’s documented answer (${row.source})`, async () => {
    const sids = await prepare(row.setup);
    const answer = await standInRequest(
      twilio,
      row.method,
      accountPath(twilio, row.path(sids)),
      row.params,
      {
        auth:
          row.credentials === 'none'
            ? false
            : row.credentials === 'wrong'
              ? `${twilio.accountSid}:not-the-token`
              : true,
      },
    );
    // Each row is its own check of no false accept and no false reject: the stand-in's status
    // must be one Twilio documents for the request.
    const statuses = ([] as number[]).concat(row.twilio.status);
    expect(statuses).toContain(answer.status);
    if (row.twilio.code !== undefined) expect(answer.body.code).toBe(row.twilio.code);
    const exchange = twilio.exchanges.at(-1);
    const operation = operations.find((candidate) => candidate.operationId === exchange?.operation);
    expect(responseProblems(operation, answer.status, exchange?.response)).toEqual([]);
  });
});

/** The table itself, read without running it: so it holds when a single row is run (`-t`). */
test('the table has 61 rows, each named once, accepts and refusals alike', () => {
  const accepted = (row: Row) => ([] as number[]).concat(row.twilio.status).every((s) => s < 300);
  expect(ROWS).toHaveLength(61);
  expect(new Set(ROWS.map((row) => row.name)).size).toBe(ROWS.length);
  expect(ROWS.filter(accepted).length).toBeGreaterThanOrEqual(15);
  expect(ROWS.filter((row) => !accepted(row)).length).toBeGreaterThanOrEqual(15);
});
