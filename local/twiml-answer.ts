import { parseTwiml, type TwimlNode } from './twiml-document';

/**
 * How Twilio reads the answer to a TwiML request, by its Content-Type ("Twilio understands MIME
 * types", twilio.com/docs/voice/twiml): text/xml, application/xml and text/html are TwiML;
 * text/plain is said, then the call hangs up; an audio file is played, then the call hangs up.
 * Assumption [twiml-audio-types]: the audio types Twilio plays this way are the ones <Play>
 * lists (twilio.com/docs/voice/twiml/play, "Supported audio file types"); another audio type is
 * refused like any type Twilio cannot read (12300).
 * Assumption [twiml-untyped-answer]: an answer with no Content-Type fails as 12300 too; the 12300
 * page says only that it "will appear in the Debugger as a 502 Bad Gateway error", a failure
 * either way.
 */
export type AnswerKind = 'twiml' | 'text' | 'audio';

const KINDS: Record<string, AnswerKind> = {
  'text/xml': 'twiml',
  'application/xml': 'twiml',
  'text/html': 'twiml',
  'text/plain': 'text',
  ...Object.fromEntries(
    [
      'audio/mpeg',
      'audio/wav',
      'audio/wave',
      'audio/x-wav',
      'audio/aiff',
      'audio/x-aifc',
      'audio/x-aiff',
      'audio/x-gsm',
      'audio/gsm',
      'audio/ulaw',
    ].map((type) => [type, 'audio' as const]),
  ),
};

/** The kind of answer a Content-Type makes (its parameters, such as charset, aside). */
export function answerKind(contentType: string | undefined): AnswerKind | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase();
  return type === undefined ? undefined : KINDS[type];
}

const verb = (name: string, text = ''): TwimlNode => ({ name, attributes: {}, text, children: [] });

/** The verbs an answer stands for; throws when TwiML does not parse. */
export function verbsOfAnswer(kind: AnswerKind, body: string, url: string): TwimlNode[] {
  if (kind === 'twiml') return parseTwiml(body);
  return [kind === 'text' ? verb('Say', body) : verb('Play', url), verb('Hangup')];
}
