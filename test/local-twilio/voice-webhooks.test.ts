/**
 * The voice engine's TwiML requests fail as Twilio's do (twilio.com/docs/api/errors/11200, 11205,
 * 11750, 12100, 12300), read an answer by its Content-Type, and fall back to a number's voice
 * fallback URL (twilio.com/docs/usage/security/availability-reliability); verbs it does not
 * simulate are never skipped silently.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  MAX_TWIML_BYTES,
  placeCall,
  WEBHOOK_DEADLINE_MS,
  type CallResult,
} from '../../local/call-driver';
import type { LocalTwilio } from '../../local/stand-in/server';
import { startTestStandIn } from '../support/local-twilio';
import { startTwimlApp, twimlDocument } from '../support/twiml-app';

const xml = twimlDocument;
/** A document of exactly `bytes` bytes: a <Say> padded with an XML comment. */
const sized = (bytes: number) => {
  const bare = xml('<Say>Hello</Say><!---->');
  return xml(`<Say>Hello</Say><!--${'x'.repeat(bytes - bare.length)}-->`);
};

let twilio: LocalTwilio;
let app: Awaited<ReturnType<typeof startTwimlApp>>;
let hanging: Server;
let hangingUrl: string;

beforeAll(async () => {
  twilio = await startTestStandIn();
  app = await startTwimlApp({
    '/hello': xml('<Say>Hello</Say>'),
    '/not-xml': 'Internal error: stack trace follows',
    '/control-character': xml('<Say>Hello\u0001</Say>'),
    '/control-reference': xml('<Say voice="&#1;">Hello</Say>'),
    '/json': { contentType: 'application/json', body: '{"error":"unexpected-error"}' },
    '/untyped': { contentType: undefined, body: xml('<Say>Hello</Say>') },
    '/plain': { contentType: 'text/plain; charset=utf-8', body: 'Hello & goodbye <3' },
    '/application-xml': { contentType: 'application/xml', body: xml('<Say>Hello</Say>') },
    '/html': { contentType: 'text/html; charset=utf-8', body: xml('<Say>Hello</Say>') },
    // Larger than a TwiML document may be: an audio file is played, not read.
    '/audio': { contentType: 'audio/mpeg', body: 'ID3'.padEnd(MAX_TWIML_BYTES + 1, '\u00ff') },
    '/ogg': { contentType: 'audio/ogg', body: 'OggS' },
    '/just-fits': sized(MAX_TWIML_BYTES),
    '/too-large': sized(MAX_TWIML_BYTES + 1),
    '/fallback': xml('<Say>Sorry, we are having trouble</Say><Hangup/>'),
    '/dial': xml('<Say>Connecting you</Say><Dial>+15005550006</Dial><Say>Goodbye</Say>'),
    '/gather': xml(
      '<Gather input="speech" action="/hello"><Play>https://example.com/jingle.mp3</Play><Pause length="2"/><Say>Speak now</Say></Gather>',
    ),
    '/gather-record': xml('<Gather input="dtmf"><Record/></Gather>'),
  });
  hanging = createServer(() => undefined);
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  hangingUrl = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
});
afterAll(async () => {
  hanging.closeAllConnections();
  await new Promise<void>((resolve) => hanging.close(() => resolve()));
  await app.close();
  await twilio.close();
});

const kinds = (result: CallResult, kind: string) =>
  result.transcript.filter((entry) => entry.kind === kind).map((entry) => entry.text);
const sent = (callSid: string) =>
  app.received.filter((request) => request.params.CallSid === callSid);
let numbers = 0;
/** A number of the account whose voice URL is `voiceUrl`, with the app's /fallback or none. */
function number(voiceUrl: string, fallback?: 'GET' | 'POST'): string {
  numbers += 1;
  const phoneNumber = `+1555300${String(numbers).padStart(4, '0')}`;
  twilio.phoneNumbers.add(phoneNumber, {
    voiceUrl,
    ...(fallback ? { voiceFallbackUrl: `${app.url}/fallback`, voiceFallbackMethod: fallback } : {}),
  });
  return phoneNumber;
}

describe('a TwiML request that fails', () => {
  it('waits 15 seconds for an answer and allows 64 kB of TwiML, as Twilio does', () => {
    expect(WEBHOOK_DEADLINE_MS).toBe(15_000);
    expect(MAX_TWIML_BYTES).toBe(64_000);
  });

  it.each([
    ['a 404', '/missing', 11200],
    ['a body that is not TwiML', '/not-xml', 12100],
    ['a character XML does not allow', '/control-character', 12100],
    ['a reference to one', '/control-reference', 12100],
    ['a document over 64 kB', '/too-large', 11750],
    ['a JSON answer', '/json', 12300],
    ['an answer with no Content-Type', '/untyped', 12300],
    ['an audio type <Play> does not list', '/ogg', 12300],
  ])('ends the call when there is no fallback URL: %s (%s) is %d', async (_name, path, code) => {
    const result = await placeCall(twilio, app.url, { webhookPath: path });
    expect(kinds(result, 'error')).toEqual([expect.stringMatching(new RegExp(`^${code} `))]);
    expect(result.transcript.at(-1)).toMatchObject({ kind: 'hangup' });
    expect(result.webhooks).toBe(1);
  });

  it.each(['/application-xml', '/html'])('reads %s as TwiML, as text/xml', async (path) => {
    const result = await placeCall(twilio, app.url, { webhookPath: path });
    expect(kinds(result, 'error')).toEqual([]);
    expect(kinds(result, 'say')).toEqual(['"Hello"']);
  });

  it('says a text/plain answer, then hangs up', async () => {
    const result = await placeCall(twilio, app.url, { webhookPath: '/plain' });
    expect(kinds(result, 'error')).toEqual([]);
    expect(kinds(result, 'say')).toEqual(['"Hello & goodbye <3"']);
    expect(result.transcript.at(-1)).toMatchObject({ kind: 'hangup' });
  });

  it('plays an audio answer of any size, then hangs up', async () => {
    const result = await placeCall(twilio, app.url, { webhookPath: '/audio' });
    expect(kinds(result, 'error')).toEqual([]);
    expect(kinds(result, 'twiml')).toEqual(['Play, Hangup']);
    expect(result.transcript.at(-1)).toMatchObject({ kind: 'hangup' });
  });

  it('takes a document of exactly 64 kB', async () => {
    const result = await placeCall(twilio, app.url, { webhookPath: '/just-fits' });
    expect(kinds(result, 'error')).toEqual([]);
    expect(kinds(result, 'say')).toEqual(['"Hello"']);
  });

  it('times out (11205) when no answer comes within the deadline', async () => {
    const result = await placeCall(twilio, hangingUrl, {
      webhookPath: '/slow',
      webhookDeadlineMs: 200,
    });
    expect(kinds(result, 'error')).toEqual([expect.stringMatching(/^11205 no answer from /)]);
  });
});

describe('a number’s voice fallback URL', () => {
  it.each([
    ['a 404', `/missing`, 11200],
    ['a body that is not TwiML', '/not-xml', 12100],
    ['a document over 64 kB', '/too-large', 11750],
    ['a JSON answer', '/json', 12300],
  ])('is requested after %s (%s), with ErrorCode %d and ErrorUrl', async (_name, path, code) => {
    const phoneNumber = number(`${app.url}${path}`, 'POST');
    const result = await placeCall(twilio, app.url, { number: phoneNumber });
    const [failed, fallback] = sent(result.callSid);
    expect(failed.path).toBe(path);
    expect(fallback).toMatchObject({
      path: '/fallback',
      params: { ErrorCode: String(code), ErrorUrl: `${app.url}${path}`, To: phoneNumber },
    });
    expect(kinds(result, 'say')).toEqual(['"Sorry, we are having trouble"']);
    expect(result).toMatchObject({ status: 'completed', webhooks: 2 });
  });

  it('is requested after a timeout (11205), with its own method', async () => {
    const phoneNumber = number(`${hangingUrl}/slow`, 'GET');
    const result = await placeCall(twilio, app.url, {
      number: phoneNumber,
      webhookDeadlineMs: 200,
    });
    expect(kinds(result, 'webhook')[1]).toMatch(/^GET \/fallback .*ErrorCode=11205$/);
    // By GET the parameters are in the query string, which the app does not read.
    expect(app.received.at(-1)).toMatchObject({ path: '/fallback', params: {} });
    expect(result.status).toBe('completed');
  });

  it('is not requested when the voice URL answers', async () => {
    const result = await placeCall(twilio, app.url, { number: number(`${app.url}/hello`, 'POST') });
    expect(sent(result.callSid).map((request) => request.path)).toEqual(['/hello']);
  });

  it('ends the call when it fails too', async () => {
    twilio.phoneNumbers.add('+15553999999', {
      voiceUrl: `${app.url}/missing`,
      voiceFallbackUrl: `${app.url}/also-missing`,
    });
    const result = await placeCall(twilio, app.url, { number: '+15553999999' });
    expect(kinds(result, 'error')).toEqual([
      expect.stringMatching(/^11200 404 from .*\/missing/),
      expect.stringMatching(/^11200 404 from .*\/also-missing.*\(the fallback URL\)$/),
    ]);
    expect(result.webhooks).toBe(2);
    expect(result.transcript.at(-1)).toMatchObject({ kind: 'hangup' });
  });
});

describe('verbs the voice engine does not simulate', () => {
  it('are skipped with a warning, the rest of the document carried out', async () => {
    twilio.settings.strict = false;
    let result: CallResult;
    try {
      result = await placeCall(twilio, app.url, { webhookPath: '/dial' });
    } finally {
      twilio.settings.strict = true;
    }
    expect(kinds(result, 'warning')).toEqual([
      '<Dial> is not simulated by the local voice engine: skipped',
    ]);
    expect(kinds(result, 'say')).toEqual(['"Connecting you"', '"Goodbye"']);
  });

  it('end the call as an application error in strict mode', async () => {
    const result = await placeCall(twilio, app.url, { webhookPath: '/dial' });
    expect(kinds(result, 'error')).toEqual([
      '<Dial> is not simulated by the local voice engine (strict mode)',
    ]);
    expect(kinds(result, 'say')).toEqual(['"Connecting you"']);
    expect(result.transcript.at(-1)).toMatchObject({ kind: 'hangup' });
  });

  it('are named inside a <Gather> too', async () => {
    const result = await placeCall(twilio, app.url, { webhookPath: '/gather-record' });
    expect(kinds(result, 'error')).toEqual([
      '<Record> in <Gather> is not simulated by the local voice engine (strict mode)',
    ]);
  });
});

describe('a <Gather>', () => {
  it('plays its <Play> and keeps its <Pause> before it listens, each taking its time', async () => {
    const result = await placeCall(twilio, app.url, { webhookPath: '/gather', speech: ['Fine'] });
    const heard = result.transcript.filter((entry) => entry.kind === 'say');
    expect(heard.map((entry) => [entry.at, entry.text])).toEqual([
      [0, '(audio) https://example.com/jingle.mp3'],
      [5, '"Speak now"'],
      [expect.any(Number), '"Hello"'],
    ]);
    expect(twilio.media.segments(result.callSid).map((segment) => segment.kind)).toEqual([
      'audio',
      'speech',
      'speech',
      'speech',
    ]);
  });
});
