import type { GatherAnswer } from './call-script';
import {
  END_OF_SPEECH_MS,
  ENDED,
  KEY_PRESS_MS,
  SPEAKING_MS_PER_WORD,
  words,
  type CallSession,
  type Outcome,
} from './call-session';
import { DTMF_TONE_MS } from './stand-in/media/dtmf';
import type { TwimlNode } from './twiml-document';
import type { Method } from './twiml-fetch';

/** What the simulated engine carries out inside a <Gather>. */
const SIMULATED_IN_GATHER = new Set(['Say', 'Play', 'Pause']);

/** The method a Redirect or Gather asks for; POST unless GET is named. */
export const methodOf = (verb: TwimlNode): Method =>
  verb.attributes.method?.toUpperCase() === 'GET' ? 'GET' : 'POST';

/** The caller's next answer, taken if this Gather can take it (silence always fits). */
function takeAnswer(answers: GatherAnswer[], verb: TwimlNode): GatherAnswer | undefined {
  const accepts = (verb.attributes.input ?? 'dtmf').split(/\s+/);
  const answer = answers[0];
  const fits =
    answer !== undefined &&
    ('silent' in answer ||
      ('say' in answer && accepts.includes('speech')) ||
      ('press' in answer && accepts.includes('dtmf')));
  if (!fits) return undefined;
  answers.shift();
  return answer;
}

/** The caller speaks; what the Gather's action is told. */
async function speak(session: CallSession, said: string): Promise<Record<string, string>> {
  session.note('caller', `"${said}"`);
  const durationMs = words(said) * SPEAKING_MS_PER_WORD;
  if (durationMs > 0) session.hear({ track: 'inbound', kind: 'speech', text: said, durationMs });
  await session.caller.sleep(durationMs + END_OF_SPEECH_MS);
  return { SpeechResult: said, Confidence: '0.92' };
}

/** The caller presses keys; what the Gather's action is told. */
async function press(session: CallSession, keys: string): Promise<Record<string, string>> {
  session.note('caller', `(presses ${keys})`);
  // One key every KEY_PRESS_MS, each sounding for DTMF_TONE_MS: the segment ends with the last
  // tone, so trim-silence finds the sound's true end.
  if (keys.length > 0)
    session.hear({
      track: 'inbound',
      kind: 'dtmf',
      text: keys,
      durationMs: (keys.length - 1) * KEY_PRESS_MS + DTMF_TONE_MS,
    });
  await session.caller.sleep(keys.length * KEY_PRESS_MS);
  return { Digits: keys };
}

/**
 * A <Gather>: its prompts, then the caller's answer (speech or keys) sent to its action, or
 * silence for its timeout, after which the document goes on (undefined) unless
 * actionOnEmptyResult asks for the action anyway.
 */
export async function runGather(
  session: CallSession,
  verb: TwimlNode,
  documentUrl: string,
): Promise<Outcome | undefined> {
  session.gathers += 1;
  for (const nested of verb.children) {
    if (SIMULATED_IN_GATHER.has(nested.name)) await session.sound(nested);
    else if (await session.skipped(nested, 'in <Gather>')) return ENDED;
  }
  if (session.script.hangUpDuringGather === session.gathers) {
    session.note('caller', '(hangs up)');
    await session.hangUp('the caller hangs up during the question');
    return ENDED;
  }
  const url = new URL(verb.attributes.action || documentUrl, documentUrl).toString();
  const action = { url, method: methodOf(verb) };
  const answer = takeAnswer(session.answers, verb);
  if (answer && 'say' in answer)
    return { next: { ...action, extra: await speak(session, answer.say) } };
  if (answer && 'press' in answer)
    return { next: { ...action, extra: await press(session, answer.press) } };
  session.note('wait', `(silence for ${verb.attributes.timeout ?? '5'} s)`);
  await session.caller.sleep(Number(verb.attributes.timeout ?? 5) * 1000);
  return verb.attributes.actionOnEmptyResult === 'true'
    ? { next: { ...action, extra: {} } }
    : undefined;
}
