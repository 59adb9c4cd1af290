/**
 * When the simulated voice engine answers a call: on any response but one whose first verb is
 * <Reject> (twilio.com/docs/voice/twiml/reject: "the only way to prevent Twilio from answering
 * a call"), before it runs that first verb.
 */
import { formatTranscript, placeCall } from '../../local/call-driver';
import type { LocalTwilio } from '../../local/stand-in/server';
import { startTestStandIn } from '../support/local-twilio';
import { captureConsoleJson } from '../support/console-capture';
import { accountPath, standInRequest } from '../support/stand-in-request';
import { startTwimlApp, twimlDocument } from '../support/twiml-app';

const xml = twimlDocument;

let twilio: LocalTwilio;
let app: Awaited<ReturnType<typeof startTwimlApp>>;

beforeAll(async () => {
  twilio = await startTestStandIn();
  app = await startTwimlApp({
    '/redirect-first': xml('<Redirect>/say</Redirect>'),
    '/say': xml('<Say>Hello</Say>'),
    '/hangup-first': xml('<Hangup/>'),
    '/empty': xml(''),
    '/reject': xml('<Reject/>'),
    '/reject-busy': xml('<Reject reason="busy"/>'),
    '/say-then-reject': xml('<Say>One moment</Say><Reject/>'),
    // An application that sends the REST API a parameter Twilio does not know.
    '/unknown-parameter': async ({ CallSid }) => {
      await standInRequest(twilio, 'GET', accountPath(twilio, `/Calls/${CallSid}.json`), {
        PlayBeep: 'true',
      });
      return xml('<Say>Hello</Say>');
    },
  });
});
afterAll(async () => {
  await app.close();
  await twilio.close();
});

const call = (webhookPath: string) => placeCall(twilio, app.url, { webhookPath });
const callStatusesPosted = (callSid: string) =>
  app.received
    .filter((request) => request.params.CallSid === callSid)
    .map((request) => `${request.path} ${request.params.CallStatus}`);

it('answers on a first <Redirect>, so the next webhook says in-progress', async () => {
  const result = await call('/redirect-first');
  expect(callStatusesPosted(result.callSid)).toEqual([
    '/redirect-first ringing',
    '/say in-progress',
  ]);
  expect(result.status).toBe('completed');
});

it.each([
  ['a first <Hangup>', '/hangup-first'],
  ['an empty document', '/empty'],
  ['a <Reject> after the call was answered', '/say-then-reject'],
])('ends %s as an answered call: completed', async (_name, path) => {
  const result = await call(path);
  expect(result.status).toBe('completed');
  expect(twilio.getCall(result.callSid)?.answeredAt).toBeDefined();
});

it.each([
  ['reason="rejected" (the default)', '/reject', 'no-answer'],
  ['reason="busy"', '/reject-busy', 'busy'],
])('never answers a call whose first verb is <Reject> %s', async (_name, path, status) => {
  const result = await call(path);
  expect(result.status).toBe(status);
  expect(twilio.getCall(result.callSid)?.answeredAt).toBeUndefined();
});

it('shows an unknown parameter Twilio ignores as a warning line in the transcript', async () => {
  const captured = captureConsoleJson();
  twilio.settings.strict = false;
  let result;
  try {
    result = await call('/unknown-parameter');
  } finally {
    twilio.settings.strict = true;
    captured.restore();
  }
  expect(result.transcript.filter((entry) => entry.kind === 'warning')).toEqual([
    expect.objectContaining({
      text: expect.stringMatching(/^20001 Unknown parameter PlayBeep for FetchCall/),
    }),
  ]);
  expect(formatTranscript(result)).toMatch(/WARNING\s+20001 Unknown parameter PlayBeep/);
  expect(captured.lines).toContainEqual(
    expect.objectContaining({ event: 'stand-in.unknown-parameters', parameters: ['PlayBeep'] }),
  );
});
