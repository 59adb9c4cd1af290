/**
 * The voice engine reports what is heard on a call, on the stand-in's clock: what the flow says
 * and plays (outbound), what the caller says and presses (inbound). Recordings are rendered from
 * this timeline.
 */
import { placeCall } from '../../local/call-driver';
import type { LocalTwilio } from '../../local/stand-in/server';
import { startTestStandIn } from '../support/local-twilio';
import { startTwimlApp, twimlDocument } from '../support/twiml-app';

const xml = twimlDocument;

let twilio: LocalTwilio;
let app: Awaited<ReturnType<typeof startTwimlApp>>;

beforeAll(async () => {
  twilio = await startTestStandIn();
  app = await startTwimlApp({
    '/start': xml(
      '<Say>Welcome to the survey</Say><Play>https://example.com/chime.mp3</Play>' +
        '<Pause length="2"/><Gather input="dtmf" action="/keys"><Say>Press a key</Say></Gather>',
    ),
    '/keys': xml('<Gather input="speech" action="/done"><Say>Any comments</Say></Gather>'),
    '/done': xml('<Say></Say><Hangup/>'),
  });
});
afterAll(async () => {
  await app.close();
  await twilio.close();
});

it('reports each sound with its track, kind, text and length, one after the other', async () => {
  const result = await placeCall(twilio, app.url, {
    webhookPath: '/start',
    answers: [{ press: '42' }, { say: 'it was fine thanks' }],
  });
  const call = twilio.getCall(result.callSid);
  const segments = twilio.media.segments(result.callSid);
  expect(
    segments.map(({ track, kind, text, durationMs }) => [track, kind, text, durationMs]),
  ).toEqual([
    ['outbound', 'speech', 'Welcome to the survey', 1600],
    ['outbound', 'audio', 'https://example.com/chime.mp3', 3000],
    ['outbound', 'speech', 'Press a key', 1200],
    // Two keys 700 ms apart, each tone 100 ms long: the sound ends with the second tone.
    ['inbound', 'dtmf', '42', 800],
    ['outbound', 'speech', 'Any comments', 800],
    ['inbound', 'speech', 'it was fine thanks', 1600],
  ]);
  const offsets = segments.map((segment) => segment.startMs - (call?.answeredAt ?? NaN));
  // The Pause's 2 s pass in silence; the keys take 1.4 s; the empty Say makes no sound.
  expect(offsets).toEqual([0, 1600, 6600, 7800, 9200, 10_000]);
});

it('refuses a sound on a call it does not know', () => {
  expect(() =>
    twilio.media.heard('CA' + '0'.repeat(32), {
      track: 'inbound',
      kind: 'speech',
      text: 'hello',
      startMs: twilio.clock.now(),
      durationMs: 400,
    }),
  ).toThrow(/not found/);
});
