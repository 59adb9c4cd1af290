import type { ConsentSettings } from '../config/consent-settings';
import type { ConsentEntry } from '../recording-log/entries';

/** What the caller answered to the consent question, as the flow reads it. */
export interface ConsentAnswer {
  answer: 'yes' | 'no' | 'unclear';
  method: ConsentEntry['method'];
  digits?: string;
  speech?: string;
  confidence?: number;
}

/**
 * Reads the caller's answer: a key (the yes key or the no key), or words from the yes and no
 * lists (any case, whole words or phrases). Anything else, and an answer holding both a yes and
 * a no word, is unclear: the flow asks again rather than guess.
 */
export function readConsentAnswer(
  settings: Pick<ConsentSettings, 'yesKey' | 'noKey' | 'yesWords' | 'noWords'>,
  input: { digits?: string; speech?: string; confidence?: number },
): ConsentAnswer {
  if (input.digits) {
    const answer =
      input.digits === settings.yesKey ? 'yes' : input.digits === settings.noKey ? 'no' : 'unclear';
    return { answer, method: 'dtmf', digits: input.digits };
  }
  if (input.speech) {
    const spoken = ` ${normalise(input.speech)} `;
    const says = (words: string[]) => words.some((word) => spoken.includes(` ${normalise(word)} `));
    const yes = says(settings.yesWords);
    const no = says(settings.noWords);
    return {
      answer: yes && !no ? 'yes' : no && !yes ? 'no' : 'unclear',
      method: 'speech',
      speech: input.speech,
      ...(input.confidence !== undefined ? { confidence: input.confidence } : {}),
    };
  }
  return { answer: 'unclear', method: 'none' };
}

/** Lower case, curly apostrophes straightened, punctuation and runs of spaces made one space. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}
