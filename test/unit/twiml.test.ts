/**
 * The steps' TwiML writer against twilio-node's VoiceResponse, the one the runtime would
 * otherwise use (5.13.1, the Build's, and 4.23.0, the runtime handler's): the same verbs, with
 * every character that needs escaping in texts, attributes and URLs, parse to the same document.
 */
import { parseTwiml } from '../support/twiml';
import { redirectTwiml, voiceResponse } from '../../src/twilio/twiml';

interface Writer {
  say(attributes: object, text: string): unknown;
  gather(attributes: object): { say(attributes: object, text: string): unknown };
  redirect(attributes: object, url: string): unknown;
  hangup(): unknown;
  toString(): string;
}

const NASTY = 'Bye & <thanks> "quoted" \'single\' a\ttab\na line\r\nand é, 漢字, 🎙️ >';

const DOCUMENTS: Array<[string, (twiml: Writer) => void]> = [
  ['nothing', () => undefined],
  ['a Say with voice and language', (t) => t.say({ voice: 'Polly.Amy', language: 'en-GB' }, NASTY)],
  [
    'a Gather with a list, numbers and a nested Say, then a Redirect',
    (t) => {
      t.gather({
        input: ['dtmf', 'speech'],
        numDigits: 1,
        timeout: 5,
        speechTimeout: 'auto',
        hints: NASTY,
        language: 'en-US',
        action: '/recording-consent?Attempt=2&Note=a%20b',
        method: 'POST',
      }).say({ voice: 'alice' }, NASTY);
      t.redirect({ method: 'POST' }, '/recording-consent?Attempt=2&Note=<x>');
    },
  ],
  ['a Say, then a Hangup', (t) => (t.say({}, 'Goodbye.'), t.hangup())],
  ['an empty Say', (t) => t.say({}, '')],
];

const libraries: Array<[string, { twiml: { VoiceResponse: new () => unknown } }]> = [
  ['5.13.1', require('twilio')],
  ['4.23.0', require('twilio-4')],
];

describe.each(libraries)('against twilio-node %s', (_version, library) => {
  it.each(DOCUMENTS)('writes the same document: %s', (_name, build) => {
    const ours = voiceResponse() as unknown as Writer;
    const theirs = new library.twiml.VoiceResponse() as Writer;
    build(ours);
    build(theirs);
    expect(parseTwiml(ours.toString())).toEqual(parseTwiml(theirs.toString()));
  });
});

it('keeps every character a text and an attribute can carry, once escaped', () => {
  const twiml = voiceResponse();
  twiml.gather({ hints: NASTY }).say({}, NASTY);
  const [gather] = parseTwiml(twiml.toString());
  expect(gather.attributes.hints).toBe(NASTY);
  expect(gather.children[0].text).toBe(NASTY);
});

it('starts with the XML declaration and writes a verb with nothing inside as empty', () => {
  const written = voiceResponse().hangup().toString();
  expect(written.startsWith('<?xml version="1.0" encoding="UTF-8"?><Response>')).toBe(true);
  expect(parseTwiml(written)).toEqual([{ name: 'Hangup', attributes: {}, text: '', children: [] }]);
});

it('drops characters XML cannot carry instead of writing a document Twilio would refuse', () => {
  const twiml = voiceResponse().say({ voice: 'al\u0001ice' }, 'one\u0000two\u001Fthree\uFFFE');
  // twilio-node refuses the same text outright.
  expect(() => {
    const theirs = new (require('twilio').twiml.VoiceResponse)();
    theirs.say({}, 'one\u0000two');
    theirs.toString();
  }).toThrow();
  const [say] = parseTwiml(twiml.toString());
  expect(say).toMatchObject({ name: 'Say', attributes: { voice: 'alice' }, text: 'onetwothree' });
});

it('makes a Redirect by POST the whole document of a transition', () => {
  expect(parseTwiml(redirectTwiml('/recording-success?A=1&B=2').toString())).toEqual([
    {
      name: 'Redirect',
      attributes: { method: 'POST' },
      text: '/recording-success?A=1&B=2',
      children: [],
    },
  ]);
});
